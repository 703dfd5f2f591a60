/** Rechecks of an alarm that holds its state: scheduled through AlarmRecheckPort, and turned back into a signal when due. */
import type { FleetConfig } from '../core/fleet';
import type { GpuAlarmMemory } from '../core/gpu-alarm/gpu-alarm-memory';
import type { GpuAlarmSignal } from '../core/gpu-alarm/gpu-alarm-signal';
import type { GpuAlarmTrigger } from '../core/gpu-alarm-trigger';
import { messageOf } from './errors';
import type { GpuAlarmDeps } from './gpu-alarm-deps';

/** A schedule must lie in the future when it is created. */
const MIN_LEAD_MS = 60_000;

/** `gar-<fleet id>-<kind>-<UTC yyyymmddThhmmss>Z`: two events asking for the same recheck make one schedule. */
export const recheckScheduleName = (fleetId: string, kind: string, atMs: number): string =>
  `gar-${fleetId}-${kind}-${new Date(atMs).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/**
 * The signal a due recheck stands for: the alarm as the ledger knows it now (CloudWatch sends nothing while a state
 * holds, so the memory, kept by every state change, is its state). Undefined when the alarm has left the state the
 * recheck was for: that change came with its own event and was decided then.
 */
export const recheckSignalOf = (trigger: Extract<GpuAlarmTrigger, { kind: 'recheck' }>, memory: GpuAlarmMemory): GpuAlarmSignal | undefined => {
  const { detail } = trigger;
  const known = memory.kinds[detail.kind];
  if (known === undefined || known.state !== detail.state) return undefined;
  return {
    eventId: trigger.eventId,
    emittedAtMs: trigger.emittedAtMs,
    alarmName: detail.alarmName,
    alarmArn: detail.alarmArn,
    fleetName: detail.fleetName,
    kind: detail.kind,
    state: detail.state,
    previousState: detail.state,
    stateChangedAtMs: known.sinceMs,
    reason: detail.reason,
    ...(detail.value === undefined ? {} : { value: detail.value }),
    ...(detail.threshold === undefined ? {} : { threshold: detail.threshold }),
  };
};

/**
 * Schedules the decision's recheck; returns its time, or undefined when it could not be scheduled. A failure is logged,
 * not thrown: the capacity change may already be made, and a retry of the whole event would decide it twice.
 */
export const scheduleRecheck = async (deps: GpuAlarmDeps, fleet: FleetConfig, signal: GpuAlarmSignal, recheckAtMs: number): Promise<number | undefined> => {
  const atMs = Math.max(recheckAtMs, deps.clock.nowMs() + MIN_LEAD_MS);
  const { value, threshold } = signal;
  try {
    await deps.rechecks.scheduleRecheck({
      name: recheckScheduleName(fleet.fleetId, signal.kind, atMs),
      atMs,
      detail: {
        fleetId: fleet.fleetId,
        fleetName: fleet.name,
        kind: signal.kind,
        state: signal.state,
        alarmName: signal.alarmName,
        alarmArn: signal.alarmArn,
        reason: signal.reason,
        ...(value === undefined ? {} : { value }),
        ...(threshold === undefined ? {} : { threshold }),
      },
    });
    return atMs;
  } catch (error) {
    deps.logger.warn('gpu-alarm recheck not scheduled: the alarm is decided again at its next state change', { fleet: fleet.name, alarm: signal.alarmName, atMs, error: messageOf(error) });
    return undefined;
  }
};
