/** Runs the AlarmRecheckPort contract against EventBridgeAlarmRechecks over a mocked Scheduler, and checks what the function receives. */
import { CreateScheduleCommand, InternalServerException, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { EventBridgeAlarmRechecks, type EventBridgeAlarmRechecksOptions } from '../../layers/adapters/aws/eventbridge-alarm-rechecks';
import { parseGpuAlarmTrigger } from '../../layers/events/gpu-alarm-trigger';
import type { AlarmRecheckRequest, GpuAlarmRecheckDetail } from '../../layers/ports/alarm-recheck-port';
import { fakeEventBridgeScheduler, firingOf } from '../helpers/fake-eventbridge-scheduler';
import { describeAlarmRecheckContract } from './alarm-recheck.contract';

const TARGET_ARN = 'arn:aws:lambda:us-west-2:444455556666:function:gpu-fleet-autopilot-prod-gpu-alarm';
const ROLE_ARN = 'arn:aws:iam::444455556666:role/gpu-fleet-autopilot-scheduler';
const GROUP = 'gpu-fleet-autopilot-prod';
const newClient = (): SchedulerClient => new SchedulerClient({ region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const adapter = (scheduler: SchedulerClient, options: Partial<EventBridgeAlarmRechecksOptions> = {}): EventBridgeAlarmRechecks =>
  new EventBridgeAlarmRechecks({ scheduler, targetArn: TARGET_ARN, roleArn: ROLE_ARN, groupName: GROUP, ...options });

describeAlarmRecheckContract('EventBridgeAlarmRechecks on a mocked EventBridge Scheduler', () => {
  const scheduler = newClient();
  const fake = fakeEventBridgeScheduler(scheduler, { groups: [GROUP] });
  const failing = newClient();
  mockClient(failing).on(CreateScheduleCommand).rejects(new InternalServerException({ message: 'Internal failure', Message: 'Internal failure', $metadata: { httpStatusCode: 500 } }));
  return {
    port: adapter(scheduler),
    unavailablePort: adapter(failing),
    pending: () => [...fake.schedules.values()].map((input) => firingOf<GpuAlarmRecheckDetail>(input)).sort((a, b) => a.atMs - b.atMs),
  };
});

describe('EventBridgeAlarmRechecks', () => {
  const alarmName = 'gpu-fleet-autopilot-prod.bert-large-search.gpu-high';
  const request: AlarmRecheckRequest = {
    name: 'gar-fleet-6f2a9c4e-gpu-high-20260314T031500',
    atMs: Date.UTC(2026, 2, 14, 3, 15, 0, 400),
    detail: {
      fleetId: 'fleet-6f2a9c4e',
      fleetName: 'bert-large-search',
      kind: 'gpu-high',
      state: 'ALARM',
      alarmName,
      alarmArn: `arn:aws:cloudwatch:us-west-2:444455556666:alarm:${alarmName}`,
      reason: 'Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (85.0)',
      value: 97.5,
      threshold: 85,
    },
  };

  it('creates a one-time UTC schedule at the next whole second, deleted once fired, with a 15-minute retry policy', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: [GROUP] });

    // Act
    await adapter(scheduler).scheduleRecheck(request);

    // Assess
    expect(fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toEqual({
      Name: request.name,
      GroupName: GROUP,
      Description: `gpu-alarm recheck of ${alarmName} in ALARM (fleet fleet-6f2a9c4e)`,
      ScheduleExpression: 'at(2026-03-14T03:15:01)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: TARGET_ARN, RoleArn: ROLE_ARN, Input: expect.any(String), RetryPolicy: { MaximumEventAgeInSeconds: 900, MaximumRetryAttempts: 20 } },
    });
  });

  it('delivers an event the gpu-alarm function parses back into the recheck, its id the schedule name', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: [GROUP] });

    // Act
    await adapter(scheduler).scheduleRecheck(request);

    // Assess
    const input = fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    const parsed = parseGpuAlarmTrigger(JSON.parse(input?.Target?.Input ?? 'null'), 'gpu-fleet-autopilot-prod');
    expect(parsed).toEqual({
      ok: true,
      trigger: { kind: 'recheck', eventId: request.name, emittedAtMs: Date.UTC(2026, 2, 14, 3, 15, 1), detail: request.detail },
    });
  });

  it('sends rechecks it could not deliver to the dead-letter queue', async () => {
    // Prepare
    const scheduler = newClient();
    const fake = fakeEventBridgeScheduler(scheduler, { groups: [GROUP] });
    const deadLetterArn = 'arn:aws:sqs:us-west-2:444455556666:gpu-fleet-autopilot-prod-events-dlq';

    // Act
    await adapter(scheduler, { deadLetterArn }).scheduleRecheck(request);

    // Assess
    expect(fake.mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input.Target?.DeadLetterConfig).toEqual({ Arn: deadLetterArn });
  });

  it('rejects a missing schedule group with an AlarmRecheckError a retry will not fix', async () => {
    // Prepare
    const scheduler = newClient();
    fakeEventBridgeScheduler(scheduler, { groups: ['another-group'] });

    // Act
    const scheduling = adapter(scheduler).scheduleRecheck(request);

    // Assess
    await expect(scheduling).rejects.toMatchObject({ name: 'AlarmRecheckError', code: 'ResourceNotFoundException', retryable: false });
  });
});
