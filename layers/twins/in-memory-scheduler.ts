/** Twin of EventBridge Scheduler for follow-ups: keeps one-time schedules by name and hands out those that are due. */
import { SchedulerError, type FollowUpRequest, type SchedulerPort } from '../ports/scheduler-port';

/** A follow-up the twin holds until it is due. */
export interface ScheduledFollowUp {
  name: string;
  atMs: number;
  detail: FollowUpRequest['detail'];
}

/** What the twin can be told to make `scheduleOnce` fail with. */
export type SchedulerFailure = 'throttling' | 'unavailable';

/**
 * Like the service with `ActionAfterCompletion: DELETE`: a name holds one schedule until it fires, a second
 * request under that name while it waits changes nothing, and a fired schedule is gone (its name is free again).
 *
 * @example
 * const scheduler = new InMemoryScheduler();
 * await scheduler.scheduleOnce({ name: 'drain-timeout-i-0abc', atMs, detail: { instanceId: 'i-0abc', purpose: 'drain-timeout' } });
 * scheduler.due(atMs); // [{ name: 'drain-timeout-i-0abc', atMs, detail }], and the schedule is gone
 */
export class InMemoryScheduler implements SchedulerPort {
  private schedules = new Map<string, ScheduledFollowUp>();
  private failures: SchedulerFailure[] = [];

  async scheduleOnce(request: FollowUpRequest): Promise<void> {
    const failure = this.failures.shift();
    if (failure) {
      const code = failure === 'throttling' ? 'ThrottlingException' : 'InternalServerException';
      throw new SchedulerError(`scheduling follow-up ${request.name}: ${code} (twin)`, code, true);
    }
    if (this.schedules.has(request.name)) return;
    this.schedules.set(request.name, { name: request.name, atMs: request.atMs, detail: { ...request.detail } });
  }

  /** Removes and returns the follow-ups due at `nowMs`, earliest first (the simulator fires them). */
  due(nowMs: number): ScheduledFollowUp[] {
    const due = [...this.schedules.values()].filter((s) => s.atMs <= nowMs).sort((a, b) => a.atMs - b.atMs || a.name.localeCompare(b.name));
    for (const followUp of due) this.schedules.delete(followUp.name);
    return due;
  }

  /** The follow-ups still waiting, earliest first, without removing them. */
  pending(): ScheduledFollowUp[] {
    return [...this.schedules.values()].sort((a, b) => a.atMs - b.atMs || a.name.localeCompare(b.name));
  }

  /** Makes the next `times` calls to `scheduleOnce` fail with a retryable SchedulerError. */
  failNext(failure: SchedulerFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  reset(): void {
    this.schedules = new Map();
    this.failures = [];
  }
}
