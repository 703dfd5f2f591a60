/** An alarm incident's open, update and close, kept as action records under its incident id (the audit of the episode). */
import type { FleetConfig } from '../core/fleet';
import type { GpuAlarmSignal } from '../core/gpu-alarm/gpu-alarm-signal';
import type { AlarmIncidentTransition } from '../core/gpu-alarm/gpu-alarm-types';
import type { ActionRecord } from '../ports/ledger-port';
import type { GpuAlarmDeps } from './gpu-alarm-deps';

/** The action type of an alarm incident's records; its capacity changes are `modify-fleet-capacity` records beside them. */
export const ALARM_INCIDENT_RECORD_TYPE = 'gpu-alarm-incident';

const atOf = (transition: AlarmIncidentTransition): number => {
  switch (transition.type) {
    case 'open':
      return transition.openedAtMs;
    case 'update':
      return transition.atMs;
    case 'close':
      return transition.closedAtMs;
  }
};

/**
 * One record per transition and event (a redelivered event writes the same key: the ledger keeps the first). `before`
 * and `after` are the alarm's states, so `listActions(incidentId)` reads as the episode from ALARM to OK.
 */
export const alarmIncidentRecord = (fleet: FleetConfig, signal: GpuAlarmSignal, transition: AlarmIncidentTransition): ActionRecord => ({
  incidentId: transition.incidentId,
  idempotencyKey: `${transition.type}#${signal.eventId}`,
  type: ALARM_INCIDENT_RECORD_TYPE,
  fleetId: fleet.fleetId,
  reason: transition.summary,
  before: { alarm: signal.alarmName, state: signal.previousState },
  after: { alarm: signal.alarmName, state: signal.state, transition: transition.type, ...(signal.value === undefined ? {} : { value: signal.value }) },
  status: 'applied',
  atMs: atOf(transition),
});

export const recordAlarmIncident = async (deps: Pick<GpuAlarmDeps, 'ledger'>, fleet: FleetConfig, signal: GpuAlarmSignal, transition: AlarmIncidentTransition | undefined): Promise<void> => {
  if (transition !== undefined) await deps.ledger.recordAction(alarmIncidentRecord(fleet, signal, transition));
};
