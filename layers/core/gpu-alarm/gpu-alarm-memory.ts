/** What the gpu-alarm decision remembers per fleet between events (kept in the ledger by the use case). */
import type { ChatMessage } from '../chat-message';
import type { AlarmStateValue, GpuAlarmKind, GpuAlarmSignal } from './gpu-alarm-signal';

/** Why the rebalancer is asked to look at a fleet (`interruption`: the spot-interruption function opened an incident). */
export type RebalanceTriggerReason = 'oversized-at-minimum' | 'memory-pressure' | 'cost-anomaly' | 'interruption';

/** The last known state of one of the fleet's alarms. */
export interface AlarmKindMemory {
  state: AlarmStateValue;
  /** When the alarm entered `state` (the signal's stateChangedAtMs): the start of the hysteresis clock. */
  sinceMs: number;
  /** The last event handled for this alarm: a redelivery of it changes nothing. */
  eventId: string;
  /** The alarm incident opened when it entered ALARM, until it returns to OK. */
  incidentId?: string;
}

/** An alarm-driven change of the fleet's target, as decided (the cooldown runs from it). */
export interface AlarmCapacityChange {
  atMs: number;
  purpose: 'scale-out' | 'scale-in';
  fromUnits: number;
  toUnits: number;
  eventId: string;
}

export interface GpuAlarmMemory {
  fleetId: string;
  /** Optimistic concurrency: the store sets the stored version + 1 on every save; decisions leave it as read. */
  version: number;
  kinds: Partial<Record<GpuAlarmKind, AlarmKindMemory>>;
  /** The latest instant the high alarm was known to be in ALARM (when it entered it, or when it left it). */
  lastHighAlarmAtMs?: number;
  lastCapacityChange?: AlarmCapacityChange;
  /** The last alarm scale-out: no scale-in follows it within quietAfterHighSeconds. */
  lastScaleOutAtMs?: number;
  /** When on-call was told the fleet's GPU metrics are missing; cleared when data returns (one alert per outage). */
  dataMissingAlertedAtMs?: number;
  /** When each rebalancer trigger was last sent. */
  rebalanceRequestedAtMs: Partial<Record<RebalanceTriggerReason, number>>;
  /** Slack messages that could not be delivered: sent again at the fleet's next alarm event (oldest first, a few). */
  unsent?: ChatMessage[];
  /**
   * The alarm episode (`<kind>:<incident id>`) whose change the guard held and on-call was told so: the rechecks of the
   * same episode are held the same way and told nothing more; cleared by an applied change.
   */
  heldToldFor?: string;
}

/** A fleet's memory before its first alarm. */
export const emptyGpuAlarmMemory = (fleetId: string): GpuAlarmMemory => ({ fleetId, version: 0, kinds: {}, rebalanceRequestedAtMs: {} });

/**
 * How the memory relates to a signal: `duplicate` (this event was handled), `stale` (the alarm has been seen in a
 * later state: EventBridge does not promise order), or `current`.
 */
export const signalStanding = (memory: GpuAlarmMemory, signal: GpuAlarmSignal): 'duplicate' | 'stale' | 'current' => {
  const known = memory.kinds[signal.kind];
  if (known === undefined) return 'current';
  if (known.eventId === signal.eventId) return 'duplicate';
  return signal.stateChangedAtMs < known.sinceMs ? 'stale' : 'current';
};

/**
 * The memory with the signal's state recorded. A re-reading of the same state (a recheck) keeps its start; the
 * high alarm's latest ALARM instant moves to now while it is in ALARM and to the moment it left when it leaves.
 */
export const rememberSignal = (memory: GpuAlarmMemory, signal: GpuAlarmSignal, nowMs: number, incidentId: string | undefined): GpuAlarmMemory => {
  const known = memory.kinds[signal.kind];
  const sameEpisode = known !== undefined && known.state === signal.state;
  const sinceMs = sameEpisode ? Math.min(known.sinceMs, signal.stateChangedAtMs) : signal.stateChangedAtMs;
  const entry: AlarmKindMemory = { state: signal.state, sinceMs, eventId: signal.eventId, ...(incidentId === undefined ? {} : { incidentId }) };
  const next: GpuAlarmMemory = { ...memory, kinds: { ...memory.kinds, [signal.kind]: entry } };
  if (signal.kind === 'gpu-high') {
    const leftAlarm = known?.state === 'ALARM' && signal.state !== 'ALARM';
    const atMs = signal.state === 'ALARM' ? Math.max(nowMs, signal.stateChangedAtMs) : leftAlarm ? signal.stateChangedAtMs : undefined;
    if (atMs !== undefined) next.lastHighAlarmAtMs = Math.max(memory.lastHighAlarmAtMs ?? atMs, atMs);
  }
  return next;
};

/** Whether any of the fleet's alarms is known to be in `state`. */
export const anyAlarmIn = (memory: GpuAlarmMemory, state: AlarmStateValue): boolean =>
  Object.values(memory.kinds).some((k) => k?.state === state);
