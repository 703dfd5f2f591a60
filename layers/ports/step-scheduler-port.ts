/** What the forecast scaler needs from EventBridge Scheduler: post one planned capacity step at its time. */
import { PortError } from './port-error';
import type { ForecastStepDetail } from '../core/forecast-step-event';

export type { ForecastStepDetail };

/** Thrown when a step cannot be scheduled; `retryable` says whether trying again later may help. */
export class StepSchedulerError extends PortError {
  override readonly name = 'StepSchedulerError';
}

export interface StepScheduleRequest {
  /** Unique per step; scheduling the same name twice keeps one schedule. */
  name: string;
  atMs: number;
  detail: ForecastStepDetail;
}

export interface StepSchedulerPort {
  scheduleStep(request: StepScheduleRequest): Promise<void>;
}
