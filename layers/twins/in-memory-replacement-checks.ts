/** Twin of EventBridge Scheduler for the rebalancer's replacement checks: one-time schedules by name, handed out once due. */
import type { ReplacementStepDetail } from '../core/rebalancer/replacement-step-event';
import { ReplacementCheckError, type ReplacementCheckPort, type ReplacementCheckRequest } from '../ports/replacement-check-port';
import { OneTimeScheduleBook, type OneTimeSchedule } from './one-time-schedule-book';

/** A check the twin holds until it is due. */
export type ScheduledReplacementCheck = OneTimeSchedule<ReplacementStepDetail>;

/**
 * Like the service with `ActionAfterCompletion: DELETE`: a name holds one check until it fires, scheduling it again
 * while it waits changes nothing, and a fired check is gone. Tests and the simulator fire `due(nowMs)` through the
 * rebalancer's handler.
 *
 * @example
 * const checks = new InMemoryReplacementChecks();
 * await checks.scheduleCheck({ name: 'rb-1', atMs, detail: { fleetId, moveId, check: 1 } });
 * checks.due(atMs); // [{ name: 'rb-1', atMs, detail }]
 */
export class InMemoryReplacementChecks extends OneTimeScheduleBook<ReplacementStepDetail> implements ReplacementCheckPort {
  constructor() {
    super('replacement check', ReplacementCheckError);
  }

  async scheduleCheck(request: ReplacementCheckRequest): Promise<void> {
    this.hold(request);
  }
}
