/** The event a gpu-alarm recheck schedule delivers: decide again on an alarm that sends nothing while its state holds. */
import type { AlarmStateValue, GpuAlarmKind } from './gpu-alarm/gpu-alarm-signal';
import { scheduledEvent, type ScheduledEvent, type ScheduledEventInput } from './scheduled-event';

export const GPU_ALARM_RECHECK_DETAIL_TYPE = 'GPU Alarm Recheck';

/**
 * The detail of a `GPU Alarm Recheck` event (source `gpu-fleet-autopilot`): which alarm, in which state, and what
 * CloudWatch last said of it. The function rechecks only while the ledger still knows the alarm in that state; a state
 * change since then was decided on its own event.
 */
export interface GpuAlarmRecheckDetail {
  fleetId: string;
  fleetName: string;
  kind: GpuAlarmKind;
  /** The state the recheck is for. */
  state: AlarmStateValue;
  alarmName: string;
  alarmArn: string;
  /** CloudWatch's reason, datapoint and threshold from the event that entered the state. */
  reason: string;
  value?: number;
  threshold?: number;
}

export type GpuAlarmRecheckEvent = ScheduledEvent<typeof GPU_ALARM_RECHECK_DETAIL_TYPE, GpuAlarmRecheckDetail>;

/**
 * `name` is the schedule's name: every delivery of one recheck carries it as the event id (the idempotency key).
 *
 * @example
 * gpuAlarmRecheckEvent({ name: 'gar-fleet-6f2a9c4e-gpu-low-20260301T1205', atMs, account: '111122223333',
 *   region: 'us-east-1', detail: { fleetId, fleetName: 'bert-large-search', kind: 'gpu-low', state: 'ALARM', ... } });
 */
export const gpuAlarmRecheckEvent = (input: ScheduledEventInput<GpuAlarmRecheckDetail>): GpuAlarmRecheckEvent =>
  scheduledEvent(GPU_ALARM_RECHECK_DETAIL_TYPE, input);
