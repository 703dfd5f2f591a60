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
 * Every move from the instances now to the mix, in the order to do them. Each drained instance is first
 * replaced like for like in units from the pools the mix still lacks (cheapest first), and by more if the fleet
 * would otherwise fall below its target; a drain that cannot keep the target covered stops the list there.
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
  const deficits = mix.entries
    .map((e) => ({ pool: e.pool, weight: unitsOf(fleet, e.pool.instanceType), left: e.instances - (current.get(e.key)?.length ?? 0) }))
    .filter((d) => d.left > 0);
  let units = live.reduce((n, i) => n + unitsOf(fleet, i.instanceType), 0);
  const moves: Replacement[] = [];
  for (const old of excess) {
    const oldUnits = unitsOf(fleet, old.instanceType);
    const launches: Launch[] = [];
    let launched = 0;
    for (const d of deficits) {
      while (d.left > 0 && (launched < oldUnits - EPSILON || units + launched - oldUnits < mix.targetUnits - EPSILON)) {
        d.left -= 1;
        launched += d.weight;
        const last = launches.at(-1);
        if (last && poolKey(last.pool) === poolKey(d.pool)) last.count += 1;
        else launches.push({ pool: d.pool, count: 1 });
      }
    }
    if (units + launched - oldUnits < mix.targetUnits - EPSILON) break;
    units += launched - oldUnits;
    moves.push({ instanceId: old.instanceId, from: poolOf(old), launches, unitsAfter: units, idempotencyKey: `${fleet.fleetId}:rebalance:${old.instanceId}` });
  }
  return moves;
};
