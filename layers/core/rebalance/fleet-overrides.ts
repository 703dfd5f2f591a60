// The launch-template overrides that steer the fleet's new launches to the chosen mix, in priority order.
import { unitsOf, type FleetConfig } from '../fleet';
import type { FleetOverride } from '../observed';
import type { PoolMix } from './choose-mix';
import { compareKeys, type ScoredPool } from './pool-scoring';

export interface OverridesInput {
  fleet: FleetConfig;
  mix: PoolMix;
  pools: ScoredPool[];
  /** The fleet's overrides now (DescribeFleets, zones resolved): where each zone's subnet comes from. */
  currentOverrides: FleetOverride[];
}

const zoneTypeOf = (instanceType: string, zone: string): string => `${instanceType}:${zone}`;

const firstBy = <T>(items: T[], keyOf: (t: T) => string | undefined): Map<string, T> => {
  const out = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined && !out.has(key)) out.set(key, item);
  }
  return out;
};

/**
 * One override per type x zone the fleet may launch in: the mix's pools first in the mix's order (cheapest
 * effective $ per unit-hour), then the other eligible ones by their best pool, as a fallback when the preferred
 * pools have no capacity. Priority 0 is the highest (EC2: "the lower the number, the higher the priority"): the
 * on-demand `prioritized` strategy follows it, Spot `capacity-optimized-prioritized` follows it as far as
 * capacity allows. WeightedCapacity is the type's capacity units. A type x zone with no eligible pool (not
 * listed, too little GPU memory, unpriced) is left out. An override serves both markets, so a type x zone whose
 * Spot pool is at risk stays while its on-demand pool is eligible, ranked by that pool (after the mix's).
 *
 * What this changes for running instances: nothing. ModifyFleet
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyFleet.html) only launches on an increase of
 * the target and only terminates on a decrease (by the excess capacity termination policy); a new
 * LaunchTemplateConfigs is used by the launches that follow (scale-out, replacing an interrupted instance).
 * Instances in pools left out keep running, which is why the rebalancer also plans rolling replacements.
 */
export const overridesForMix = (input: OverridesInput): FleetOverride[] => {
  const eligible = input.pools.filter((p) => p.eligible && p.unitsPerInstance > 0);
  const mixOrder = new Map<string, number>();
  input.mix.entries.forEach((e, i) => {
    const key = zoneTypeOf(e.pool.instanceType, e.pool.availabilityZone);
    if (!mixOrder.has(key)) mixOrder.set(key, i);
  });
  const best = new Map<string, ScoredPool>();
  for (const p of eligible) {
    const key = zoneTypeOf(p.pool.instanceType, p.pool.availabilityZone);
    const seen = best.get(key);
    if (!seen || p.effectiveUsdPerUnitHour < seen.effectiveUsdPerUnitHour) best.set(key, p);
  }
  const ranked = [...best.entries()].sort(([ka, a], [kb, b]) => {
    const ma = mixOrder.get(ka) ?? Number.POSITIVE_INFINITY;
    const mb = mixOrder.get(kb) ?? Number.POSITIVE_INFINITY;
    return ma - mb || a.effectiveUsdPerUnitHour - b.effectiveUsdPerUnitHour || compareKeys(ka, kb);
  });
  const sortedCurrent = [...input.currentOverrides].sort((a, b) => compareKeys(a.subnetId ?? '', b.subnetId ?? ''));
  const subnetByZone = firstBy(sortedCurrent, (o) => (o.subnetId === undefined ? undefined : o.availabilityZone));
  const maxPriceByType = firstBy(sortedCurrent, (o) => (o.maxPrice === undefined ? undefined : o.instanceType));
  return ranked.map(([, p], priority) => {
    const subnetId = subnetByZone.get(p.pool.availabilityZone)?.subnetId;
    const maxPrice = maxPriceByType.get(p.pool.instanceType)?.maxPrice;
    return {
      instanceType: p.pool.instanceType,
      availabilityZone: p.pool.availabilityZone,
      ...(subnetId === undefined ? {} : { subnetId }),
      weightedCapacity: unitsOf(input.fleet, p.pool.instanceType),
      priority,
      ...(maxPrice === undefined ? {} : { maxPrice }),
    };
  });
};

const normalized = (overrides: FleetOverride[]): string[] =>
  overrides
    .map((o) => JSON.stringify([o.instanceType, o.availabilityZone ?? '', o.subnetId ?? '', o.weightedCapacity ?? null, o.priority ?? null, o.maxPrice ?? '']))
    .sort();

/** Whether two override lists launch the same way (same entries, whatever their order in the list). */
export const sameOverrides = (a: FleetOverride[], b: FleetOverride[]): boolean => {
  const na = normalized(a);
  const nb = normalized(b);
  return na.length === nb.length && na.every((v, i) => v === nb[i]);
};
