/** SchedulerPort on EventBridge Scheduler: a one-time schedule that invokes the autopilot with an Incident Follow-up. */
import { CreateScheduleCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { SchedulerError, type FollowUpRequest, type SchedulerPort } from '../../ports/scheduler-port';
import { followUpEvent } from '../../core/follow-up-event';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';
import { toScheduleName } from './schedule-name';

export interface EventBridgeFollowUpSchedulerOptions {
  scheduler: SchedulerClient;
  /** The function to invoke (its ARN also gives the account and region written into the event). */
  targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke the target. */
  roleArn: string;
  groupName: string;
  /** SQS queue for follow-ups that could not be delivered once the retry policy is spent. */
  deadLetterArn?: string;
  /** Defaults: give up after 1 hour or 20 attempts, whichever comes first. */
  retryPolicy?: { maximumEventAgeSeconds: number; maximumRetryAttempts: number };
}

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
  private readonly options: EventBridgeFollowUpSchedulerOptions;
  private readonly account: string;
  private readonly region: string;
  private readonly retryPolicy: { MaximumEventAgeInSeconds: number; MaximumRetryAttempts: number };

  constructor(options: EventBridgeFollowUpSchedulerOptions) {
    this.options = options;
    // arn:<partition>:lambda:<region>:<account>:function:<name>
    const [, , , region, account] = options.targetArn.split(':');
    if (!region || !account) throw new RangeError(`configuring follow-ups: target ${options.targetArn} is not an ARN with region and account`);
    this.region = region;
    this.account = account;
    const { maximumEventAgeSeconds, maximumRetryAttempts } = options.retryPolicy ?? { maximumEventAgeSeconds: 3_600, maximumRetryAttempts: 20 };
    // RetryPolicy valid ranges (EventBridge Scheduler API reference): 60-86400 s, 0-185 attempts.
    if (!isIntIn(maximumEventAgeSeconds, 60, 86_400) || !isIntIn(maximumRetryAttempts, 0, 185)) {
      throw new RangeError(`configuring follow-ups: retry policy ${maximumEventAgeSeconds} s / ${maximumRetryAttempts} attempts is out of range`);
    }
    this.retryPolicy = { MaximumEventAgeInSeconds: maximumEventAgeSeconds, MaximumRetryAttempts: maximumRetryAttempts };
  }

  /**
   * Idempotent: a schedule of that name already in the group (ConflictException) means it is already scheduled.
   * @throws SchedulerError, `retryable` for throttling and server or network faults.
   */
  async scheduleOnce(request: FollowUpRequest): Promise<void> {
    const name = toScheduleName(request.name);
    // The expression has whole seconds; rounding up keeps a follow-up from firing before its time.
    const at = new Date(Math.ceil(request.atMs / 1000) * 1000).toISOString().slice(0, 19);
    const event = followUpEvent({ name, atMs: request.atMs, account: this.account, region: this.region, detail: request.detail });
    try {
      await this.options.scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: this.options.groupName,
          Description: `${request.detail.purpose} of ${request.detail.instanceId}`,
          ScheduleExpression: `at(${at})`,
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.options.targetArn,
            RoleArn: this.options.roleArn,
            Input: JSON.stringify(event),
            RetryPolicy: this.retryPolicy,
            ...(this.options.deadLetterArn ? { DeadLetterConfig: { Arn: this.options.deadLetterArn } } : {}),
          },
        }),
      );
    } catch (error) {
      if (awsErrorName(error) === 'ConflictException') return;
      throw new SchedulerError(
        `scheduling follow-up ${name} at ${at}Z: ${error instanceof Error ? error.message : String(error)}`,
        awsErrorName(error),
        isRetryableAwsError(error),
        { cause: error },
      );
    }
  }
}

const isIntIn = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;
