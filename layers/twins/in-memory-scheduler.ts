/** Twin of EventBridge Scheduler for follow-ups: keeps one-time schedules by name and hands out those that are due. */
import { SchedulerError, type FollowUpRequest, type SchedulerPort } from '../ports/scheduler-port';
import { OneTimeScheduleBook, type OneTimeSchedule, type ScheduleFailure } from './one-time-schedule-book';

/** A follow-up the twin holds until it is due. */
export type ScheduledFollowUp = OneTimeSchedule<FollowUpRequest['detail']>;

/** What the twin can be told to make `scheduleOnce` fail with. */
export type SchedulerFailure = ScheduleFailure;

/**
 * Like the service with `ActionAfterCompletion: DELETE`: a name holds one schedule until it fires, a second
 * request under that name while it waits changes nothing, and a fired schedule is gone (its name is free again).
 *
 * @example
 * const scheduler = new InMemoryScheduler();
 * await scheduler.scheduleOnce({ name: 'drain-timeout-i-0abc', atMs, detail: { instanceId: 'i-0abc', purpose: 'drain-timeout' } });
 * scheduler.due(atMs); // [{ name: 'drain-timeout-i-0abc', atMs, detail }], and the schedule is gone
 */
export class InMemoryScheduler extends OneTimeScheduleBook<FollowUpRequest['detail']> implements SchedulerPort {
  constructor() {
    super('follow-up', SchedulerError);
  }

  async scheduleOnce(request: FollowUpRequest): Promise<void> {
    this.hold(request);
  }
}
