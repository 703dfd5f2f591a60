// The greedy steps of the mix choice over whole instances: fill to a target, spread over pools, trim the excess.
import { compareKeys, type ScoredPool } from './pool-scoring';

/** One eligible pool while the mix is built: how many instances it holds and may hold. */
export interface Slot {
  scored: ScoredPool;
  /** Most instances allowed (the share cap; Infinity once relaxed). */
  cap: number;
  count: number;
}

// Float noise (999.9999999 units) must not cost a whole instance.
const EPSILON = 1e-9;

const weightOf = (s: Slot): number => s.scored.unitsPerInstance;
export const unitsOfSlots = (slots: readonly Slot[]): number => slots.reduce((n, s) => n + s.count * weightOf(s), 0);
export const onDemandUnitsOf = (slots: readonly Slot[]): number => unitsOfSlots(slots.filter((s) => s.scored.pool.market === 'on-demand'));

/** Cheapest effective $ per unit-hour first; the pool key breaks ties, so the order never depends on the input's. */
/** Cheapest effective $ per unit-hour first; at equal cost a pool the fleet already runs in, then by key (order-free). */
export const byUnitCost = (a: Slot, b: Slot): number =>
  a.scored.effectiveUsdPerUnitHour - b.scored.effectiveUsdPerUnitHour ||
  Number(b.scored.liveInstances > 0) - Number(a.scored.liveInstances > 0) ||
  compareKeys(a.scored.key, b.scored.key);

const instancesFor = (units: number, s: Slot): number => Math.max(1, Math.ceil(units / weightOf(s) - EPSILON));

/** The one pool that covers `remaining` units at the least cost, preferring covers that keep the fleet within its maximum. */
const cheapestCover = (open: Slot[], remaining: number, total: number, maxUnits: number): { slot: Slot; count: number } | undefined => {
  const covers = open
    .map((slot) => ({ slot, count: instancesFor(remaining, slot) }))
    .filter((c) => c.count <= c.slot.cap - c.slot.count)
    .map((c) => ({ ...c, fits: total + c.count * weightOf(c.slot) <= maxUnits + EPSILON, cost: c.count * c.slot.scored.effectiveUsdPerHour }));
  covers.sort((a, b) => Number(b.fits) - Number(a.fits) || a.cost - b.cost || byUnitCost(a.slot, b.slot));
  return covers[0];
};

/**
 * Adds instances to `scope` until its units reach `target`: whole instances of the cheapest pool per unit while
 * they fit under the target, then the remainder with the single cheapest cover (a smaller or pricier-per-unit
 * instance can beat one more large one). It never adds once the target is reached.
 */
export const fillTo = (scope: Slot[], target: number, all: readonly Slot[], maxUnits: number): void => {
  for (;;) {
    const remaining = target - unitsOfSlots(scope);
    if (remaining <= EPSILON) return;
    const open = scope.filter((s) => s.count < s.cap).sort(byUnitCost);
    const first = open[0];
    if (!first) return;
    const whole = Math.min(first.cap - first.count, Math.floor(remaining / weightOf(first) + EPSILON));
    if (whole >= 1) {
      first.count += whole;
      continue;
    }
    const cover = cheapestCover(open, remaining, unitsOfSlots(all), maxUnits);
    if (cover) {
      cover.slot.count += cover.count;
      return;
    }
    first.count = first.cap;
  }
};

/**
 * Puts one instance in further pools until `minPools` hold capacity: each time a pool in a zone not used yet if
 * there is one (a zone outage takes out every pool in it), and among those the one that would hold a 1/minPools
 * share of the demand most cheaply (so a huge instance is not picked for a small share), as long as the fleet
 * stays within its maximum. False when it runs out of pools or room.
 */
export const spreadTo = (slots: Slot[], minPools: number, demandUnits: number, maxUnits: number): boolean => {
  const share = demandUnits / Math.max(1, minPools);
  const holdCost = (s: Slot): number => instancesFor(share, s) * s.scored.effectiveUsdPerHour;
  while (slots.filter((s) => s.count > 0).length < minPools) {
    const total = unitsOfSlots(slots);
    const usedZones = new Set(slots.filter((s) => s.count > 0).map((s) => s.scored.pool.availabilityZone));
    const newZone = (s: Slot): number => (usedZones.has(s.scored.pool.availabilityZone) ? 1 : 0);
    const next = slots
      .filter((s) => s.count === 0 && s.cap >= 1 && total + weightOf(s) <= maxUnits + EPSILON)
      .sort((a, b) => newZone(a) - newZone(b) || holdCost(a) - holdCost(b) || byUnitCost(a, b))[0];
    if (!next) return false;
    next.count = 1;
  }
  return true;
};

/**
 * Removes instances, the dearest per unit first, while the demand stays covered, the on-demand base stays on
 * on-demand and no pool is emptied that the diversity needs.
 */
export const trimTo = (slots: Slot[], demandUnits: number, minPools: number, onDemandBaseUnits: number): void => {
  for (;;) {
    const total = unitsOfSlots(slots);
    const onDemand = onDemandUnitsOf(slots);
    const used = slots.filter((s) => s.count > 0).length;
    const removable = slots
      .filter((s) => s.count > 0 && total - weightOf(s) >= demandUnits - EPSILON)
      .filter((s) => !(s.count === 1 && used <= minPools))
      .filter((s) => s.scored.pool.market !== 'on-demand' || onDemand - weightOf(s) >= onDemandBaseUnits - EPSILON)
      .sort((a, b) => byUnitCost(b, a));
    const dearest = removable[0];
    if (!dearest) return;
    dearest.count -= 1;
  }
};
