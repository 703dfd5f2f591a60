// Scenario: a price jump. One Spot pool triples; the rebalancer moves out of it within its hourly limit and records the saving.
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRebalanceSettings } from '../../../layers/core/rebalance/rebalance-settings';
import type { RunResult } from '../../../sim/engine/run-policy';
import { autopilotPolicy, type AutopilotPolicy } from '../../../sim/policies/autopilot-policy';
import { aGpuSpec, expectInvariants, HOUR_MS, ON_DEMAND_BASE_UNITS, hoursOfSteps, poolPriceBook, runGpuScenario, SPOT_PRICES, T0, traceOf, watching, type Watched } from './gpu-scenario-fixtures';

// From 01:00 the fleet's cheapest pool (g5.xlarge Spot in us-east-1a, where it launched) costs three times as much.
// The fleet keeps its tier's 100-unit on-demand base, an on-demand g5.xlarge in us-east-1a which the mix moves too.
const spec = aGpuSpec();
const prices = poolPriceBook(SPOT_PRICES, { pool: 'g5.xlarge@us-east-1a', fromMs: T0 + HOUR_MS, factor: 3 });
const runs: Record<string, { policy: AutopilotPolicy; result: RunResult; steps: Watched[] }> = {};

beforeAll(async () => {
  for (const [name, rebalancer] of [['rebalancing', true], ['fixed mix', false]] as const) {
    const policy = autopilotPolicy({ name, forecast: false, rebalancer });
    const watched = watching(policy);
    runs[name] = { policy, result: await runGpuScenario(watched.policy, traceOf(hoursOfSteps(6), () => 600), { spec, prices }), steps: watched.steps };
  }
});

describe('a price jump in one Spot pool', () => {
  it('replaces the dear instances, never more per hour than the tier allows', () => {
    // Assess
    const drains = runs.rebalancing?.result.events.filter((e) => e.kind === 'drain').map((e) => e.tMs) ?? [];
    expect(drains.length).toBeGreaterThanOrEqual(3);
    expect(drains.every((t) => t >= T0 + HOUR_MS)).toBe(true);
    const limit = defaultRebalanceSettings('standard').maxReplacementsPerHour;
    for (const t of drains) expect(drains.filter((u) => u > t - HOUR_MS && u <= t).length).toBeLessThanOrEqual(limit);
  });

  it('records each plan in the ledger with its $/h before and after: savings after the jump, never a dearer mix', () => {
    // Assess
    const plans = runs.rebalancing?.policy.stats().rebalancePlans ?? [];
    expect(plans.filter((p) => p.atMs >= T0 + HOUR_MS && p.usdPerHourAfter < p.usdPerHourBefore).length).toBeGreaterThanOrEqual(1);
    for (const p of plans) expect(p.usdPerHourAfter).toBeLessThanOrEqual(p.usdPerHourBefore);
  });

  it('costs less than the fixed mix at the same SLO attainment', () => {
    // Assess
    const moved = runs.rebalancing?.result;
    const fixed = runs['fixed mix']?.result;
    expect(moved?.totalUsd ?? Infinity).toBeLessThan(fixed?.totalUsd ?? 0);
    expect(moved?.sloAttainment ?? 0).toBeGreaterThanOrEqual(fixed?.sloAttainment ?? 1);
  });

  it('keeps the on-demand base at every step of every replacement, replacing its instance on-demand', () => {
    // Assess
    const actions = runs.rebalancing?.policy.functions()?.world.ledger.actions() ?? [];
    const steps = actions.filter((a) => a.status === 'applied' && ['rebalance-surge', 'rebalance-release', 'rebalance-give-back'].includes(a.type));
    expect(steps.length).toBeGreaterThanOrEqual(6);
    for (const a of steps) expect(Number(a.after.onDemand), `${a.type} at ${new Date(a.atMs).toISOString()}`).toBeGreaterThanOrEqual(ON_DEMAND_BASE_UNITS);
    expect(steps.filter((a) => a.type === 'rebalance-surge' && Number(a.after.onDemand) > Number(a.before.onDemand))).toHaveLength(1);
    for (const s of runs.rebalancing?.steps ?? []) expect(s.onDemandUnits).toBeGreaterThanOrEqual(ON_DEMAND_BASE_UNITS);
  });

  it('loses no request, stays under the maximum and keeps the on-demand base', () => {
    // Assess
    for (const run of Object.values(runs)) expectInvariants(run.result, run.steps, spec);
  });
});
