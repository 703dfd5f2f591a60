/** EventBridge Scheduler behind aws-sdk-client-mock: keeps created schedules and checks them against the API reference. */
import {
  ConflictException,
  CreateScheduleCommand,
  ResourceNotFoundException,
  ValidationException,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

export interface FakeScheduler {
  mock: AwsClientStub<SchedulerClient>;
  /** Created schedules by `<group>/<name>`, as sent. */
  schedules: Map<string, CreateScheduleCommandInput>;
}

const invalid = (message: string): ValidationException => new ValidationException({ message, Message: message, $metadata: { httpStatusCode: 400 } });

/**
 * Accepts what CreateSchedule accepts for a one-time schedule: Name 1-64 of [0-9a-zA-Z-_.], an existing group,
 * `at(yyyy-mm-ddThh:mm:ss)`, a FlexibleTimeWindow, Target Arn and RoleArn, RetryPolicy in 60-86400 s and 0-185
 * attempts. A second schedule of the same name in a group is a ConflictException (HTTP 409), as in the service.
 */
export const fakeEventBridgeScheduler = (client: SchedulerClient, options: { groups: string[] }): FakeScheduler => {
  const schedules = new Map<string, CreateScheduleCommandInput>();
  const mock = mockClient(client);
  mock.on(CreateScheduleCommand).callsFake((input: CreateScheduleCommandInput) => {
    const group = input.GroupName ?? 'default';
    if (!input.Name || !/^[0-9a-zA-Z_.-]{1,64}$/.test(input.Name)) throw invalid(`Name ${input.Name} does not match ^[0-9a-zA-Z-_.]+$ or is over 64 characters`);
    if (!options.groups.includes(group)) {
      throw new ResourceNotFoundException({ message: `Schedule group ${group} does not exist.`, Message: `Schedule group ${group} does not exist.`, $metadata: { httpStatusCode: 404 } });
    }
    if (!/^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/.test(input.ScheduleExpression ?? '')) throw invalid(`Invalid Schedule Expression ${input.ScheduleExpression}.`);
    if (!input.FlexibleTimeWindow?.Mode) throw invalid('FlexibleTimeWindow is required.');
    if (!input.Target?.Arn || !input.Target.RoleArn) throw invalid('Target Arn and RoleArn are required.');
    const retry = input.Target.RetryPolicy;
    if (retry && ((retry.MaximumEventAgeInSeconds ?? 86_400) < 60 || (retry.MaximumEventAgeInSeconds ?? 0) > 86_400 || (retry.MaximumRetryAttempts ?? 0) < 0 || (retry.MaximumRetryAttempts ?? 0) > 185)) {
      throw invalid('RetryPolicy is out of range.');
    }
    const key = `${group}/${input.Name}`;
    if (schedules.has(key)) {
      throw new ConflictException({ message: `Schedule ${input.Name} already exists.`, Message: `Schedule ${input.Name} already exists.`, $metadata: { httpStatusCode: 409 } });
    }
    schedules.set(key, input);
    return { ScheduleArn: `arn:aws:scheduler:us-east-1:123456789012:schedule/${key}`, $metadata: { httpStatusCode: 200 } };
  });
  return { mock, schedules };
};

/**
 * Reads a created schedule back as the target will see it: the instant it fires and its event's detail (the event
 * must parse as an EventBridge event, and the expression must be a UTC `at(...)`).
 */
export const firingOf = <Detail>(input: CreateScheduleCommandInput): { atMs: number; detail: Detail } => {
  const at = /^at\((.+)\)$/.exec(input.ScheduleExpression ?? '')?.[1];
  if (!at || input.ScheduleExpressionTimezone !== 'UTC') throw new Error(`reading schedule ${input.Name}: not a UTC at() expression`);
  const event = EventBridgeSchema.parse(JSON.parse(input.Target?.Input ?? 'null'));
  return { atMs: Date.parse(`${at}Z`), detail: event.detail as Detail };
};
