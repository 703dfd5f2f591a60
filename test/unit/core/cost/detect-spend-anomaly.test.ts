// The spend-rate check's decision: episodes above the band, one anomaly each, with the pools above plan as root causes.
import { describe, expect, it } from 'vitest';
import type { CostSample, PoolSample } from '../../../../layers/core/cost/cost-sample';
import { DEFAULT_SPEND_WATCH, detectSpendAnomaly, type SpendCheck } from '../../../../layers/core/cost/detect-spend-anomaly';
import type { SpendBand } from '../../../../layers/core/cost/spend-band';
import type { SpendWatchState } from '../../../../layers/core/cost/spend-watch-state';

const T0 = Date.UTC(2026, 10, 28, 14, 0);
const MINUTE = 60_000;
const FLEET = { fleetId: 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b', name: 'bert-large-prod', onDemandBaseUnits: 80 };
/** 400 units needed: 80 on demand at $0.02515/unit + 320 on Spot at $0.01/unit = $5.212/h; upper $7.727/h. */
const BAND: SpendBand = { needUnits: 400, expectedUsdPerHour: 5.212, upperUsdPerHour: 7.727, onDemandUsdPerUnitHour: 0.02515, spotUsdPerUnitHour: 0.01 };
const ON_DEMAND = (instances: number): PoolSample => ({ instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'on-demand', instances, usdPerHour: 1.006 });
const SPOT = (instances: number): PoolSample => ({ instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', instances, usdPerHour: 0.4 });
const sampleAt = (atMs: number, pools: PoolSample[]): CostSample => ({
  fleetId: FLEET.fleetId,
  atMs,
  intervalSeconds: 300,
  pools,
  spendUsdPerHour: pools.reduce((s, p) => s + p.instances * p.usdPerHour, 0),
  liveUnits: pools.reduce((s, p) => s + p.instances * 40, 0),
});
/** A fallback to on-demand left on: ten on-demand g5.xlarge ($10.06/h) where two plus eight Spot would do. */
const LEFT_ON = [ON_DEMAND(10)];
const PLANNED = [ON_DEMAND(2), SPOT(8)];

const check = (atMs: number, pools: PoolSample[], previous: SpendWatchState | undefined, overrides: Partial<SpendCheck> = {}): SpendCheck => ({
  fleet: FLEET,
  sample: sampleAt(atMs, pools),
  band: BAND,
  previous,
  openIncidentRecorded: true,
  accountId: '123456789012',
  region: 'us-east-1',
  settings: DEFAULT_SPEND_WATCH,
  ...overrides,
});

/** Runs the check every five minutes from T0 over `pools`, returning each run's outcome. */
const runs = (poolsByRun: PoolSample[][], first?: SpendWatchState) => {
  let state = first;
  return poolsByRun.map((pools, i) => {
    const outcome = detectSpendAnomaly(check(T0 + i * 5 * MINUTE, pools, state));
    state = outcome.state;
    return outcome;
  });
};

describe('detectSpendAnomaly', () => {
  it('raises nothing and keeps no episode while the spend rate is inside its band', () => {
    // Act
    const [outcome] = runs([PLANNED]);
    // Assess
    expect(outcome).toEqual({ state: { fleetId: FLEET.fleetId, version: 1, lastRunAtMs: T0 }, outside: false });
  });

  it('starts an episode at the first run above the band and raises once it has lasted the sustain time', () => {
    // Act
    const outcomes = runs([LEFT_ON, LEFT_ON, LEFT_ON, LEFT_ON]);
    // Assess
    expect(outcomes.map((o) => o.anomaly?.anomalyId)).toEqual([undefined, undefined, undefined, `spend-rate:${FLEET.fleetId}:2026-11-28T14:00:00.000Z`]);
    expect(outcomes.map((o) => o.state.outsideSinceMs)).toEqual([T0, T0, T0, T0]);
    expect(outcomes[3]?.state).toMatchObject({ version: 4, openAnomalyId: `spend-rate:${FLEET.fleetId}:2026-11-28T14:00:00.000Z` });
  });

  it('names the pools above plan and prices the episode at the current rate', () => {
    // Act
    const anomaly = runs([LEFT_ON, LEFT_ON, LEFT_ON, LEFT_ON])[3]?.anomaly;
    // Assess: 15 min + one 5-min interval = 1/3 h; (10.06 - 5.212) / 3 = 1.616 $ above expected
    expect(anomaly).toMatchObject({ via: 'spend-rate', accountId: '123456789012', startMs: T0, receivedAtMs: T0 + 15 * MINUTE, fleetId: FLEET.fleetId });
    expect(anomaly?.impact.totalImpactUsd).toBeCloseTo(1.616, 9);
    expect(anomaly?.impact.totalExpectedSpendUsd).toBeCloseTo(5.212 / 3, 9);
    expect(anomaly?.rootCauses).toEqual([
      { service: 'Amazon Elastic Compute Cloud - Compute', region: 'us-east-1', linkedAccount: '123456789012', usageType: 'BoxUsage:g5.xlarge', impactUsd: expect.closeTo(1.616, 9) },
    ]);
    expect(anomaly?.spendRate?.poolsAbovePlan).toEqual([{ pool: 'g5.xlarge:us-east-1b:on-demand', usdPerHourAbovePlan: expect.closeTo(10.06 - 2.012, 9) }]);
  });

  it('raises one anomaly per episode, and a new one for the next episode', () => {
    // Act
    const outcomes = runs([LEFT_ON, LEFT_ON, LEFT_ON, LEFT_ON, LEFT_ON, PLANNED, LEFT_ON, LEFT_ON, LEFT_ON, LEFT_ON]);
    // Assess
    const raised = outcomes.flatMap((o, i) => (o.anomaly === undefined ? [] : [{ run: i, id: o.anomaly.anomalyId }]));
    expect(raised).toEqual([
      { run: 3, id: `spend-rate:${FLEET.fleetId}:2026-11-28T14:00:00.000Z` },
      { run: 9, id: `spend-rate:${FLEET.fleetId}:2026-11-28T14:30:00.000Z` },
    ]);
    expect(outcomes[5]?.state).toEqual({ fleetId: FLEET.fleetId, version: 6, lastRunAtMs: T0 + 25 * MINUTE });
  });

  it('raises the same anomaly again when its incident was never recorded', () => {
    // Prepare
    const raised = runs([LEFT_ON, LEFT_ON, LEFT_ON, LEFT_ON]);
    const state = raised[3]?.state;
    // Act
    const again = detectSpendAnomaly(check(T0 + 20 * MINUTE, LEFT_ON, state, { openIncidentRecorded: false }));
    const recorded = detectSpendAnomaly(check(T0 + 20 * MINUTE, LEFT_ON, state));
    // Assess
    expect(again.anomaly?.anomalyId).toBe(raised[3]?.anomaly?.anomalyId);
    expect(recorded.anomaly).toBeUndefined();
  });

  it('leaves the episode as it was when the band is unknown', () => {
    // Prepare
    const [first] = runs([LEFT_ON]);
    // Act
    const blind = detectSpendAnomaly(check(T0 + 5 * MINUTE, PLANNED, first?.state, { band: undefined }));
    // Assess
    expect(blind).toEqual({ state: { fleetId: FLEET.fleetId, version: 2, lastRunAtMs: T0 + 5 * MINUTE, outsideSinceMs: T0 }, outside: true });
  });

  it('shares the impact among usage types by their excess when both markets are above plan', () => {
    // Prepare: need 400 but 4 on demand (+2.012 $/h above plan) and 16 Spot (+3.2 $/h above plan)
    const surge = [ON_DEMAND(4), SPOT(16)];
    // Act
    const anomaly = runs([surge, surge, surge, surge])[3]?.anomaly;
    // Assess
    const impact = anomaly?.impact.totalImpactUsd ?? Number.NaN;
    expect(anomaly?.rootCauses.map((c) => [c.usageType, c.impactUsd])).toEqual([
      ['SpotUsage:g5.xlarge', expect.closeTo((impact * 3.2) / 5.212, 9)],
      ['BoxUsage:g5.xlarge', expect.closeTo((impact * 2.012) / 5.212, 9)],
    ]);
  });
});
