// The rolling replacements that move running capacity from unwanted pools to the mix, never below the target.
import { poolKey, unitsOf, type FleetConfig, type Pool } from '../fleet';
import { poolOf, type InstanceView } from '../observed';
import type { PoolMix } from './choose-mix';
import { compareKeys, type ScoredPool } from './pool-scoring';

/** Instances to launch in one pool before a drain. */
export interface Launch {
  pool: Pool;
  count: number;
}

/**
 * One rolling replacement: launch (one surge unit, i.e. one instance, at a time, each serving before the next),
 * then drain `instanceId` through the agent's drain protocol and let it go.
 */
export interface Replacement {
  instanceId: string;
  from: Pool;
  /** Empty when the fleet keeps the target covered without a launch (the pool held more than the mix needs). */
  launches: Launch[];
  /** Units the fleet holds once this replacement is done. */
  unitsAfter: number;
  idempotencyKey: string;
}

export interface MovesInput {
  fleet: FleetConfig;
  mix: PoolMix;
  /** The fleet's instances; only pending and running ones count. */
  instances: InstanceView[];
  /** Scores any pool (a running instance's pool may be one the scoring did not list). */
  scoreOf: (pool: Pool) => ScoredPool;
}

const EPSILON = 1e-9;

/** A pool of the mix with fewer instances running than the mix wants. */
interface Deficit {
  pool: Pool;
  weight: number;
  left: number;
}

/** The launches of one replacement, one per pool in the order first taken. */
const merged = (taken: { d: Deficit; count: number }[]): Launch[] => {
  const out: Launch[] = [];
  for (const t of taken) {
    const seen = out.find((l) => poolKey(l.pool) === poolKey(t.d.pool));
    if (seen) seen.count += t.count;
    else out.push({ pool: t.d.pool, count: t.count });
  }
  return out;
};
const isLive = (i: InstanceView): boolean => i.state === 'running' || i.state === 'pending';

/** Worst pools first: at risk, then the dearest effective $ per unit-hour; oldest instance first within a pool. */
const drainOrder = (scoreOf: (pool: Pool) => ScoredPool) => (a: InstanceView, b: InstanceView): number => {
  const sa = scoreOf(poolOf(a));
  const sb = scoreOf(poolOf(b));
  return (
    Number(sb.atRisk) - Number(sa.atRisk) ||
    sb.effectiveUsdPerUnitHour - sa.effectiveUsdPerUnitHour ||
    compareKeys(sa.key, sb.key) ||
    a.launchTimeMs - b.launchTimeMs ||
    compareKeys(a.instanceId, b.instanceId)
  );
};

/**
 * The on-demand units no move may go below: the tier's on-demand base (all of the mix's on-demand units, in fallback),
 * as far as the target and the on-demand units running now allow.
 */
const onDemandFloorOf = (fleet: FleetConfig, mix: PoolMix, onDemandNow: number): number =>
  Math.min(onDemandNow, mix.targetUnits, Math.max(fleet.onDemandBaseUnits, mix.onDemandUnits));

/**
 * Every move from the instances now to the mix, in the order to do them. Each drained instance is first
 * replaced like for like in units from the pools the mix still lacks (cheapest first), and by more if the fleet
 * would otherwise fall below its target; a drain that cannot keep the target covered stops the list there.
 * An on-demand instance the on-demand base needs is replaced from the mix's on-demand pools first (the surge then
 * launches on-demand, and its release lowers on-demand by what it added); one that cannot be is not moved.
 */
export const replacementMoves = (input: MovesInput): Replacement[] => {
  const { fleet, mix } = input;
  const live = input.instances.filter(isLive);
  const current = new Map<string, InstanceView[]>();
  for (const i of live) current.set(poolKey(poolOf(i)), [...(current.get(poolKey(poolOf(i))) ?? []), i]);
  const wanted = new Map(mix.entries.map((e) => [e.key, e.instances]));
  const excess = [...current.entries()]
    .flatMap(([key, list]) => [...list].sort(drainOrder(input.scoreOf)).slice(wanted.get(key) ?? 0))
    .sort(drainOrder(input.scoreOf));
  const deficits: Deficit[] = mix.entries
    .map((e) => ({ pool: e.pool, weight: unitsOf(fleet, e.pool.instanceType), left: e.instances - (current.get(e.key)?.length ?? 0) }))
    .filter((d) => d.left > 0);
  let units = live.reduce((n, i) => n + unitsOf(fleet, i.instanceType), 0);
  let onDemand = live.filter((i) => i.market === 'on-demand').reduce((n, i) => n + unitsOf(fleet, i.instanceType), 0);
  const floor = onDemandFloorOf(fleet, mix, onDemand);
  const moves: Replacement[] = [];
  for (const old of excess) {
    const oldUnits = unitsOf(fleet, old.instanceType);
    const oldOnDemand = old.market === 'on-demand' ? oldUnits : 0;
    const taken: { d: Deficit; count: number }[] = [];
    let launched = 0;
    let launchedOnDemand = 0;
    const take = (d: Deficit, more: () => boolean): void => {
      while (d.left > 0 && more()) {
        d.left -= 1;
        launched += d.weight;
        if (d.pool.market === 'on-demand') launchedOnDemand += d.weight;
        const last = taken.at(-1);
        if (last && last.d === d) last.count += 1;
        else taken.push({ d, count: 1 });
      }
    };
    const belowFloor = (): boolean => onDemand + launchedOnDemand - oldOnDemand < floor - EPSILON;
    for (const d of deficits) if (d.pool.market === 'on-demand') take(d, belowFloor);
    for (const d of deficits) take(d, () => launched < oldUnits - EPSILON || units + launched - oldUnits < mix.targetUnits - EPSILON);
    if (belowFloor()) {
      // Not planned: give the deficits back for the instances after this one.
      for (const t of taken) t.d.left += t.count;
      continue;
    }
    if (units + launched - oldUnits < mix.targetUnits - EPSILON) break;
    units += launched - oldUnits;
    onDemand += launchedOnDemand - oldOnDemand;
    const launches = merged(taken);
    moves.push({ instanceId: old.instanceId, from: poolOf(old), launches, unitsAfter: units, idempotencyKey: `${fleet.fleetId}:rebalance:${old.instanceId}` });
  }
  return moves;
};
