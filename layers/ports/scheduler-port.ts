/** What the autopilot needs from EventBridge Scheduler: invoke itself once at a given time. */
import { PortError } from './port-error';
import type { FollowUpPurpose } from '../core/signals';

/** Thrown when a follow-up cannot be scheduled; `retryable` says whether trying again later may help. */
export class SchedulerError extends PortError {
  override readonly name = 'SchedulerError';
}

export interface FollowUpRequest {
  /** Unique per follow-up; scheduling the same name twice keeps one schedule. */
  name: string;
  atMs: number;
  /** The event the function receives (source `gpu-fleet-autopilot`, detail-type `Incident Follow-up`). */
  detail: { instanceId: string; incidentId: string; purpose: FollowUpPurpose };
}

export interface SchedulerPort {
  scheduleOnce(request: FollowUpRequest): Promise<void>;
}
