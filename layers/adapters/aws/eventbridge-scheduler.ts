/** SchedulerPort on EventBridge Scheduler: a one-time schedule that invokes the autopilot with an Incident Follow-up. */
import { SchedulerError, type FollowUpRequest, type SchedulerPort } from '../../ports/scheduler-port';
import { followUpEvent } from '../../core/follow-up-event';
import { OneTimeSchedules, type OneTimeScheduleOptions } from './one-time-schedule';

/** Retry policy defaults: give up after 1 hour or 20 attempts, whichever comes first. */
export type EventBridgeFollowUpSchedulerOptions = OneTimeScheduleOptions;

const FOLLOW_UP = { noun: 'follow-up', ErrorClass: SchedulerError, defaultRetryPolicy: { maximumEventAgeSeconds: 3_600, maximumRetryAttempts: 20 } };

/**
 * Creates one `at(...)` schedule per follow-up, in UTC, deleted by the service once it has fired. The target
 * receives an EventBridge-shaped event (source `gpu-fleet-autopilot`, detail-type `Incident Follow-up`) whose
 * `id` is the schedule name, so every delivery of one follow-up carries the same idempotency key.
 *
 * @example
 * const scheduler = new EventBridgeFollowUpScheduler({ scheduler: new SchedulerClient({}), targetArn, roleArn, groupName: 'autopilot' });
 * await scheduler.scheduleOnce({ name: 'drain-timeout-i-0abc', atMs, detail: { instanceId: 'i-0abc', purpose: 'drain-timeout' } });
 */
export class EventBridgeFollowUpScheduler implements SchedulerPort {
  private readonly schedules: OneTimeSchedules;

  constructor(options: EventBridgeFollowUpSchedulerOptions) {
    this.schedules = new OneTimeSchedules(options, FOLLOW_UP);
  }

  /**
   * Idempotent: a schedule of that name already in the group (ConflictException) means it is already scheduled.
   * @throws SchedulerError, `retryable` for throttling and server or network faults.
   */
  async scheduleOnce(request: FollowUpRequest): Promise<void> {
    const { atMs, detail } = request;
    await this.schedules.create({
      name: request.name,
      atMs,
      description: `${detail.purpose} of ${detail.instanceId}`,
      input: ({ name, account, region }) => followUpEvent({ name, atMs, account, region, detail }),
    });
  }
}
