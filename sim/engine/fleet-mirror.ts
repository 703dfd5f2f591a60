/**
 * Mirrors the simulated EC2 Fleet (the twin) for the engine's hot loop: serving and booting capacity, live
 * instances per pool for billing, and launches and terminations as they happen. Re-read only when the twin's
 * revision changes.
 */
import type { Market } from '../../layers/core/fleet';
import { DRAIN_TAG } from '../../layers/core/drain-protocol';
import type { InMemoryFleet } from '../../layers/twins/in-memory-fleet';

export interface TrackedInstance {
  instanceId: string;
  instanceType: string;
  availabilityZone: string;
  market: Market;
  weight: number;
  /** Billing start (launch, or the run's start for instances already there). */
  billFromMs: number;
  endMs?: number;
  drained: boolean;
}

export interface PoolLoad {
  instanceType: string;
  availabilityZone: string;
  market: Market;
  /** Live (pending or running) instances of this pool: what is billed now. */
  live: number;
}

export interface MirrorChanges {
  launched: TrackedInstance[];
  ended: TrackedInstance[];
}

export class FleetMirror {
  readonly instances = new Map<string, TrackedInstance>();
  servingUnits = 0;
  bootingUnits = 0;
  drainingUnits = 0;
  /** Launch time + lead of the next pending instance to start serving (Infinity when none). */
  nextServingAtMs = Infinity;
  pools: PoolLoad[] = [];
  private seenRevision = -1;

  constructor(
    private readonly fleet: InMemoryFleet,
    private readonly runStartMs: number,
    private readonly leadMs: number,
  ) {}

  /** Re-read the twin when it changed; returns the instances launched and ended since the last read. */
  refresh(nowMs: number): MirrorChanges {
    const changes: MirrorChanges = { launched: [], ended: [] };
    if (this.fleet.revision === this.seenRevision) return changes;
    this.seenRevision = this.fleet.revision;
    let serving = 0;
    let booting = 0;
    let draining = 0;
    let nextServing = Infinity;
    const pools = new Map<string, PoolLoad>();
    const present = new Set<string>();
    this.fleet.forEachInstance((i) => {
      present.add(i.instanceId);
      let tracked = this.instances.get(i.instanceId);
      if (!tracked) {
        tracked = {
          instanceId: i.instanceId,
          instanceType: i.instanceType,
          availabilityZone: i.availabilityZone,
          market: i.market,
          weight: i.weight,
          billFromMs: Math.max(i.launchTimeMs, this.runStartMs),
          drained: false,
        };
        this.instances.set(i.instanceId, tracked);
        if (i.state === 'pending' || i.state === 'running') changes.launched.push(tracked);
      }
      tracked.drained = i.tags[DRAIN_TAG] !== undefined;
      const live = i.state === 'pending' || i.state === 'running';
      if (!live) {
        if (tracked.endMs === undefined) {
          tracked.endMs = i.terminatedAtMs ?? nowMs;
          changes.ended.push(tracked);
        }
        return;
      }
      const key = `${i.instanceType}:${i.availabilityZone}:${i.market}`;
      const pool = pools.get(key) ?? { instanceType: i.instanceType, availabilityZone: i.availabilityZone, market: i.market, live: 0 };
      pool.live += 1;
      pools.set(key, pool);
      if (i.state === 'pending') {
        booting += i.weight;
        nextServing = Math.min(nextServing, i.launchTimeMs + this.leadMs);
      } else if (!tracked.drained) {
        serving += i.weight;
      } else {
        draining += i.weight;
      }
    });
    // The twin forgets instances an hour after they terminate; one that vanished unseen ended now.
    for (const tracked of this.instances.values()) {
      if (tracked.endMs === undefined && !present.has(tracked.instanceId)) {
        tracked.endMs = nowMs;
        changes.ended.push(tracked);
      }
    }
    this.servingUnits = serving;
    this.bootingUnits = booting;
    this.drainingUnits = draining;
    this.nextServingAtMs = nextServing;
    this.pools = [...pools.values()];
    return changes;
  }
}
