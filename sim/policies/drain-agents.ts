/** The fleet's instance agents in the simulation: each acknowledges a drain request through the drain protocol's tags. */
import { DRAIN_TAG, DRAINED_TAG, drainedTags } from '../../layers/core/drain-protocol';
import type { InMemoryFleet } from '../../layers/twins/in-memory-fleet';

/** What an agent takes to finish its in-flight batch and stop polling, by default. */
export const DEFAULT_DRAIN_ACK_MS = 30_000;

/**
 * An agent sees its instance's drain tag on its next poll, finishes the requests it holds, and tags the instance
 * `autopilot:drained` (drainedTags) `ackMs` after it first saw the request. The fleet's instances are scanned only
 * when the fleet changed (tags included) or an acknowledgement is waiting.
 *
 * @example
 * const agents = new DrainAgents(fleet, fleetId, 30_000);
 * await agents.tick(nowMs); // every engine step
 */
export class DrainAgents {
  /** Instance id -> when its agent first saw the drain request. */
  private readonly seen = new Map<string, number>();
  private seenRevision = -1;
  acknowledged = 0;

  constructor(
    private readonly fleet: InMemoryFleet,
    private readonly fleetId: string,
    private readonly ackMs = DEFAULT_DRAIN_ACK_MS,
  ) {}

  async tick(nowMs: number): Promise<void> {
    if (this.fleet.revision === this.seenRevision && this.seen.size === 0) return;
    this.seenRevision = this.fleet.revision;
    const waiting = new Set<string>();
    for (const i of this.fleet.instancesOf(this.fleetId)) {
      const live = i.state === 'running' || i.state === 'pending';
      if (!live || i.tags[DRAIN_TAG] === undefined || i.tags[DRAINED_TAG] !== undefined) continue;
      const since = this.seen.get(i.instanceId) ?? nowMs;
      if (nowMs - since >= this.ackMs) {
        await this.fleet.createTags(i.instanceId, drainedTags(nowMs));
        this.acknowledged += 1;
        continue;
      }
      this.seen.set(i.instanceId, since);
      waiting.add(i.instanceId);
    }
    for (const id of [...this.seen.keys()]) if (!waiting.has(id)) this.seen.delete(id);
    this.seenRevision = this.fleet.revision;
  }
}
