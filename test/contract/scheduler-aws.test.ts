/** Runs the SchedulerPort contract against EventBridgeFollowUpScheduler over a mocked Scheduler, and checks its requests. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { CreateScheduleCommand, SchedulerClient, ThrottlingException } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EventBridgeFollowUpScheduler, type EventBridgeFollowUpSchedulerOptions } from '../../layers/adapters/aws/eventbridge-scheduler';
import { IncidentFollowUpEventSchema, toSignal } from '../../layers/events/incident-follow-up';
import type { FollowUpRequest } from '../../layers/ports/scheduler-port';
import { fakeEventBridgeScheduler, firingOf } from '../helpers/fake-eventbridge-scheduler';
import { describeSchedulerContract, type PendingFollowUp } from './scheduler.contract';

const INCIDENT_ID = 'spot-i-0123456789abcdef0-20260301T113500000Z';
const TARGET_ARN = 'arn:aws:lambda:eu-west-1:111122223333:function:gpu-fleet-autopilot-prod-spotInterruption';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/gpu-fleet-autopilot-scheduler';
const newClient = (): SchedulerClient =>
  new SchedulerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const adapter = (scheduler: SchedulerClient, options: Partial<EventBridgeFollowUpSchedulerOptions> = {}): EventBridgeFollowUpScheduler =>
  new EventBridgeFollowUpScheduler({ scheduler, targetArn: TARGET_ARN, roleArn: ROLE_ARN, groupName: 'autopilot', ...options });

describeSchedulerContract('EventBridgeFollowUpScheduler on a mocked EventBridge Scheduler', () => {
  const scheduler = newClient();
  const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });
  const throttled = newClient();
  mockClient(throttled).on(CreateScheduleCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }));
  return {
    port: adapter(scheduler),
    unavailablePort: adapter(throttled),
    pending: () => [...fake.schedules.values()].map((input) => firingOf<PendingFollowUp['detail']>(input)).sort((a, b) => a.atMs - b.atMs),
  };
});

describe('EventBridgeFollowUpScheduler', () => {
  const request: FollowUpRequest = {
    name: 'drain-timeout-i-0123456789abcdef0',
    atMs: Date.UTC(2026, 2, 1, 12, 5, 0),
    detail: { instanceId: 'i-0123456789abcdef0', incidentId: INCIDENT_ID, purpose: 'drain-timeout' },
  };

  it('creates a one-time UTC schedule, deleted after it fires, that invokes the target with a retry policy', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });

    // Act
    await adapter(scheduler).scheduleOnce(request);

    // Assess
    const [call] = fake.mock.commandCalls(CreateScheduleCommand);
    expect(call?.args[0].input).toEqual({
      Name: 'drain-timeout-i-0123456789abcdef0',
      GroupName: 'autopilot',
      Description: 'drain-timeout of i-0123456789abcdef0',
      ScheduleExpression: 'at(2026-03-01T12:05:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: TARGET_ARN,
        RoleArn: ROLE_ARN,
        Input: expect.any(String),
        RetryPolicy: { MaximumEventAgeInSeconds: 3_600, MaximumRetryAttempts: 20 },
      },
    });
  });

  it('sends an EventBridge event the function parses, with the schedule name as its id', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });

    // Act
    await adapter(scheduler).scheduleOnce(request);

    // Assess
    const input = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input.Target?.Input;
    expect(EventBridgeSchema.parse(JSON.parse(input ?? 'null'))).toEqual({
      version: '0',
      id: 'drain-timeout-i-0123456789abcdef0',
      'detail-type': 'Incident Follow-up',
      source: 'gpu-fleet-autopilot',
      account: '111122223333',
      time: '2026-03-01T12:05:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: { instanceId: 'i-0123456789abcdef0', incidentId: INCIDENT_ID, purpose: 'drain-timeout' },
    });
  });

  it('sends an event the follow-up schema of the function accepts, naming the incident that scheduled it', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });

    // Act
    await adapter(scheduler).scheduleOnce(request);

    // Assess
    const input = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input.Target?.Input;
    const signal = toSignal(IncidentFollowUpEventSchema.parse(JSON.parse(input ?? 'null')));
    expect(signal).toMatchObject({ kind: 'incident-follow-up', instanceId: 'i-0123456789abcdef0', incidentId: INCIDENT_ID, purpose: 'drain-timeout' });
  });

  it('uses the same valid name for the schedule and the event id when the follow-up name is not valid', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });

    // Act
    await adapter(scheduler).scheduleOnce({ ...request, name: `incident/${'x'.repeat(90)}` });

    // Assess
    const input = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input?.Name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
    expect(JSON.parse(input?.Target?.Input ?? '{}').id).toBe(input?.Name);
  });

  it('sends undeliverable follow-ups to the dead-letter queue when one is configured, with the retry policy given', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });
    const deadLetterArn = 'arn:aws:sqs:eu-west-1:111122223333:autopilot-follow-up-dlq';

    // Act
    await adapter(scheduler, { deadLetterArn, retryPolicy: { maximumEventAgeSeconds: 900, maximumRetryAttempts: 5 } }).scheduleOnce(request);

    // Assess
    const target = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input.Target;
    expect(target?.DeadLetterConfig).toEqual({ Arn: deadLetterArn });
    expect(target?.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 900, MaximumRetryAttempts: 5 });
  });

  it('rejects a missing schedule group with a non-retryable SchedulerError that keeps the cause', async () => {
    // Prepare
    const scheduler = newClient();
    fakeEventBridgeScheduler(scheduler, { groups: ['another-group'] });

    // Act
    const scheduling = adapter(scheduler).scheduleOnce(request);

    // Assess
    await expect(scheduling).rejects.toMatchObject({
      name: 'SchedulerError',
      code: 'ResourceNotFoundException',
      retryable: false,
      cause: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
  });

  it('refuses a target that is not an ARN and a retry policy out of the documented range', () => {
    // Act
    const badTarget = () => adapter(newClient(), { targetArn: 'gpu-fleet-autopilot' });
    const badRetry = () => adapter(newClient(), { retryPolicy: { maximumEventAgeSeconds: 30, maximumRetryAttempts: 3 } });

    // Assess
    expect(badTarget).toThrow(RangeError);
    expect(badRetry).toThrow(RangeError);
  });
});
