// Assertions on the gpu-alarm function in the packaged template, run from serverless-template.test.ts on its one packaging.
import { describe, expect, it } from 'vitest';
import { parseAlarmName } from '../../layers/core/gpu-alarm/alarm-name';
import { EnvSchema } from '../../layers/platform/config';
import * as expected from './expected-deployment';
import { readPackagedService } from './packaged-service';
import * as q from './template-queries';
import type { ZipEntry } from './zip-entries';

/** The packaging of the caller's beforeAll: read lazily, once the hook has run. */
export type PackagedGpuAlarm = () => { template: q.CfnTemplate; outDir: string };

/** The gpu-alarm function of the `ci` stage: its rule on our alarms' names, its own role, retries and failure queue. */
export const GPU_ALARM = {
  functionLogicalId: 'GpuAlarmLambdaFunction',
  roleLogicalId: 'GpuAlarmIamRoleLambdaExecution',
  functionName: 'gpu-fleet-autopilot-ci-gpu-alarm',
  handler: 'functions/gpu-alarm/handler.handler',
  handlerBundle: 'functions/gpu-alarm/handler.mjs',
  prefix: 'gpu-fleet-autopilot-ci',
  rule: {
    name: 'gpu-fleet-autopilot-ci-gpu-alarm',
    pattern: { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'], detail: { alarmName: [{ prefix: 'gpu-fleet-autopilot-ci.' }] } },
    retryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 },
  },
  invokeConfig: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
  extraEnvironment: { ALARM_PREFIX: 'gpu-fleet-autopilot-ci', FORECAST_RUN_INTERVAL_MINUTES: '5' },
} as const;

const G = GPU_ALARM;

/** Registers the gpu-alarm function's template and package tests. */
export const describeGpuAlarmTemplate = (packaged: PackagedGpuAlarm): void => {
  const template = (): q.CfnTemplate => packaged().template;
  const props = (logicalId: string): q.Json => q.propertiesOf(template(), logicalId);
  const granting = (action: string): q.IamStatement[] => q.roleStatementsGranting(template(), G.roleLogicalId, action);
  let zip: ZipEntry[] | undefined;
  const zipEntries = (): ZipEntry[] => (zip ??= readPackagedService(packaged().outDir, 'gpuAlarm').zip);

  describe('gpuAlarm function', () => {
    it("routes only the stack's own alarm state changes to it, with its retry policy and the events DLQ", () => {
      // Act
      const rule = q.ruleNamed(template(), G.rule.name);
      // Assess
      expect(rule?.EventPattern).toEqual(G.rule.pattern);
      expect(rule?.Targets).toHaveLength(1);
      const [target] = rule?.Targets ?? [];
      expect(q.getAttTarget(target?.Arn)).toBe(G.functionLogicalId);
      expect(target?.RetryPolicy).toEqual(G.rule.retryPolicy);
      expect(q.getAttTarget(target?.DeadLetterConfig?.Arn)).toBe('EventsDeadLetterQueue');
    });

    it('names every GPU alarm under the prefix its rule matches and its parser is given', () => {
      // Act
      const names = q.propertiesOfType(template(), 'AWS::CloudWatch::Alarm').map((a) => String(a.AlarmName)).filter((n) => n.startsWith(`${G.prefix}.`));
      const env = props(G.functionLogicalId).Environment.Variables;
      // Assess: three per fleet, each read back as ours
      expect(names.length).toBeGreaterThanOrEqual(3);
      expect(names.length % 3).toBe(0);
      for (const name of names) expect(parseAlarmName(name)?.prefix, name).toBe(env.ALARM_PREFIX);
      expect(G.rule.pattern.detail.alarmName[0]?.prefix).toBe(`${String(env.ALARM_PREFIX)}.`);
    });

    it('runs on nodejs22.x, arm64, 60 s, 512 MB, untraced, with its own role', () => {
      // Act
      const fn = props(G.functionLogicalId);
      // Assess
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 60, MemorySize: 512, Handler: G.handler, FunctionName: G.functionName });
      expect(fn.TracingConfig).toBeUndefined();
      expect(q.getAttTarget(fn.Role)).toBe(G.roleLogicalId);
    });

    it('gets the shared environment, its alarm prefix, itself as the recheck target, all of it valid config', () => {
      // Prepare
      const { MAX_SURGE_UNITS_PER_EVENT: _spotOnly, ...shared } = expected.ENVIRONMENT_VALUES;
      const names = [...expected.ENVIRONMENT_NAMES.filter((n) => n !== 'MAX_SURGE_UNITS_PER_EVENT'), ...Object.keys(G.extraEnvironment)];
      // Act
      const env = props(G.functionLogicalId).Environment.Variables;
      // Assess
      expect(Object.keys(env).sort()).toEqual(names.sort());
      expect(env).toMatchObject({ ...shared, ...G.extraEnvironment });
      expect(q.subOf(env.SCHEDULER_TARGET_ARN)).toMatch(new RegExp(`:function:${G.functionName}$`));
      expect(EnvSchema.shape.ALARM_PREFIX.parse(env.ALARM_PREFIX)).toBe(G.prefix);
    });

    it('retries an async invocation twice within an hour, then sends it to the failure queue it may write to', () => {
      // Act
      const configs = q.invokeConfigsOf(template(), G.functionLogicalId);
      // Assess
      expect(configs).toHaveLength(1);
      expect(configs[0]).toMatchObject(G.invokeConfig);
      expect(q.getAttTarget(configs[0].DestinationConfig.OnFailure.Destination)).toBe('FailureQueue');
      expect(granting('sqs:SendMessage').map((s) => q.getAttTarget(s.Resource))).toEqual(['FailureQueue']);
    });

    it('may change the target of managed fleets only, read queue metrics and schedule rechecks, and nothing more', () => {
      // Act
      const actions = q.roleStatements(q.resourceById(template(), G.roleLogicalId)).flatMap(q.actionsOf);
      const modify = granting('ec2:ModifyFleet');
      // Assess
      expect(modify).toHaveLength(1);
      expect(q.asArray(modify[0]?.Resource).map(q.subOf)).toEqual([expect.stringMatching(/:fleet\/\*$/)]);
      expect(actions).toEqual(expect.arrayContaining(['ec2:DescribeFleets', 'cloudwatch:GetMetricData', 'sqs:GetQueueAttributes', 'scheduler:CreateSchedule', 'iam:PassRole']));
      for (const forbidden of ['ec2:CreateTags', 'ec2:DeleteTags', 'ec2:DescribeInstances', 'cloudwatch:PutMetricData']) expect(actions).not.toContain(forbidden);
      expect(q.subOf(granting('scheduler:CreateSchedule')[0]?.Resource)).toMatch(/:schedule\/\$\{ScheduleGroup\}\/\*$/);
    });

    it('may be invoked by the Scheduler role for its rechecks, and its rule may dead-letter into the events queue', () => {
      // Act
      const invoke = q.roleStatements(q.resourceById(template(), 'SchedulerInvokeRole')).find((s) => q.actionsOf(s).includes('lambda:InvokeFunction'));
      const [dlq] = props('EventsDeadLetterQueuePolicy').PolicyDocument.Statement;
      // Assess
      expect(q.asArray(invoke?.Resource as q.Json).map(q.subOf)).toContainEqual(expect.stringMatching(new RegExp(`:function:${G.functionName}$`)));
      expect(dlq.Condition.ArnEquals['aws:SourceArn'].map(q.subOf)).toContainEqual(expect.stringMatching(new RegExp(`:rule/${G.rule.name}$`)));
    });

    it('ships its own ESM bundle exporting handler, with its source map and the fleets file, and no node_modules', () => {
      // Act
      const entries = zipEntries();
      const bundle = entries.find((f) => f.name === G.handlerBundle)?.content().toString('utf8') ?? '';
      const names = entries.map((f) => f.name);
      // Assess
      expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      expect(names).toEqual(expect.arrayContaining([`${G.handlerBundle}.map`, expected.FLEETS_FILE]));
      expect(names.filter((name) => name.startsWith('node_modules/'))).toEqual([]);
    });
  });
};
