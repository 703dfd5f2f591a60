/** The state of an EventBridge Scheduler twin: one-time schedules by name, handed out once due; shared by the scheduler twins. */
import type { PortError } from '../ports/port-error';

/** A schedule the twin holds until it is due. */
export interface OneTimeSchedule<Detail> {
  name: string;
  atMs: number;
  detail: Detail;
}

/** What a scheduler twin can be told to make its next calls fail with. */
export type ScheduleFailure = 'throttling' | 'unavailable';

type ErrorClass = new (message: string, code: string, retryable: boolean) => PortError;

/**
 * Like the service with `ActionAfterCompletion: DELETE`: a name holds one schedule until it fires, a second
 * request under that name while it waits changes nothing, and a fired schedule is gone (its name is free again).
 * Twins of scheduler ports extend it with their port's method, which calls `hold`.
 *
 * @example
 * class InMemoryStepScheduler extends OneTimeScheduleBook<ForecastStepDetail> { ... }
 */
export class OneTimeScheduleBook<Detail extends object> {
  private schedules = new Map<string, OneTimeSchedule<Detail>>();
  private failures: ScheduleFailure[] = [];

  /** `noun` starts the message of injected failures ("scheduling follow-up <name>: ..."). */
  constructor(
    private readonly noun: string,
    private readonly ErrorClass: ErrorClass,
  ) {}

  /** Removes and returns the schedules due at `nowMs`, earliest first (the simulator fires them). */
  due(nowMs: number): OneTimeSchedule<Detail>[] {
    const due = this.pending().filter((s) => s.atMs <= nowMs);
    for (const schedule of due) this.schedules.delete(schedule.name);
    return due;
  }

  /** The schedules still waiting, earliest first, without removing them. */
  pending(): OneTimeSchedule<Detail>[] {
    return [...this.schedules.values()].sort((a, b) => a.atMs - b.atMs || a.name.localeCompare(b.name));
  }

  /** Makes the next `times` scheduling calls fail with a retryable error of the port. */
  failNext(failure: ScheduleFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  reset(): void {
    this.schedules = new Map();
    this.failures = [];
  }

  /** Keeps the schedule unless its name is already waiting; throws an injected failure first, if any. */
  protected hold(request: OneTimeSchedule<Detail>): void {
    const failure = this.failures.shift();
    if (failure) {
      const code = failure === 'throttling' ? 'ThrottlingException' : 'InternalServerException';
      throw new this.ErrorClass(`scheduling ${this.noun} ${request.name}: ${code} (twin)`, code, true);
    }
    if (this.schedules.has(request.name)) return;
    this.schedules.set(request.name, { name: request.name, atMs: request.atMs, detail: { ...request.detail } });
  }
}
