/** Runs the StepSchedulerPort contract against EventBridgeStepScheduler over a mocked Scheduler, and checks its requests. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { CreateScheduleCommand, InternalServerException, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EventBridgeStepScheduler, type EventBridgeStepSchedulerOptions } from '../../layers/adapters/aws/eventbridge-step-scheduler';
import type { StepScheduleRequest } from '../../layers/ports/step-scheduler-port';
import { fakeEventBridgeScheduler, firingOf } from '../helpers/fake-eventbridge-scheduler';
import { describeStepSchedulerContract, type PendingStep } from './step-scheduler.contract';

const TARGET_ARN = 'arn:aws:lambda:us-west-2:444455556666:function:gpu-fleet-autopilot-prod-forecastScaler';
const ROLE_ARN = 'arn:aws:iam::444455556666:role/gpu-fleet-autopilot-scheduler';
const newClient = (): SchedulerClient =>
  new SchedulerClient({ region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const adapter = (scheduler: SchedulerClient, options: Partial<EventBridgeStepSchedulerOptions> = {}): EventBridgeStepScheduler =>
  new EventBridgeStepScheduler({ scheduler, targetArn: TARGET_ARN, roleArn: ROLE_ARN, groupName: 'autopilot-steps', ...options });

describeStepSchedulerContract('EventBridgeStepScheduler on a mocked EventBridge Scheduler', () => {
  const scheduler = newClient();
  const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot-steps'] });
  const failing = newClient();
  mockClient(failing).on(CreateScheduleCommand).rejects(new InternalServerException({ message: 'Internal failure', Message: 'Internal failure', $metadata: { httpStatusCode: 500 } }));
  return {
    port: adapter(scheduler),
    unavailablePort: adapter(failing),
    pending: () => [...fake.schedules.values()].map((input) => firingOf<PendingStep['detail']>(input)).sort((a, b) => a.atMs - b.atMs),
  };
});

describe('EventBridgeStepScheduler', () => {
  const request: StepScheduleRequest = {
    name: 'step-bert-large-20260302T1210',
    atMs: Date.UTC(2026, 2, 2, 12, 10, 0),
    detail: { fleetId: 'fleet-0b1c2d3e', targetUnits: 1_500, effectiveAtMs: Date.UTC(2026, 2, 2, 12, 20, 0), runId: 'forecast-20260302T120000Z' },
  };

  it('creates a one-time UTC schedule, deleted once fired, with a short retry policy by default', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot-steps'] });

    // Act
    await adapter(scheduler).scheduleStep(request);

    // Assess
    expect(fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toEqual({
      Name: 'step-bert-large-20260302T1210',
      GroupName: 'autopilot-steps',
      Description: 'forecast step of fleet fleet-0b1c2d3e: 1500 capacity units from 2026-03-02T12:20:00.000Z (run forecast-20260302T120000Z)',
      ScheduleExpression: 'at(2026-03-02T12:10:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: TARGET_ARN, RoleArn: ROLE_ARN, Input: expect.any(String), RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 10 } },
    });
  });

  it('delivers a Forecast Step event from gpu-fleet-autopilot whose id is the schedule name', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot-steps'] });

    // Act
    await adapter(scheduler).scheduleStep({ ...request, name: `forecast/${'x'.repeat(70)}` });

    // Assess
    const input = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(EventBridgeSchema.parse(JSON.parse(input?.Target?.Input ?? 'null'))).toEqual({
      version: '0',
      id: input?.Name,
      'detail-type': 'Forecast Step',
      source: 'gpu-fleet-autopilot',
      account: '444455556666',
      time: '2026-03-02T12:10:00Z',
      region: 'us-west-2',
      resources: [],
      detail: request.detail,
    });
  });

  it('sends steps it could not deliver to the dead-letter queue, with the retry policy given', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot-steps'] });
    const deadLetterArn = 'arn:aws:sqs:us-west-2:444455556666:autopilot-forecast-step-dlq';

    // Act
    await adapter(scheduler, { deadLetterArn, retryPolicy: { maximumEventAgeSeconds: 120, maximumRetryAttempts: 3 } }).scheduleStep(request);

    // Assess
    const target = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input.Target;
    expect({ dlq: target?.DeadLetterConfig, retry: target?.RetryPolicy }).toEqual({
      dlq: { Arn: deadLetterArn },
      retry: { MaximumEventAgeInSeconds: 120, MaximumRetryAttempts: 3 },
    });
  });

  it('rejects a missing schedule group with a StepSchedulerError a retry will not fix, keeping the cause', async () => {
    // Prepare
    const scheduler = newClient();
    fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });

    // Act
    const scheduling = adapter(scheduler).scheduleStep(request);

    // Assess
    await expect(scheduling).rejects.toMatchObject({ name: 'StepSchedulerError', code: 'ResourceNotFoundException', retryable: false, cause: expect.objectContaining({ name: 'ResourceNotFoundException' }) });
  });

  it('refuses a target without region and account, and a retry policy outside the documented range', () => {
    // Act
    const badTarget = () => adapter(newClient(), { targetArn: 'forecastScaler' });
    const badRetry = () => adapter(newClient(), { retryPolicy: { maximumEventAgeSeconds: 300, maximumRetryAttempts: 186 } });

    // Assess
    expect(badTarget).toThrow(/^configuring forecast steps: /);
    expect(badRetry).toThrow(RangeError);
  });
});
