// Golden default scenario (`npm start`'s week): checked against invariants, never against frozen numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimulationReport } from '../../../sim/model/report';
import { runSimulation } from '../../../sim/run-simulation';
import { DEFAULT_SEED, defaultFleet, defaultPolicies, defaultTrace, specOf } from '../../../sim/scenarios/default-scenario';

const DAYS = 7;
const SERIES_STEP_SECONDS = 300;
let report: SimulationReport;

const policy = (name: string) => {
  const found = report.policies.find((p) => p.policy === name);
  if (!found) throw new Error(`no policy ${name} in ${report.policies.map((p) => p.policy).join(', ')}`);
  return found;
};

beforeAll(async () => {
  const fleet = defaultFleet();
  report = await runSimulation({
    name: 'default',
    spec: specOf(fleet),
    trace: defaultTrace(DAYS),
    seed: DEFAULT_SEED,
    policies: defaultPolicies(fleet),
    seriesStepSeconds: SERIES_STEP_SECONDS,
  });
  // The autopilot runs the real forecast scaler every 5 simulated minutes on four weeks of history: 2,016 forecasts.
}, 900_000);

describe('the default scenario', () => {
  it('compares the four policies against a positive oracle, each costing at least the oracle', () => {
    expect(report.policies.map((p) => p.policy)).toEqual(['static (p3.2xlarge, on-demand)', 'reactive (on-demand)', 'reactive (70% spot)', 'autopilot']);
    expect(report.oracle.totalUsd).toBeGreaterThan(0);
    for (const p of report.policies) {
      expect(p.ratioToOracle, p.policy).toBeGreaterThanOrEqual(1);
      expect(p.ratioToOracle, p.policy).toBeCloseTo(p.totalUsd / report.oracle.totalUsd, 12);
    }
  });

  it('loses no request under any policy, and accounts for every one', () => {
    for (const p of report.policies) {
      const { arrived, served, queuedAtEnd, lost } = p.requests;
      expect(lost, p.policy).toBe(0);
      expect(Math.abs(arrived - served - queuedAtEnd), p.policy).toBeLessThanOrEqual(1e-9 * arrived);
      expect(arrived, p.policy).toBeCloseTo(policy('static (p3.2xlarge, on-demand)').requests.arrived, 3);
    }
  });

  it('has static peak provisioning cost the most, and the autopilot never more than reactive on-demand', () => {
    const staticUsd = policy('static (p3.2xlarge, on-demand)').totalUsd;
    for (const p of report.policies.filter((q) => !q.policy.startsWith('static'))) expect(p.totalUsd, p.policy).toBeLessThan(staticUsd);
    expect(policy('autopilot').totalUsd).toBeLessThanOrEqual(policy('reactive (on-demand)').totalUsd);
  });

  it('reports shares, waits and costs that agree with each other', () => {
    for (const p of report.policies) {
      expect(p.sloAttainment, p.policy).toBeGreaterThanOrEqual(0);
      expect(p.sloAttainment, p.policy).toBeLessThanOrEqual(1);
      expect(p.p99QueueWaitSeconds, p.policy).toBeGreaterThanOrEqual(0);
      expect(p.usdPer1kRequests, p.policy).toBeCloseTo((p.totalUsd / p.requests.served) * 1000, 9);
      expect(p.instanceHours.reduce((sum, h) => sum + h.usd, 0), p.policy).toBeCloseTo(p.totalUsd, 6);
      expect(p.interruptions, p.policy).toBe(p.events.filter((e) => e.kind === 'interruption').length);
    }
    expect(policy('static (p3.2xlarge, on-demand)').instanceHours.map((h) => [h.instanceType, h.market])).toEqual([['p3.2xlarge', 'on-demand']]);
    expect(policy('reactive (on-demand)').instanceHours.every((h) => h.market === 'on-demand')).toBe(true);
  });

  it('keeps series of days / seriesStepSeconds points on a regular grid, a non-decreasing cost and a timeline in time order', () => {
    const points = (DAYS * 86_400) / SERIES_STEP_SECONDS;
    expect(report.scenario).toMatchObject({ days: DAYS, seriesStepSeconds: SERIES_STEP_SECONDS, seed: DEFAULT_SEED });
    for (const p of report.policies) {
      const s = p.series;
      for (const [key, values] of Object.entries(s)) expect(values, `${p.policy} ${key}`).toHaveLength(points);
      expect(s.tMs.every((t, i) => i === 0 || t - (s.tMs[i - 1] ?? 0) === SERIES_STEP_SECONDS * 1000), p.policy).toBe(true);
      expect(s.costUsdCumulative.every((c, i) => i === 0 || c >= (s.costUsdCumulative[i - 1] ?? 0)), p.policy).toBe(true);
      expect(s.costUsdCumulative.at(-1) ?? Infinity, p.policy).toBeLessThanOrEqual(p.totalUsd + 1e-9);
      expect(s.sloAttainment.every((a) => a >= 0 && a <= 1), p.policy).toBe(true);
      expect(s.capacityQps.every((c) => c > 0), p.policy).toBe(true);
      expect(p.events.every((e, i) => i === 0 || e.tMs >= (p.events[i - 1]?.tMs ?? 0)), p.policy).toBe(true);
    }
  });

  it('names the price source of every pool of the fleet', () => {
    const types = Object.keys(defaultFleet().capacityUnitsByType);
    expect(report.priceSources).toHaveLength(types.length * specOf(defaultFleet()).availabilityZones.length * 2);
    expect(report.priceSources.filter((s) => s.market === 'on-demand').every((s) => s.source === 'on-demand-catalog')).toBe(true);
    expect(report.priceSources.filter((s) => s.market === 'spot').every((s) => s.source !== 'on-demand-catalog')).toBe(true);
  });
});
