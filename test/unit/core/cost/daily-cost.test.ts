// dailyCost: the report's arithmetic against hand-computed days.
import { describe, expect, it } from 'vitest';
import { dailyCost, type DailyCostInput } from '../../../../layers/core/cost/daily-cost';
import { poolUsage } from '../../../../layers/core/cost/pool-usage';
import { aSample, DAY0, DAY_MS, g5Spot, g5x12OnDemand, g6OnDemand, HOUR_MS, hourlySamples } from '../../../helpers/cost-report-factories';

const FLEET = { fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f', name: 'bert-large-search', team: 'search', costCenter: 'CC-1042' };

const input = (overrides: Partial<DailyCostInput> = {}): DailyCostInput => ({
  fleet: FLEET,
  dayStartMs: DAY0,
  samples: hourlySamples(FLEET.fleetId, DAY0, [g5Spot(3), g6OnDemand(1)]),
  requests: [],
  gpuUtilization: [],
  gpuPeriodSeconds: 3600,
  idleThresholdPercent: 10,
  slo: [],
  interruptions: 0,
  actions: [],
  ...overrides,
});

describe('dailyCost', () => {
  it('integrates instance-hours by pool x price: 3 Spot g5 at $0.40 and 1 on-demand g6 at $0.805 all day', () => {
    // Act
    const day = dailyCost(input());

    // Assess: Spot 3 x 0.40 x 24 = 28.80; on-demand 1 x 0.805 x 24 = 19.32
    expect(day.spotUsd).toBeCloseTo(28.8, 10);
    expect(day.onDemandUsd).toBeCloseTo(19.32, 10);
    expect(day.usd).toBeCloseTo(48.12, 10);
    expect(day.instanceHours).toBeCloseTo(96, 10);
    expect(day.spotShare).toBeCloseTo(0.75, 10);
    expect(day.coveredHours).toBeCloseTo(24, 10);
    expect(day.pools.map((p) => [p.pool, p.instanceSeconds])).toEqual([
      ['g5.xlarge:us-east-1a:spot', 3 * DAY_MS / 1000],
      ['g6.xlarge:us-east-1b:on-demand', DAY_MS / 1000],
    ]);
    expect(day).toMatchObject({ day: '2026-11-28', team: 'search', costCenter: 'CC-1042' });
  });

  it('gives $ per 1k requests as the cost over the requests served that day x 1000', () => {
    // Prepare: 24 hours of 20,050 requests = 481,200 requests
    const requests = Array.from({ length: 24 }, (_, h) => ({ atMs: DAY0 + h * HOUR_MS, value: 20_050 }));

    // Act
    const day = dailyCost(input({ requests }));

    // Assess: 48.12 / 481,200 x 1000 = $0.1 per 1k
    expect(day.requests).toBe(481_200);
    expect(day.usdPer1kRequests).toBeCloseTo(0.1, 12);
  });

  it('leaves $ per 1k unknown without request data, rather than infinite or zero', () => {
    // Act
    const day = dailyCost(input({ requests: [] }));

    // Assess
    expect(day.requests).toBeUndefined();
    expect(day.usdPer1kRequests).toBeUndefined();
  });

  it('counts idle GPU-hours as the GPU-hours run in periods under the threshold, 4 GPUs per g5.12xlarge', () => {
    // Prepare: 2 x g5.12xlarge all day (8 GPUs); hours 0-5 at 4%, 6 at 10% (not under), the rest at 60%
    const samples = hourlySamples(FLEET.fleetId, DAY0, [g5x12OnDemand(2)]);
    const gpuUtilization = Array.from({ length: 24 }, (_, h) => ({ atMs: DAY0 + h * HOUR_MS, value: h < 6 ? 4 : h === 6 ? 10 : 60 }));

    // Act
    const day = dailyCost(input({ samples, gpuUtilization }));

    // Assess: 6 idle hours x 8 GPUs = 48 GPU-hours of 192; mean utilization (6x4 + 10 + 17x60) / 24
    expect(day.gpuHours).toBeCloseTo(192, 10);
    expect(day.idleGpuHours).toBeCloseTo(48, 10);
    expect(day.gpuUtilizationPercent).toBeCloseTo((24 + 10 + 1020) / 24, 10);
  });

  it('weights each hour of SLO attainment by its requests', () => {
    // Act
    const day = dailyCost(input({ slo: [{ withinSloPercent: 100, samples: 900 }, { withinSloPercent: 90, samples: 100 }] }));

    // Assess: (100 x 900 + 90 x 100) / 1000
    expect(day.sloAttainmentPercent).toBeCloseTo(99, 10);
  });

  it("counts the sample taken before midnight for the first minutes of the day, and a late run's overlap once", () => {
    // Prepare: 23:55 sample standing 10 min (5 min inside the day); a 00:05 sample says 600 s but the next run came at 00:08
    const samples = [
      aSample(FLEET.fleetId, DAY0 - 5 * 60_000, 600, [g5Spot(6)]),
      aSample(FLEET.fleetId, DAY0 + 5 * 60_000, 600, [g5Spot(6)]),
      aSample(FLEET.fleetId, DAY0 + 8 * 60_000, 120, [g5Spot(6)]),
    ];

    // Act
    const day = dailyCost(input({ samples }));

    // Assess: 5 + 3 + 2 = 10 minutes of 6 instances = 1 instance-hour = $0.40; the gap is visible in coveredHours
    expect(day.instanceHours).toBeCloseTo(1, 10);
    expect(day.usd).toBeCloseTo(0.4, 10);
    expect(day.coveredHours).toBeCloseTo(10 / 60, 10);
  });

  it('counts the actions of the day and their savings', () => {
    // Prepare: 4 x $0.40 Spot (100 units each): a scale-in 400 -> 200 units at 12:00 held to midnight
    const samples = hourlySamples(FLEET.fleetId, DAY0, [g5Spot(4)]);
    const actions = [{ atMs: DAY0 + 12 * HOUR_MS, group: 'capacity', type: 'modify-fleet-capacity', reason: 'night', unitsBefore: 400, unitsAfter: 200 }];

    // Act
    const day = dailyCost(input({ samples, actions }));

    // Assess: $1.60/h over 400 units = $0.004/unit-hour; 200 units x 0.004 x 12 h = $9.60
    expect(day.actionsApplied).toBe(1);
    expect(day.savingsUsd).toBeCloseTo(9.6, 10);
  });
});

describe('poolUsage', () => {
  it('leaves out pools without instances and time outside the window', () => {
    // Prepare
    const samples = [aSample(FLEET.fleetId, DAY0 + 23 * HOUR_MS, 7200, [g5Spot(2), g6OnDemand(0)])];

    // Act
    const pools = poolUsage(samples, DAY0, DAY0 + DAY_MS);

    // Assess: only the hour before midnight counts
    expect(pools).toEqual([{ pool: 'g5.xlarge:us-east-1a:spot', instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', instanceSeconds: 7200, usd: 0.8 }]);
  });
});
