// Spend samples and fleet-days for the cost report's tests: real pools (g5.xlarge Spot, g6.xlarge on-demand at the catalog price).
import type { CostSample, PoolSample } from '../../layers/core/cost/cost-sample';
import { spendRateOf } from '../../layers/core/cost/cost-sample';
import type { DailyCost } from '../../layers/core/cost/daily-cost';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Saturday 2026-11-28 00:00 UTC: the reported day. */
export const DAY0 = Date.UTC(2026, 10, 28);

/** $0.40/h Spot g5.xlarge (1 GPU) in us-east-1a. */
export const g5Spot = (instances: number, usdPerHour = 0.4): PoolSample => ({ instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', instances, usdPerHour });
/** $0.805/h on-demand g6.xlarge (1 GPU) in us-east-1b. */
export const g6OnDemand = (instances: number, usdPerHour = 0.805): PoolSample => ({ instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', market: 'on-demand', instances, usdPerHour });
/** $8.00/h on-demand g5.12xlarge (4 GPUs). */
export const g5x12OnDemand = (instances: number): PoolSample => ({ instanceType: 'g5.12xlarge', availabilityZone: 'us-east-1a', market: 'on-demand', instances, usdPerHour: 8 });

export const aSample = (fleetId: string, atMs: number, intervalSeconds: number, pools: PoolSample[], unitsPerInstance = 100): CostSample => ({
  fleetId,
  atMs,
  intervalSeconds,
  pools,
  spendUsdPerHour: spendRateOf(pools),
  liveUnits: pools.reduce((sum, p) => sum + p.instances * unitsPerInstance, 0),
});

/** One sample per hour of the day with the same pools. */
export const hourlySamples = (fleetId: string, dayStartMs: number, pools: PoolSample[]): CostSample[] =>
  Array.from({ length: 24 }, (_, h) => aSample(fleetId, dayStartMs + h * HOUR_MS, 3600, pools));

export const aFleetDay = (overrides: Partial<DailyCost> = {}): DailyCost => ({
  fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f',
  fleetName: 'bert-large-search',
  day: '2026-11-28',
  usd: 100,
  spotUsd: 60,
  onDemandUsd: 40,
  pools: [],
  instanceHours: 100,
  gpuHours: 100,
  coveredHours: 24,
  requests: 1_000_000,
  usdPer1kRequests: 0.1,
  spotShare: 0.6,
  idleGpuHours: 0,
  interruptions: 0,
  actionsApplied: 0,
  savingsUsd: 10,
  savings: [],
  ...overrides,
});
