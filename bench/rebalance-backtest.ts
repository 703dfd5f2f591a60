/**
 * Rebalancing backtest (issue 6): the default fleet on the NYC taxi trace with the run's Spot prices, the autopilot with
 * its rebalancer and GPU alarms against the same autopilot on a fixed mix, the seed's static on-demand p3.2xlarge,
 * reactive target tracking and the oracle; on the sampled Spot market and with one pool that keeps being reclaimed.
 */
import { performance } from 'node:perf_hooks';
import type { ReplayedInterruption } from '../sim/market/interruption-replay';
import type { Policy } from '../sim/model/policy';
import type { SimulationReport } from '../sim/model/report';
import { autopilotPolicy, type AutopilotPolicy } from '../sim/policies/autopilot-policy';
import { staticPolicy } from '../sim/policies/static-policy';
import { targetTrackingPolicy } from '../sim/policies/target-tracking-policy';
import { runSimulation } from '../sim/run-simulation';
import { DEFAULT_SEED, defaultFleet, defaultTrace, specOf } from '../sim/scenarios/default-scenario';
import { DEFAULT_RUN_START_MS } from '../sim/scenarios/default-trace';

export const SEED_CASE = 'static (p3.2xlarge, on-demand)';
export const FIXED_MIX = 'autopilot, fixed mix (no rebalancer)';
export const REBALANCING = 'autopilot with rebalancing';
const HOUR_MS = 3_600_000;

export interface RebalanceRow {
  policy: string;
  totalUsd: number;
  /** 1 - cost / the seed case's cost. */
  cheaperThanSeed: number;
  sloAttainment: number;
  lost: number;
  interruptionsPerDay: number;
  /** Rolling replacements by the rebalancer (undefined for policies without one). */
  replacementsPerDay?: number;
  replacementsPerFleetHour?: number;
  ratioToOracle: number;
}

export interface RebalanceCase {
  label: string;
  days: number;
  oracleUsd: number;
  rows: RebalanceRow[];
  wallSeconds: number;
}

/** EC2 reclaims a Spot instance of `instanceType` in `zone` every `everyHours` (the oldest one there, if any). */
export const reclaimsOf = (startMs: number, days: number, instanceType: string, zone: string, everyHours: number): ReplayedInterruption[] =>
  Array.from({ length: Math.floor((days * 24) / everyHours) }, (_, i) => ({ atMs: startMs + (i + 0.5) * everyHours * HOUR_MS, instanceType, availabilityZone: zone, line: i + 2 }));

const rowsOf = (report: SimulationReport, days: number, autopilots: Map<string, AutopilotPolicy>): RebalanceRow[] => {
  const seed = report.policies.find((p) => p.policy === SEED_CASE);
  return report.policies.map((p) => {
    const replacements = autopilots.get(p.policy)?.stats().replacements;
    return {
      policy: p.policy,
      totalUsd: p.totalUsd,
      cheaperThanSeed: seed ? 1 - p.totalUsd / seed.totalUsd : Number.NaN,
      sloAttainment: p.sloAttainment,
      lost: p.requests.lost,
      interruptionsPerDay: p.interruptions / days,
      ...(replacements === undefined ? {} : { replacementsPerDay: replacements / days, replacementsPerFleetHour: replacements / (days * 24) }),
      ratioToOracle: p.ratioToOracle,
    };
  });
};

const runCase = async (label: string, days: number, replay?: ReplayedInterruption[]): Promise<RebalanceCase> => {
  const fleet = defaultFleet();
  const types = Object.keys(fleet.capacityUnitsByType);
  const autopilots = new Map<string, AutopilotPolicy>();
  const keep = (policy: AutopilotPolicy): Policy => {
    autopilots.set(policy.name, policy);
    return policy;
  };
  const policies: (() => Policy)[] = [
    () => staticPolicy({ instanceType: 'p3.2xlarge', name: SEED_CASE }),
    () => targetTrackingPolicy({ name: 'reactive (on-demand)', instanceTypes: types }),
    () => targetTrackingPolicy({ name: 'reactive (70% spot)', instanceTypes: types, spotShare: 0.7 }),
    () => keep(autopilotPolicy({ name: FIXED_MIX, rebalancer: false })),
    () => keep(autopilotPolicy({ name: REBALANCING })),
  ];
  const started = performance.now();
  const report = await runSimulation({ name: label, spec: specOf(fleet), trace: defaultTrace(days), seed: DEFAULT_SEED, policies, ...(replay ? { replay } : {}) });
  return { label, days, oracleUsd: report.oracle.totalUsd, rows: rowsOf(report, days, autopilots), wallSeconds: (performance.now() - started) / 1000 };
};

/**
 * Two cases on the default fleet and trace: the Spot market as sampled from the advisor buckets (`days`), and the same
 * demand while EC2 reclaims the fleet's cheapest Spot pool (g6e.xlarge, us-east-1a) every hour (`stressDays`).
 */
export const benchRebalanceBacktest = async (options: { days: number; stressDays: number }): Promise<RebalanceCase[]> => {
  return [
    await runCase('sampled Spot market', options.days),
    await runCase('g6e.xlarge us-east-1a reclaimed hourly', options.stressDays, reclaimsOf(DEFAULT_RUN_START_MS, options.stressDays, 'g6e.xlarge', 'us-east-1a', 1)),
  ];
};

const pct = (v: number): string => `${(v * 100).toFixed(v >= 0.999 && v < 1 ? 2 : 1)}%`;

/** The table lines, with the issue's goals checked on the rebalancing row (against the seed case of the same run). */
export const formatRebalanceBacktest = (cases: RebalanceCase[]): string[] =>
  cases.flatMap((c) => {
    const lines = [`  ${c.label}, ${c.days} d (oracle $${c.oracleUsd.toFixed(2)}; ${c.wallSeconds.toFixed(0)} s wall)`];
    for (const r of c.rows) {
      const replacements = r.replacementsPerFleetHour === undefined ? '' : `  replacements ${(r.replacementsPerDay ?? 0).toFixed(1)}/day = ${r.replacementsPerFleetHour.toFixed(3)} per fleet-hour`;
      lines.push(`    ${r.policy.padEnd(38)} $${r.totalUsd.toFixed(2).padStart(9)}  ${r.policy === SEED_CASE ? '(baseline)       ' : `${pct(r.cheaperThanSeed).padStart(6)} cheaper`}  ratio to oracle ${r.ratioToOracle.toFixed(2)}x  SLO ${pct(r.sloAttainment)}  lost ${r.lost}  interruptions ${r.interruptionsPerDay.toFixed(1)}/day${replacements}`);
    }
    const best = c.rows.find((r) => r.policy === REBALANCING);
    const fixed = c.rows.find((r) => r.policy === FIXED_MIX);
    if (best) {
      const met = best.cheaperThanSeed >= 0.7 && best.sloAttainment >= 0.999 && (best.replacementsPerFleetHour ?? 0) < 1;
      lines.push(`    goal (>= 70% cheaper than the seed case at >= 99.9% SLO, < 1 replacement per fleet-hour): ${met ? 'met' : 'NOT met'}`);
      if (fixed) lines.push(`    rebalancing vs the fixed mix: ${(best.totalUsd / fixed.totalUsd).toFixed(3)}x the cost, ${best.interruptionsPerDay.toFixed(1)} vs ${fixed.interruptionsPerDay.toFixed(1)} interruptions/day`);
    }
    return lines;
  });
