/** AlarmRecheckPort on EventBridge Scheduler: a one-time schedule that invokes the gpu-alarm function with a recheck. */
import { gpuAlarmRecheckEvent } from '../../core/gpu-alarm-recheck-event';
import { AlarmRecheckError, type AlarmRecheckPort, type AlarmRecheckRequest } from '../../ports/alarm-recheck-port';
import { OneTimeSchedules, type OneTimeScheduleOptions } from './one-time-schedule';

/** Retry policy defaults: give up after 15 minutes or 20 attempts. */
export type EventBridgeAlarmRechecksOptions = OneTimeScheduleOptions;

// A late recheck still decides on the alarm's state then, so it keeps its worth longer than a forecast step; past a
// quarter of an hour the alarm has usually changed state (and sent its own event) or been rechecked again.
const RECHECK = { noun: 'gpu-alarm recheck', ErrorClass: AlarmRecheckError, defaultRetryPolicy: { maximumEventAgeSeconds: 900, maximumRetryAttempts: 20 } };

/**
 * Creates one `at(...)` schedule per recheck, in UTC, deleted by the service once fired. The target receives an
 * EventBridge-shaped event (source `gpu-fleet-autopilot`, detail-type `GPU Alarm Recheck`) whose `id` is the
 * schedule name, so every delivery of one recheck carries the same idempotency key.
 *
 * @example
 * const rechecks = new EventBridgeAlarmRechecks({ scheduler: new SchedulerClient({}), targetArn, roleArn, groupName: 'autopilot' });
 * await rechecks.scheduleRecheck({ name: 'gar-fleet-6f2a9c4e-gpu-low-20260301T1205', atMs, detail });
 */
export class EventBridgeAlarmRechecks implements AlarmRecheckPort {
  private readonly schedules: OneTimeSchedules;

  constructor(options: EventBridgeAlarmRechecksOptions) {
    this.schedules = new OneTimeSchedules(options, RECHECK);
  }

  /**
   * Idempotent: a schedule of that name already in the group (ConflictException) means it is already scheduled.
   * @throws AlarmRecheckError, `retryable` for throttling and server or network faults.
   */
  async scheduleRecheck(request: AlarmRecheckRequest): Promise<void> {
    const { atMs, detail } = request;
    await this.schedules.create({
      name: request.name,
      atMs,
      description: `gpu-alarm recheck of ${detail.alarmName} in ${detail.state} (fleet ${detail.fleetId})`.slice(0, 512),
      input: ({ name, account, region }) => gpuAlarmRecheckEvent({ name, atMs, account, region, detail }),
    });
  }
}
