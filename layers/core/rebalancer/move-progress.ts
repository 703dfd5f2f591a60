/** Pure checks of a replacement in progress: has the surge come up and started serving, has the old instance drained. */
import { readDrainedAt, DRAIN_TAG } from '../drain-protocol';
import { unitsOf, type FleetConfig } from '../fleet';
import type { InstanceView } from '../observed';
import type { ReplacementMove } from './replacement-move';

export type LaunchVerdict =
  /** The instance to replace is no longer live (interrupted, terminated by someone else): nothing to drain. */
  | { kind: 'old-gone' }
  /** The new capacity serves and the rest of the fleet covers the target without the old instance. */
  | { kind: 'serving'; newUnits: number }
  | { kind: 'wait'; newUnits: number; why: string }
  | { kind: 'give-up'; why: string };

const isLive = (i: InstanceView): boolean => i.state === 'pending' || i.state === 'running';

/**
 * Whether the surge of `move` serves at `nowMs`. An instance serves once it has run a launch lead time (boot,
 * driver, engine load); one tagged for a drain does not serve. The old instance may be drained only when the new
 * instances bring the surge's units and the serving rest of the fleet still covers the target the surge started
 * from, so the target stays covered throughout; past `maxWaitMs` without that, the move gives up.
 *
 * @example
 * launchVerdict(move, { fleet, instances: await port.listFleetInstances(fleet.fleetId), nowMs, maxWaitMs: 1_800_000 }).kind; // 'serving'
 */
export const launchVerdict = (
  move: ReplacementMove,
  obs: { fleet: FleetConfig; instances: InstanceView[]; nowMs: number; maxWaitMs: number },
): LaunchVerdict => {
  const { fleet, nowMs } = obs;
  const live = obs.instances.filter(isLive);
  if (!live.some((i) => i.instanceId === move.instanceId)) return { kind: 'old-gone' };
  const known = new Set(move.knownInstanceIds);
  const serves = (i: InstanceView): boolean =>
    i.state === 'running' && i.launchTimeMs + fleet.launchLeadTimeSeconds * 1000 <= nowMs && i.tags[DRAIN_TAG] === undefined;
  const units = (list: InstanceView[]): number => list.reduce((n, i) => n + unitsOf(fleet, i.instanceType), 0);
  const fresh = live.filter((i) => !known.has(i.instanceId) && i.instanceId !== move.instanceId);
  const newUnits = units(fresh.filter(serves));
  const rest = units(live.filter((i) => i.instanceId !== move.instanceId && serves(i)));
  const target = move.surge?.from.total ?? 0;
  if (newUnits >= move.surgeUnits && rest >= target) return { kind: 'serving', newUnits };
  const startedMs = move.surge?.atMs ?? move.startedAtMs;
  const waited = Math.round((nowMs - startedMs) / 60_000);
  const why = `${newUnits} of ${move.surgeUnits} new units serving, ${rest} of ${target} units without ${move.instanceId}`;
  if (nowMs - startedMs >= obs.maxWaitMs) return { kind: 'give-up', why: `after ${waited} min: ${why}` };
  return { kind: 'wait', newUnits, why };
};

export type DrainVerdict =
  | { kind: 'release'; why: 'acknowledged' | 'deadline' | 'gone' }
  | { kind: 'wait'; untilMs: number };

/**
 * Whether the old instance may go: its agent acknowledged the drain (`autopilot:drained` no older than the drain
 * request), the deadline passed, or it is gone already. Otherwise look again at `pollMs`, or at the deadline.
 */
export const drainVerdict = (move: ReplacementMove, instance: InstanceView | undefined, nowMs: number, pollMs: number): DrainVerdict => {
  if (instance === undefined || !isLive(instance)) return { kind: 'release', why: 'gone' };
  const drain = move.drain;
  if (drain === undefined) return { kind: 'wait', untilMs: nowMs };
  // The tag has whole milliseconds, the request time too: an acknowledgement of an earlier drain is older.
  const acknowledgedAt = readDrainedAt(instance.tags);
  if (acknowledgedAt !== undefined && acknowledgedAt >= drain.requestedAtMs) return { kind: 'release', why: 'acknowledged' };
  if (nowMs >= drain.deadlineMs) return { kind: 'release', why: 'deadline' };
  return { kind: 'wait', untilMs: Math.min(drain.deadlineMs, nowMs + pollMs) };
};
