// Builders for the gpu-alarm decision: alarm signals on the bert-large-search fleet, its load, memory and settings.
import { alarmNameOf } from '../../layers/core/gpu-alarm/alarm-name';
import type { GpuAlarmMemory } from '../../layers/core/gpu-alarm/gpu-alarm-memory';
import { emptyGpuAlarmMemory } from '../../layers/core/gpu-alarm/gpu-alarm-memory';
import { gpuAlarmSettingsOf } from '../../layers/core/gpu-alarm/gpu-alarm-settings';
import type { GpuAlarmKind, GpuAlarmSignal } from '../../layers/core/gpu-alarm/gpu-alarm-signal';
import type { GpuAlarmInput, GpuAlarmLoad } from '../../layers/core/gpu-alarm/gpu-alarm-types';
import { gpuTypeOptionsFor } from '../../layers/core/gpu-alarm/gpu-type-options';
import { ACCOUNT, aFleet, FLEET_ID, REGION, T0_MS } from './spot-factories';

export const STACK_PREFIX = 'gpu-fleet-autopilot-dev';
export const NOW_MS = T0_MS;
export const MINUTE_MS = 60_000;
export const EVENT_ID = 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92';

const REASONS: Record<GpuAlarmSignal['state'], string> = {
  ALARM: 'Threshold Crossed: 4 out of the last 5 datapoints were less than the threshold (20.0) (minimum 4 datapoints for OK -> ALARM transition).',
  OK: 'Threshold Crossed: 4 out of the last 5 datapoints were not less than the threshold (20.0) (minimum 4 datapoints for ALARM -> OK transition).',
  INSUFFICIENT_DATA: 'Insufficient Data: 5 datapoints were unknown.',
};

/**
 * A state change of one of bert-large-search's alarms, as the edge parser makes it: by default gpu-low entering ALARM
 * two hours before now (long enough for any tier's hysteresis).
 */
export const aGpuSignal = (overrides: Partial<GpuAlarmSignal> = {}): GpuAlarmSignal => {
  const kind: GpuAlarmKind = overrides.kind ?? 'gpu-low';
  const state = overrides.state ?? 'ALARM';
  const alarmName = alarmNameOf(STACK_PREFIX, 'bert-large-search', kind);
  return {
    eventId: EVENT_ID,
    emittedAtMs: NOW_MS - 120 * MINUTE_MS,
    alarmName,
    alarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${alarmName}`,
    fleetName: 'bert-large-search',
    kind,
    state,
    previousState: state === 'OK' ? 'ALARM' : 'OK',
    stateChangedAtMs: NOW_MS - 120 * MINUTE_MS,
    reason: REASONS[state],
    value: 12.5,
    threshold: 20,
    ...overrides,
  };
};

/** A steady 800 QPS with an empty queue whose oldest message stays a second old. */
export const aLoad = (overrides: Partial<GpuAlarmLoad> = {}): GpuAlarmLoad => ({
  arrivalQps: 800,
  backlog: 0,
  oldestMessageAgeSeconds: 1,
  oldestMessageAgeEarlierSeconds: 1,
  ...overrides,
});

/** Memory of a fleet whose alarms were last seen in the given states, each since `sinceMs`. */
export const aMemory = (states: Partial<Record<GpuAlarmKind, GpuAlarmSignal['state']>> = {}, sinceMs = NOW_MS - 180 * MINUTE_MS): GpuAlarmMemory => {
  const memory = emptyGpuAlarmMemory(FLEET_ID);
  for (const [kind, state] of Object.entries(states) as [GpuAlarmKind, GpuAlarmSignal['state']][]) {
    memory.kinds[kind] = { state, sinceMs, eventId: `earlier-${kind}` };
  }
  return memory;
};

/**
 * The critical fleet (400..4000 units, 240 s lead, 80% target utilization) at 2000 units, all fulfilled, serving
 * 800 QPS with no backlog, no forecast, no incident, empty memory, the tier's settings and the real catalog.
 */
export const aGpuAlarmInput = (overrides: Partial<GpuAlarmInput> = {}): GpuAlarmInput => {
  const fleet = overrides.fleet ?? aFleet();
  return {
    signal: aGpuSignal(),
    fleet,
    nowMs: NOW_MS,
    load: aLoad(),
    targetUnits: 2000,
    fulfilledUnits: 2000,
    openIncidentIds: [],
    memory: emptyGpuAlarmMemory(FLEET_ID),
    settings: gpuAlarmSettingsOf(fleet),
    catalog: overrides.catalog ?? gpuTypeOptionsFor(fleet),
    ...overrides,
  };
};
