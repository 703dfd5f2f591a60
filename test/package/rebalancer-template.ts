// Assertions on the rebalancer function in the packaged template, run from serverless-template.test.ts on its one packaging.
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../layers/platform/config';
import * as expected from './expected-deployment';
import { readPackagedService } from './packaged-service';
import * as q from './template-queries';
import type { ZipEntry } from './zip-entries';

/** The packaging of the caller's beforeAll: read lazily, once the hook has run. */
export type PackagedRebalancer = () => { template: q.CfnTemplate; outDir: string };

/** The rebalancer of the `ci` stage: its schedule rule, its own role, retries and failure queue. */
export const REBALANCER = {
  functionLogicalId: 'RebalancerLambdaFunction',
  roleLogicalId: 'RebalancerIamRoleLambdaExecution',
  functionName: 'gpu-fleet-autopilot-ci-rebalancer',
  handler: 'functions/rebalancer/handler.handler',
  handlerBundle: 'functions/rebalancer/handler.mjs',
  rule: { name: 'gpu-fleet-autopilot-ci-rebalancer', schedule: 'rate(15 minutes)', retryPolicy: { MaximumEventAgeInSeconds: 900, MaximumRetryAttempts: 2 } },
  invokeConfig: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 1800 },
  extraEnvironment: { REBALANCE_RUN_INTERVAL_MINUTES: '15' },
} as const;

const R = REBALANCER;
const MANAGED = { Null: { 'aws:ResourceTag/autopilot:managed': 'false' } };

/** Registers the rebalancer's template and package tests. */
export const describeRebalancerTemplate = (packaged: PackagedRebalancer): void => {
  const template = (): q.CfnTemplate => packaged().template;
  const props = (logicalId: string): q.Json => q.propertiesOf(template(), logicalId);
  const granting = (action: string): q.IamStatement[] => q.roleStatementsGranting(template(), R.roleLogicalId, action);
  let zip: ZipEntry[] | undefined;
  const zipEntries = (): ZipEntry[] => (zip ??= readPackagedService(packaged().outDir, 'rebalancer').zip);

  describe('rebalancer function', () => {
    it('runs from its schedule rule at the rate it is told, with its retry policy and the events DLQ', () => {
      // Act
      const rule = q.ruleNamed(template(), R.rule.name);
      const env = props(R.functionLogicalId).Environment.Variables;
      // Assess
      expect(rule?.ScheduleExpression).toBe(R.rule.schedule);
      expect(rule?.EventPattern).toBeUndefined();
      expect(rule?.Targets).toHaveLength(1);
      const [target] = rule?.Targets ?? [];
      expect(q.getAttTarget(target?.Arn)).toBe(R.functionLogicalId);
      expect(target?.RetryPolicy).toEqual(R.rule.retryPolicy);
      expect(q.getAttTarget(target?.DeadLetterConfig?.Arn)).toBe('EventsDeadLetterQueue');
      expect(`rate(${EnvSchema.shape.REBALANCE_RUN_INTERVAL_MINUTES.parse(env.REBALANCE_RUN_INTERVAL_MINUTES)} minutes)`).toBe(R.rule.schedule);
    });

    it('runs on nodejs22.x, arm64, 120 s, 512 MB, untraced, with its own role and environment', () => {
      // Prepare
      const { MAX_SURGE_UNITS_PER_EVENT: _spotOnly, ...shared } = expected.ENVIRONMENT_VALUES;
      const names = [...expected.ENVIRONMENT_NAMES.filter((n) => n !== 'MAX_SURGE_UNITS_PER_EVENT'), ...Object.keys(R.extraEnvironment)];
      // Act
      const fn = props(R.functionLogicalId);
      const env = fn.Environment.Variables;
      // Assess
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 120, MemorySize: 512, Handler: R.handler, FunctionName: R.functionName });
      expect(fn.TracingConfig).toBeUndefined();
      expect(q.getAttTarget(fn.Role)).toBe(R.roleLogicalId);
      expect(Object.keys(env).sort()).toEqual(names.sort());
      expect(env).toMatchObject({ ...shared, ...R.extraEnvironment });
      expect(q.subOf(env.SCHEDULER_TARGET_ARN)).toMatch(new RegExp(`:function:${R.functionName}$`));
    });

    it('retries an async invocation twice, then sends it to the failure queue it may write to', () => {
      // Act
      const configs = q.invokeConfigsOf(template(), R.functionLogicalId);
      // Assess
      expect(configs).toHaveLength(1);
      expect(configs[0]).toMatchObject(R.invokeConfig);
      expect(q.getAttTarget(configs[0].DestinationConfig.OnFailure.Destination)).toBe('FailureQueue');
      expect(granting('sqs:SendMessage').map((s) => q.getAttTarget(s.Resource))).toEqual(['FailureQueue']);
    });

    it('changes managed fleets and their launch templates, tags managed instances for a drain and terminates only managed ones', () => {
      // Act
      const modify = granting('ec2:ModifyFleet');
      const tag = granting('ec2:CreateTags');
      const terminate = granting('ec2:TerminateInstances');
      // Assess
      expect(modify).toHaveLength(1);
      expect(modify[0]?.Condition).toEqual(MANAGED);
      expect(q.asArray(modify[0]?.Resource).map(q.subOf)).toEqual([expect.stringMatching(/:fleet\/\*$/), expect.stringMatching(/:launch-template\/\*$/)]);
      expect(tag).toHaveLength(1);
      expect(tag[0]?.Condition).toEqual(expected.MUTATION_CONDITIONS['ec2:CreateTags']);
      expect(terminate).toHaveLength(1);
      expect(terminate[0]?.Condition).toEqual(MANAGED);
      expect(q.subOf(terminate[0]?.Resource)).toMatch(/:instance\/\*$/);
    });

    it('reads the fleet and the Spot market, schedules its checks, and never untags or reads queues', () => {
      // Act
      const actions = q.roleStatements(q.resourceById(template(), R.roleLogicalId)).flatMap(q.actionsOf);
      // Assess
      expect(actions).toEqual(
        expect.arrayContaining([
          'ec2:DescribeFleets',
          'ec2:DescribeFleetInstances',
          'ec2:DescribeInstances',
          'ec2:DescribeSpotPriceHistory',
          'ec2:DescribeAvailabilityZones',
          'ec2:GetSpotPlacementScores',
          'scheduler:CreateSchedule',
          'iam:PassRole',
          'dynamodb:Query',
        ]),
      );
      for (const forbidden of ['ec2:DeleteTags', 'sqs:GetQueueAttributes', 'cloudwatch:PutMetricData', 'ec2:RunInstances']) expect(actions).not.toContain(forbidden);
      expect(q.subOf(granting('scheduler:CreateSchedule')[0]?.Resource)).toMatch(/:schedule\/\$\{ScheduleGroup\}\/\*$/);
    });

    it('may be invoked by the Scheduler role for its checks, and its rule may dead-letter into the events queue', () => {
      // Act
      const invoke = q.roleStatements(q.resourceById(template(), 'SchedulerInvokeRole')).find((s) => q.actionsOf(s).includes('lambda:InvokeFunction'));
      const [dlq] = props('EventsDeadLetterQueuePolicy').PolicyDocument.Statement;
      // Assess
      expect(q.asArray(invoke?.Resource as q.Json).map(q.subOf)).toContainEqual(expect.stringMatching(new RegExp(`:function:${R.functionName}$`)));
      expect(dlq.Condition.ArnEquals['aws:SourceArn'].map(q.subOf)).toContainEqual(expect.stringMatching(new RegExp(`:rule/${R.rule.name}$`)));
    });

    it('ships its own ESM bundle exporting handler, with its source map and the fleets file, and no node_modules', () => {
      // Act
      const entries = zipEntries();
      const bundle = entries.find((f) => f.name === R.handlerBundle)?.content().toString('utf8') ?? '';
      const names = entries.map((f) => f.name);
      // Assess
      expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      expect(names).toEqual(expect.arrayContaining([`${R.handlerBundle}.map`, expected.FLEETS_FILE]));
      expect(names.filter((name) => name.startsWith('node_modules/') || name.endsWith('.wasm'))).toEqual([]);
    });
  });
};
