/** What an EC2 `maintain` fleet does on its own: launch up to its target, terminate excess, replace lost capacity. */
import { poolKey, type Market, type Pool } from '../core/fleet';
import type { FleetOverride } from '../core/observed';
import { FLEET_ID_TAG, isLive, zoneOf, type FleetRecord, type InstanceRecord } from './in-memory-fleet-state';

/** The world one fulfilment pass reads and changes. */
export interface FulfilmentWorld {
  instances: Map<string, InstanceRecord>;
  subnets: ReadonlyMap<string, string>;
  /** Price of a pool, $/hour; undefined when unknown (such pools rank last under `lowest-price`). */
  priceUsdPerHour: (pool: Pool) => number | undefined;
  /** Pool keys with no capacity right now (EC2 would answer InsufficientInstanceCapacity). */
  unavailablePools: ReadonlySet<string>;
  nextInstanceId: () => string;
  nowMs: number;
  /** How long a launched instance stays `pending` before `running`. */
  pendingMs: number;
}

interface Candidate {
  override: FleetOverride;
  pool: Pool;
  weight: number;
  rank: number;
  index: number;
}

const MARKETS: readonly Market[] = ['on-demand', 'spot'];

/** Lower is launched first and terminated last: price per unit (lowest-price) or priority (prioritized). */
function rankOf(fleet: FleetRecord, o: FleetOverride, pool: Pool, world: FulfilmentWorld): number {
  if (fleet.allocationStrategy === 'prioritized') return o.priority ?? Number.POSITIVE_INFINITY;
  const price = world.priceUsdPerHour(pool);
  return price === undefined ? Number.POSITIVE_INFINITY : price / (o.weightedCapacity ?? 1);
}

function candidates(fleet: FleetRecord, market: Market, world: FulfilmentWorld): Candidate[] {
  const list: Candidate[] = [];
  fleet.overrides.forEach((override, index) => {
    const availabilityZone = zoneOf(override, world.subnets);
    // No AZ (unknown subnet) or no capacity per instance: EC2 could not launch there either.
    if (availabilityZone === undefined || (override.weightedCapacity ?? 1) <= 0) return;
    const pool: Pool = { instanceType: override.instanceType, availabilityZone, market };
    if (world.unavailablePools.has(poolKey(pool))) return;
    // A Spot max price below the current price means EC2 cannot launch in that pool.
    const price = world.priceUsdPerHour(pool);
    if (market === 'spot' && override.maxPrice !== undefined && price !== undefined && price > Number(override.maxPrice)) return;
    list.push({ override, pool, weight: override.weightedCapacity ?? 1, rank: rankOf(fleet, override, pool, world), index });
  });
  return list.sort((a, b) => a.rank - b.rank || a.index - b.index);
}

/** Rank of an existing instance, through the override it matches; one matching none is the first to go. */
function instanceRank(fleet: FleetRecord, i: InstanceRecord, world: FulfilmentWorld): number {
  const o = fleet.overrides.find((x) => x.instanceType === i.instanceType && zoneOf(x, world.subnets) === i.availabilityZone);
  if (o === undefined) return Number.POSITIVE_INFINITY;
  return rankOf(fleet, o, { instanceType: i.instanceType, availabilityZone: i.availabilityZone, market: i.market }, world);
}

function launch(fleet: FleetRecord, c: Candidate, world: FulfilmentWorld): InstanceRecord {
  const instance: InstanceRecord = {
    instanceId: world.nextInstanceId(),
    instanceType: c.pool.instanceType,
    availabilityZone: c.pool.availabilityZone,
    market: c.pool.market,
    state: world.pendingMs > 0 ? 'pending' : 'running',
    fleetId: fleet.fleetId,
    launchTimeMs: world.nowMs,
    tags: { [FLEET_ID_TAG]: fleet.fleetId },
    weight: c.weight,
  };
  world.instances.set(instance.instanceId, instance);
  return instance;
}

/** Terminates the worst-ranked (then newest) instances while the fleet stays at or above its target. */
function terminateExcess(fleet: FleetRecord, live: InstanceRecord[], target: number, world: FulfilmentWorld): void {
  let fulfilled = live.reduce((sum, i) => sum + i.weight, 0);
  const byWorstFirst = [...live].sort(
    (a, b) =>
      instanceRank(fleet, b, world) - instanceRank(fleet, a, world) ||
      b.launchTimeMs - a.launchTimeMs ||
      b.instanceId.localeCompare(a.instanceId),
  );
  for (const instance of byWorstFirst) {
    if (fulfilled <= target) return;
    if (fulfilled - instance.weight < target) continue;
    instance.state = 'terminated';
    instance.terminatedAtMs = world.nowMs;
    fulfilled -= instance.weight;
  }
}

/**
 * One pass of an EC2 `maintain` fleet: a fleet below its target (because the target rose, or because a Spot
 * instance was interrupted) launches from its best allowed override until fulfilled >= target; above its target
 * with the `termination` policy, it terminates the excess. A `modifying` fleet becomes `active` again.
 * Other fleet types and states are left alone, as EC2 leaves them.
 */
export function fulfilFleet(fleet: FleetRecord, world: FulfilmentWorld): void {
  if (fleet.type !== 'maintain' || (fleet.state !== 'active' && fleet.state !== 'modifying')) return;
  fleet.state = 'active';
  for (const market of MARKETS) {
    const target = market === 'spot' ? fleet.spotTargetCapacity : fleet.onDemandTargetCapacity;
    const live = [...world.instances.values()].filter((i) => i.fleetId === fleet.fleetId && i.market === market && isLive(i));
    let fulfilled = live.reduce((sum, i) => sum + i.weight, 0);
    const best = candidates(fleet, market, world)[0];
    while (best !== undefined && fulfilled < target) fulfilled += launch(fleet, best, world).weight;
    if (fulfilled > target && fleet.excessCapacityTerminationPolicy === 'termination') {
      terminateExcess(fleet, live, target, world);
    }
  }
}

/** EC2 stops listing a terminated instance about an hour after it terminated. */
export const TERMINATED_VISIBLE_MS = 3_600_000;

/** Instances whose launch is older than `pendingMs` are now `running`; long-terminated ones are forgotten. */
export function promotePending(world: FulfilmentWorld): void {
  for (const [id, i] of world.instances) {
    if (i.state === 'pending' && i.launchTimeMs + world.pendingMs <= world.nowMs) i.state = 'running';
    if (i.state === 'terminated' && i.terminatedAtMs !== undefined && i.terminatedAtMs + TERMINATED_VISIBLE_MS < world.nowMs) {
      world.instances.delete(id);
    }
  }
}
