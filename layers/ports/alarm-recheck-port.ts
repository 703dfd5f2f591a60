/** What the gpu-alarm function needs from EventBridge Scheduler: invoke itself once to decide again on an alarm. */
import type { GpuAlarmRecheckDetail } from '../core/gpu-alarm-recheck-event';
import { PortError } from './port-error';

export type { GpuAlarmRecheckDetail };

/** Thrown when a recheck cannot be scheduled; `retryable` says whether trying again later may help. */
export class AlarmRecheckError extends PortError {
  override readonly name = 'AlarmRecheckError';
}

export interface AlarmRecheckRequest {
  /** Unique per alarm and time; scheduling the same name twice keeps one schedule. */
  name: string;
  atMs: number;
  detail: GpuAlarmRecheckDetail;
}

/**
 * CloudWatch sends an alarm event only when the state changes: an alarm that stays in ALARM past a hysteresis or a
 * cooldown says nothing more, so the function schedules its own look at it.
 *
 * @example
 * await rechecks.scheduleRecheck({ name: 'gar-fleet-6f2a9c4e-gpu-low-20260301T1205', atMs, detail });
 */
export interface AlarmRecheckPort {
  scheduleRecheck(request: AlarmRecheckRequest): Promise<void>;
}
