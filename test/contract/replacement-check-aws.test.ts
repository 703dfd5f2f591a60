/** Runs the ReplacementCheckPort contract against EventBridgeReplacementChecks over a mocked Scheduler, and checks its requests. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { CreateScheduleCommand, SchedulerClient, ThrottlingException } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EventBridgeReplacementChecks } from '../../layers/adapters/aws/eventbridge-replacement-checks';
import { fakeEventBridgeScheduler, firingOf } from '../helpers/fake-eventbridge-scheduler';
import { describeReplacementCheckContract, type PendingCheck } from './replacement-check.contract';

const TARGET_ARN = 'arn:aws:lambda:us-east-1:444455556666:function:gpu-fleet-autopilot-prod-rebalancer';
const ROLE_ARN = 'arn:aws:iam::444455556666:role/gpu-fleet-autopilot-scheduler';
const newClient = (): SchedulerClient => new SchedulerClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const adapter = (scheduler: SchedulerClient): EventBridgeReplacementChecks =>
  new EventBridgeReplacementChecks({ scheduler, targetArn: TARGET_ARN, roleArn: ROLE_ARN, groupName: 'autopilot' });

describeReplacementCheckContract('EventBridgeReplacementChecks on a mocked EventBridge Scheduler', () => {
  const scheduler = newClient();
  const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });
  const failing = newClient();
  mockClient(failing).on(CreateScheduleCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }));
  return {
    port: adapter(scheduler),
    unavailablePort: adapter(failing),
    pending: () => [...fake.schedules.values()].map((input) => firingOf<PendingCheck['detail']>(input)).sort((a, b) => a.atMs - b.atMs),
  };
});

describe('EventBridgeReplacementChecks', () => {
  const detail = { fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f', moveId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f:rebalance:i-0a1b2c3d4e5f60718', check: 2 };

  it('creates a one-time UTC schedule deleted once fired, whose event is a Replacement Step named by the schedule', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: ['autopilot'] });

    // Act
    await adapter(scheduler).scheduleCheck({ name: 'rb-bert-large-qa-2', atMs: Date.UTC(2026, 2, 1, 12, 7, 0), detail });

    // Assess
    const input = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Name: 'rb-bert-large-qa-2',
      GroupName: 'autopilot',
      ScheduleExpression: 'at(2026-03-01T12:07:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: TARGET_ARN, RoleArn: ROLE_ARN, RetryPolicy: { MaximumEventAgeInSeconds: 1_800, MaximumRetryAttempts: 20 } },
    });
    expect(EventBridgeSchema.parse(JSON.parse(input?.Target?.Input ?? 'null'))).toEqual({
      version: '0',
      id: 'rb-bert-large-qa-2',
      'detail-type': 'Replacement Step',
      source: 'gpu-fleet-autopilot',
      account: '444455556666',
      time: '2026-03-01T12:07:00Z',
      region: 'us-east-1',
      resources: [],
      detail,
    });
  });
});
