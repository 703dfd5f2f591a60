/** StepSchedulerPort on EventBridge Scheduler: a one-time schedule that invokes the forecast scaler with a Forecast Step. */
import { forecastStepEvent } from '../../core/forecast-step-event';
import { StepSchedulerError, type StepScheduleRequest, type StepSchedulerPort } from '../../ports/step-scheduler-port';
import { OneTimeSchedules, type OneTimeScheduleOptions } from './one-time-schedule';

/** Retry policy defaults: give up after 5 minutes or 10 attempts (the next scheduled run plans afresh by then). */
export type EventBridgeStepSchedulerOptions = OneTimeScheduleOptions;

// A step delivered late is worth little: the scaler's own schedule (every few minutes) re-plans the same capacity.
const FORECAST_STEP = { noun: 'forecast step', ErrorClass: StepSchedulerError, defaultRetryPolicy: { maximumEventAgeSeconds: 300, maximumRetryAttempts: 10 } };

/**
 * Creates one `at(...)` schedule per planned step, in UTC, deleted by the service once fired. The target receives
 * an EventBridge-shaped event (source `gpu-fleet-autopilot`, detail-type `Forecast Step`) whose `id` is the
 * schedule name, so every delivery of one step carries the same idempotency key.
 *
 * @example
 * const steps = new EventBridgeStepScheduler({ scheduler: new SchedulerClient({}), targetArn, roleArn, groupName: 'autopilot' });
 * await steps.scheduleStep({ name: 'step-fleet-6f2a9c4e-20260301T1205', atMs, detail: { fleetId, targetUnits: 1200, effectiveAtMs, runId } });
 */
export class EventBridgeStepScheduler implements StepSchedulerPort {
  private readonly schedules: OneTimeSchedules;

  constructor(options: EventBridgeStepSchedulerOptions) {
    this.schedules = new OneTimeSchedules(options, FORECAST_STEP);
  }

  /**
   * Idempotent: a schedule of that name already in the group (ConflictException) means it is already scheduled.
   * @throws StepSchedulerError, `retryable` for throttling and server or network faults.
   */
  async scheduleStep(request: StepScheduleRequest): Promise<void> {
    const { atMs, detail } = request;
    await this.schedules.create({
      name: request.name,
      atMs,
      description: `forecast step of fleet ${detail.fleetId}: ${detail.targetUnits} capacity units from ${new Date(detail.effectiveAtMs).toISOString()} (run ${detail.runId})`.slice(0, 512),
      input: ({ name, account, region }) => forecastStepEvent({ name, atMs, account, region, detail }),
    });
  }
}
