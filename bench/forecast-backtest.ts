/**
 * Forecast scaling backtest: on every trace of ../shared/data with a daily cycle, weeks simulated after four weeks of
 * warm-up history, the forecasting autopilot against reactive target tracking and the oracle, in one run each.
 */
import { performance } from 'node:perf_hooks';
import type { FleetConfig, Market } from '../layers/core/fleet';
import { PRICE_STEP_MS } from '../sim/market/price-book';
import type { Policy } from '../sim/model/policy';
import type { OracleResult, SimulationReport } from '../sim/model/report';
import { marketOracleCost } from '../sim/oracle/market-oracle';
import { autopilotPolicy } from '../sim/policies/autopilot-policy';
import { targetTrackingPolicy } from '../sim/policies/target-tracking-policy';
import { runSimulation, simulationPriceBook, type SimulationInput } from '../sim/run-simulation';
import { DEFAULT_SEED, DEFAULT_STEP_SECONDS, defaultFleet, specOf } from '../sim/scenarios/default-scenario';
import { toDemandTraceWithWarmup } from '../sim/trace/with-warmup';
import { dailyTraces, type SkippedTrace } from './daily-traces';

export interface BacktestScale {
  label: string;
  peakQps: number;
  troughQps: number;
  /** The fleet's maximum, above the peak so it never caps the comparison. */
  maxCapacityUnits: number;
}

/** The default scenario's fleet at the seed's figures, and ten times bigger (where whole instances matter less). */
export const BACKTEST_SCALES: BacktestScale[] = [
  { label: '50-1,000 QPS', peakQps: 1_000, troughQps: 50, maxCapacityUnits: 5_000 },
  { label: '500-10,000 QPS', peakQps: 10_000, troughQps: 500, maxCapacityUnits: 20_000 },
];

export const REACTIVE = 'reactive (on-demand)';
export const REACTIVE_SPOT = 'reactive (70% spot)';
export const FORECAST_ON_DEMAND = 'autopilot (forecast, on-demand)';
export const FORECAST_SPOT = 'autopilot (forecast, spot)';

/** A policy's figures, and its cost against the oracle held to its own markets where it has one. */
export interface BacktestRow {
  policy: string;
  totalUsd: number;
  sloAttainment: number;
  lost: number;
  ratioToOracle: number;
  likeForLike?: { label: string; oracleUsd: number; ratio: number };
}

export interface BacktestCase {
  trace: string;
  dailyAutocorrelation: number;
  scale: string;
  fromMs: number;
  days: number;
  warmupDays: number;
  oracleUsd: number;
  rows: BacktestRow[];
  wallSeconds: number;
}

export interface BacktestOptions {
  tracesDir: string;
  /** Weeks simulated per trace (fewer when the trace ends sooner). */
  weeks: number;
  warmupDays?: number;
  seed?: number;
  scales?: BacktestScale[];
}

const DAY_MS = 86_400_000;

const policiesOf = (fleet: FleetConfig): (() => Policy)[] => {
  const types = Object.keys(fleet.capacityUnitsByType);
  return [
    () => targetTrackingPolicy({ name: REACTIVE, instanceTypes: types }),
    () => targetTrackingPolicy({ name: REACTIVE_SPOT, instanceTypes: types, spotShare: 0.7 }),
    () => autopilotPolicy({ name: FORECAST_ON_DEMAND, market: 'on-demand', gpuAlarms: false, rebalancer: false }),
    () => autopilotPolicy({ name: FORECAST_SPOT, gpuAlarms: false, rebalancer: false }),
  ];
};

/** The oracle of each market restriction, over the demand the report's oracle covers (capped at the fleet's maximum). */
const likeForLikeOracles = (input: SimulationInput): Record<'on-demand' | 'spot over the base', OracleResult> => {
  const { spec, trace } = input;
  const demandQps = Float64Array.from(trace.arrivals, (a) => Math.min(a / trace.stepSeconds, spec.config.maxCapacityUnits));
  const common = {
    demandQps,
    stepSeconds: trace.stepSeconds,
    startMs: trace.startMs,
    candidates: Object.entries(spec.config.capacityUnitsByType).map(([instanceType, unitsPerInstance]) => ({ instanceType, unitsPerInstance })),
    availabilityZones: spec.availabilityZones,
    priceBook: simulationPriceBook(input),
    priceStepMs: PRICE_STEP_MS,
  };
  const of = (baseUnits: number, market: Market): OracleResult => marketOracleCost({ ...common, baseUnits, market });
  return { 'on-demand': of(0, 'on-demand'), 'spot over the base': of(spec.config.onDemandBaseUnits, 'spot') };
};

const rowsOf = (report: SimulationReport, oracles: ReturnType<typeof likeForLikeOracles>, baseUnits: number): BacktestRow[] =>
  report.policies.map((p) => {
    const like =
      p.policy === REACTIVE || p.policy === FORECAST_ON_DEMAND
        ? { label: 'on-demand only', oracleUsd: oracles['on-demand'].totalUsd }
        : p.policy === FORECAST_SPOT
          ? { label: `${baseUnits} units on-demand, the rest Spot`, oracleUsd: oracles['spot over the base'].totalUsd }
          : undefined;
    return {
      policy: p.policy,
      totalUsd: p.totalUsd,
      sloAttainment: p.sloAttainment,
      lost: p.requests.lost,
      ratioToOracle: p.ratioToOracle,
      ...(like ? { likeForLike: { ...like, ratio: p.totalUsd / like.oracleUsd } } : {}),
    };
  });

/** Runs every daily trace at every scale; the simulated window starts at the first UTC midnight after the warm-up. */
export const benchForecastBacktest = async (options: BacktestOptions): Promise<{ cases: BacktestCase[]; skipped: SkippedTrace[] }> => {
  const warmupDays = options.warmupDays ?? 28;
  const { traces, skipped } = dailyTraces(options.tracesDir, warmupDays + 8);
  const cases: BacktestCase[] = [];
  for (const t of traces) {
    const first = t.points.startsMs[0] ?? 0;
    const fromMs = Math.ceil((first + warmupDays * DAY_MS) / DAY_MS) * DAY_MS;
    const days = Math.min(options.weeks * 7, Math.floor((t.points.endMs - fromMs) / DAY_MS));
    for (const scale of options.scales ?? BACKTEST_SCALES) {
      const fleet = { ...defaultFleet(), maxCapacityUnits: scale.maxCapacityUnits };
      const trace = toDemandTraceWithWarmup(t.points, {
        stepSeconds: DEFAULT_STEP_SECONDS,
        startMs: fromMs,
        durationSeconds: days * 86_400,
        warmupDays,
        rescale: { peakQps: scale.peakQps, troughQps: scale.troughQps },
      });
      const input: SimulationInput = { name: `${t.name} ${scale.label}`, spec: specOf(fleet), trace, seed: options.seed ?? DEFAULT_SEED, policies: policiesOf(fleet) };
      const started = performance.now();
      const report = await runSimulation(input);
      const wallSeconds = (performance.now() - started) / 1000;
      cases.push({
        trace: t.name,
        dailyAutocorrelation: t.dailyAutocorrelation,
        scale: scale.label,
        fromMs,
        days,
        warmupDays,
        oracleUsd: report.oracle.totalUsd,
        rows: rowsOf(report, likeForLikeOracles(input), fleet.onDemandBaseUnits),
        wallSeconds,
      });
    }
  }
  return { cases, skipped };
};
