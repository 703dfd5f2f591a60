/** One-time EventBridge Scheduler schedules that invoke a target with an event: what follow-ups and forecast steps share. */
import { CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { scheduleSecond } from '../../core/scheduled-event';
import type { PortError } from '../../ports/port-error';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';
import { toScheduleName } from './schedule-name';

export interface OneTimeScheduleOptions {
  scheduler: SchedulerClient;
  /** The function to invoke (its ARN also gives the account and region written into the event). */
  targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke the target. */
  roleArn: string;
  groupName: string;
  /** SQS queue for events that could not be delivered once the retry policy is spent. */
  deadLetterArn?: string;
  /** When to give up delivering: event age in seconds (60-86400) and attempts (0-185). */
  retryPolicy?: { maximumEventAgeSeconds: number; maximumRetryAttempts: number };
}

/** What kind of schedule a port creates: its noun in messages, its error class and its default retry policy. */
export interface OneTimeScheduleKind {
  /** `follow-up`, `forecast step`: starts every error message ("scheduling follow-up <name> at ..."). */
  noun: string;
  ErrorClass: new (message: string, code: string, retryable: boolean, options?: { cause?: unknown }) => PortError;
  defaultRetryPolicy: { maximumEventAgeSeconds: number; maximumRetryAttempts: number };
}

/** One schedule to create: `input` builds the target's event from the valid schedule name and the target's account. */
export interface OneTimeScheduleRequest {
  name: string;
  atMs: number;
  description: string;
  input: (schedule: { name: string; account: string; region: string }) => unknown;
}

/**
 * Creates `at(...)` schedules in UTC, deleted by the service once fired (`ActionAfterCompletion: DELETE`), with
 * the flexible window off, a retry policy and an optional dead-letter queue. A name that CreateSchedule refuses is
 * turned into a valid one (`toScheduleName`), and that valid name is what `input` receives for the event id.
 *
 * @example
 * const schedules = new OneTimeSchedules(options, { noun: 'follow-up', ErrorClass: SchedulerError, defaultRetryPolicy });
 * await schedules.create({ name, atMs, description, input: ({ name, account, region }) => followUpEvent({ name, atMs, account, region, detail }) });
 */
export class OneTimeSchedules {
  readonly account: string;
  readonly region: string;
  private readonly retryPolicy: { MaximumEventAgeInSeconds: number; MaximumRetryAttempts: number };

  constructor(
    private readonly options: OneTimeScheduleOptions,
    private readonly kind: OneTimeScheduleKind,
  ) {
    // arn:<partition>:lambda:<region>:<account>:function:<name>
    const [, , , region, account] = options.targetArn.split(':');
    if (!region || !account) throw new RangeError(`configuring ${kind.noun}s: target ${options.targetArn} is not an ARN with region and account`);
    this.region = region;
    this.account = account;
    const { maximumEventAgeSeconds, maximumRetryAttempts } = options.retryPolicy ?? kind.defaultRetryPolicy;
    // RetryPolicy valid ranges (EventBridge Scheduler API reference): 60-86400 s, 0-185 attempts.
    if (!isIntIn(maximumEventAgeSeconds, 60, 86_400) || !isIntIn(maximumRetryAttempts, 0, 185)) {
      throw new RangeError(`configuring ${kind.noun}s: retry policy ${maximumEventAgeSeconds} s / ${maximumRetryAttempts} attempts is out of range`);
    }
    this.retryPolicy = { MaximumEventAgeInSeconds: maximumEventAgeSeconds, MaximumRetryAttempts: maximumRetryAttempts };
  }

  /**
   * Idempotent: a schedule of that name already in the group (ConflictException) means it is already scheduled.
   * @throws the kind's PortError, `retryable` for throttling and server or network faults.
   */
  async create(request: OneTimeScheduleRequest): Promise<void> {
    const name = toScheduleName(request.name);
    const at = scheduleSecond(request.atMs);
    const input = request.input({ name, account: this.account, region: this.region });
    try {
      await this.options.scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: this.options.groupName,
          Description: request.description,
          ScheduleExpression: `at(${at})`,
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.options.targetArn,
            RoleArn: this.options.roleArn,
            Input: JSON.stringify(input),
            RetryPolicy: this.retryPolicy,
            ...(this.options.deadLetterArn ? { DeadLetterConfig: { Arn: this.options.deadLetterArn } } : {}),
          },
        }),
      );
    } catch (error) {
      if (awsErrorName(error) === 'ConflictException') return;
      throw new this.kind.ErrorClass(
        `scheduling ${this.kind.noun} ${name} at ${at}Z: ${error instanceof Error ? error.message : String(error)}`,
        awsErrorName(error),
        isRetryableAwsError(error),
        { cause: error },
      );
    }
  }
}

const isIntIn = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;
