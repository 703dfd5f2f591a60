/** What one fleet was running and paying at one moment: the spend-rate check records one per run, the cost report integrates them. */
import type { Market } from '../fleet';

/** The live instances of one pool at the sample's time and the price of one of them. */
export interface PoolSample {
  instanceType: string;
  availabilityZone: string;
  market: Market;
  /** Pending or running instances of the pool. */
  instances: number;
  /** $/hour of one instance: the Spot price in effect (DescribeSpotPriceHistory) or the catalog's on-demand price. */
  usdPerHour: number;
}

export interface CostSample {
  fleetId: string;
  atMs: number;
  /** How long this sample stands for (the interval to the next run), seconds: cost = spend rate x this. */
  intervalSeconds: number;
  pools: PoolSample[];
  /** Sum over the pools of instances x $/hour. */
  spendUsdPerHour: number;
  /** Capacity units of the live instances (QPS at the SLO). */
  liveUnits: number;
}

/** The fleet's $/hour in a sample. */
export const spendRateOf = (pools: readonly PoolSample[]): number => pools.reduce((sum, p) => sum + p.instances * p.usdPerHour, 0);
