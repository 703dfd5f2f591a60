/** The alarm incident of a fleet and alarm kind: opened on ALARM, updated while it lasts, closed on OK. */
import type { FleetConfig } from '../fleet';
import type { GpuAlarmMemory } from './gpu-alarm-memory';
import type { GpuAlarmSignal } from './gpu-alarm-signal';
import type { AlarmIncidentTransition } from './gpu-alarm-types';

/**
 * Readable and unique: the fleet, the kind, when the alarm entered ALARM, and the opening event's id (a retry of
 * that event finds the same incident).
 *
 * @example alarmIncidentIdFor('bert-large-search', 'gpu-high', Date.UTC(2026, 2, 14, 3, 12), 'a1b2c3d4-...')
 * // 'gpu-bert-large-search-gpu-high-20260314T031200000Z-a1b2c3d4'
 */
export const alarmIncidentIdFor = (fleetName: string, kind: string, openedAtMs: number, eventId: string): string => {
  const at = Number.isFinite(openedAtMs) && Math.abs(openedAtMs) <= 8.64e15 ? new Date(openedAtMs).toISOString().replace(/[-:.]/g, '') : String(openedAtMs);
  return `gpu-${fleetName.replace(/[^0-9a-zA-Z-]/g, '-')}-${kind}-${at}-${eventId.replace(/[^0-9a-zA-Z]/g, '').slice(0, 8)}`;
};

export interface IncidentStep {
  transition?: AlarmIncidentTransition;
  /** The incident the alarm keeps open after this signal (for the memory). */
  openIncidentId?: string;
}

/**
 * ALARM opens the kind's incident (or updates the one already open: a recheck, a return from INSUFFICIENT_DATA);
 * OK closes it; INSUFFICIENT_DATA updates it and keeps it open, since the alarm's condition is unknown, not over.
 */
export const incidentStep = (signal: GpuAlarmSignal, memory: GpuAlarmMemory, fleet: FleetConfig, nowMs: number, summary: string): IncidentStep => {
  const openId = memory.kinds[signal.kind]?.incidentId;
  switch (signal.state) {
    case 'ALARM': {
      if (openId !== undefined) return { transition: { type: 'update', incidentId: openId, atMs: nowMs, state: signal.state, summary }, openIncidentId: openId };
      const incidentId = alarmIncidentIdFor(fleet.name, signal.kind, signal.stateChangedAtMs, signal.eventId);
      return {
        transition: { type: 'open', incidentId, fleetId: fleet.fleetId, fleetName: fleet.name, kind: signal.kind, openedAtMs: signal.stateChangedAtMs, summary },
        openIncidentId: incidentId,
      };
    }
    case 'OK':
      return openId === undefined ? {} : { transition: { type: 'close', incidentId: openId, closedAtMs: signal.stateChangedAtMs, summary } };
    case 'INSUFFICIENT_DATA':
      return openId === undefined ? {} : { transition: { type: 'update', incidentId: openId, atMs: nowMs, state: signal.state, summary }, openIncidentId: openId };
  }
};
