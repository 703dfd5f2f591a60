/** The typed GPU-alarm signal: what the edge parser makes of a "CloudWatch Alarm State Change" on one of our alarms. */

/** Which of a fleet's three GPU alarms fired: idle, saturated, or GPU memory nearly full. */
export type GpuAlarmKind = 'gpu-low' | 'gpu-high' | 'gpu-memory-high';

/** The CloudWatch alarm states (`StateValue`). */
export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export const GPU_ALARM_KINDS: readonly GpuAlarmKind[] = ['gpu-low', 'gpu-high', 'gpu-memory-high'];

/** A state change of one of a fleet's GPU alarms, with nothing AWS-shaped left in it. */
export interface GpuAlarmSignal {
  /** The EventBridge event id: the per-delivery idempotency key. */
  eventId: string;
  /** When EventBridge says the event was emitted (`time`), epoch milliseconds. */
  emittedAtMs: number;
  alarmName: string;
  alarmArn: string;
  fleetName: string;
  kind: GpuAlarmKind;
  state: AlarmStateValue;
  previousState: AlarmStateValue;
  /** When the alarm entered `state` (`detail.state.timestamp`), epoch milliseconds. */
  stateChangedAtMs: number;
  /** CloudWatch's human-readable `reason` for the transition. */
  reason: string;
  /** The most recent datapoint that drove the state (reasonData.recentDatapoints' last), when the event carries it. */
  value?: number;
  threshold?: number;
}
