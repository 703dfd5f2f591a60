/** ReplacementCheckPort on EventBridge Scheduler: a one-time schedule that invokes the rebalancer with a Replacement Step. */
import { replacementStepEvent } from '../../core/rebalancer/replacement-step-event';
import { ReplacementCheckError, type ReplacementCheckPort, type ReplacementCheckRequest } from '../../ports/replacement-check-port';
import { OneTimeSchedules, type OneTimeScheduleOptions } from './one-time-schedule';

/** Retry policy defaults: give up after 30 minutes or 20 attempts (the scheduled run resumes a move whose check is lost). */
export type EventBridgeReplacementChecksOptions = OneTimeScheduleOptions;

// A late check still decides on the fleet as it is then; past half an hour the rebalancer's own run has resumed the move.
const CHECK = { noun: 'replacement check', ErrorClass: ReplacementCheckError, defaultRetryPolicy: { maximumEventAgeSeconds: 1_800, maximumRetryAttempts: 20 } };

/**
 * Creates one `at(...)` schedule per check, in UTC, deleted by the service once fired. The target receives an
 * EventBridge-shaped event (source `gpu-fleet-autopilot`, detail-type `Replacement Step`) whose `id` is the
 * schedule name, so every delivery of one check carries the same idempotency key.
 *
 * @example
 * const checks = new EventBridgeReplacementChecks({ scheduler: new SchedulerClient({}), targetArn, roleArn, groupName: 'autopilot' });
 * await checks.scheduleCheck({ name: 'rb-fleet-5c4e3bd2-i-0a1b2c3d4e5f60718-1', atMs, detail: { fleetId, moveId, check: 1 } });
 */
export class EventBridgeReplacementChecks implements ReplacementCheckPort {
  private readonly schedules: OneTimeSchedules;

  constructor(options: EventBridgeReplacementChecksOptions) {
    this.schedules = new OneTimeSchedules(options, CHECK);
  }

  /**
   * Idempotent: a schedule of that name already in the group (ConflictException) means it is already scheduled.
   * @throws ReplacementCheckError, `retryable` for throttling and server or network faults.
   */
  async scheduleCheck(request: ReplacementCheckRequest): Promise<void> {
    const { atMs, detail } = request;
    await this.schedules.create({
      name: request.name,
      atMs,
      description: `rebalancer check ${detail.check} of replacement ${detail.moveId} (fleet ${detail.fleetId})`.slice(0, 512),
      input: ({ name, account, region }) => replacementStepEvent({ name, atMs, account, region, detail }),
    });
  }
}
