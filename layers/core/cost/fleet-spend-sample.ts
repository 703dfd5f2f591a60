/** A fleet's spend at one moment: its live instances grouped by pool and priced, as the spend-rate check records it. */
import { poolKey, type FleetConfig } from '../fleet';
import type { InstanceView } from '../observed';
import { spendRateOf, type CostSample, type PoolSample } from './cost-sample';
import { poolPriceOf, type PriceBook, type PriceSource } from './pool-prices';

export interface FleetSpendSample {
  sample: CostSample;
  /** Pools that could not be priced (left out of the spend rate): a type neither quoted nor in the catalog. */
  unpricedPools: string[];
  /** Pools priced from the Spot advisor's average savings because no quote covered them. */
  estimatedPools: string[];
}

const LIVE_STATES = new Set(['pending', 'running']);

/**
 * Groups the fleet's pending and running instances by pool, prices one instance of each, and sums the spend rate and
 * live capacity units. Pools are ordered by their key so samples compare equal across runs.
 */
export const fleetSpendSample = (
  fleet: Pick<FleetConfig, 'fleetId' | 'capacityUnitsByType'>,
  instances: readonly InstanceView[],
  book: PriceBook,
  atMs: number,
  intervalSeconds: number,
): FleetSpendSample => {
  const counts = new Map<string, { instanceType: string; availabilityZone: string; market: InstanceView['market']; instances: number }>();
  for (const instance of instances.filter((i) => LIVE_STATES.has(i.state))) {
    const key = poolKey(instance);
    const entry = counts.get(key) ?? { instanceType: instance.instanceType, availabilityZone: instance.availabilityZone, market: instance.market, instances: 0 };
    entry.instances += 1;
    counts.set(key, entry);
  }
  const pools: PoolSample[] = [];
  const unpricedPools: string[] = [];
  const estimatedPools: string[] = [];
  let liveUnits = 0;
  for (const key of [...counts.keys()].sort()) {
    const pool = counts.get(key);
    if (pool === undefined) continue;
    liveUnits += pool.instances * (fleet.capacityUnitsByType[pool.instanceType] ?? 0);
    const price = poolPriceOf(book, pool);
    if (price === undefined) {
      unpricedPools.push(key);
      continue;
    }
    if (price.source === ('spot-advisor-estimate' satisfies PriceSource)) estimatedPools.push(key);
    pools.push({ ...pool, usdPerHour: price.usdPerHour });
  }
  return {
    sample: { fleetId: fleet.fleetId, atMs, intervalSeconds, pools, spendUsdPerHour: spendRateOf(pools), liveUnits },
    unpricedPools,
    estimatedPools,
  };
};
