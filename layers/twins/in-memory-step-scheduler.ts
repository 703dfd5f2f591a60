/** Twin of EventBridge Scheduler for forecast steps: keeps one-time schedules by name and hands out those that are due. */
import type { ForecastStepDetail } from '../core/forecast-step-event';
import { StepSchedulerError, type StepScheduleRequest, type StepSchedulerPort } from '../ports/step-scheduler-port';
import { OneTimeScheduleBook, type OneTimeSchedule } from './one-time-schedule-book';

/** A planned step the twin holds until it is due. */
export type ScheduledStep = OneTimeSchedule<ForecastStepDetail>;

/**
 * Like the service with `ActionAfterCompletion: DELETE`: a name holds one step until it fires, scheduling it again
 * while it waits changes nothing, and a fired step is gone. The simulator fires `due(nowMs)` through the scaler.
 *
 * @example
 * const steps = new InMemoryStepScheduler();
 * await steps.scheduleStep({ name: 'step-1', atMs, detail: { fleetId, targetUnits: 1200, effectiveAtMs, runId: 'run-1' } });
 * steps.due(atMs); // [{ name: 'step-1', atMs, detail }]
 */
export class InMemoryStepScheduler extends OneTimeScheduleBook<ForecastStepDetail> implements StepSchedulerPort {
  constructor() {
    super('forecast step', StepSchedulerError);
  }

  async scheduleStep(request: StepScheduleRequest): Promise<void> {
    this.hold(request);
  }
}
