// Assertions on the forecast scaler in the packaged template, run from serverless-template.test.ts on its one packaging.
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../layers/platform/config';
import * as expected from './expected-deployment';
import * as q from './template-queries';
import type { ZipEntry } from './zip-entries';

/** What the packaging in the caller's beforeAll produced: read lazily, once the hook has run. */
export type PackagedForecastScaler = () => { template: q.CfnTemplate; zip: ZipEntry[] };

const F = expected.FORECAST;

/** Registers the forecast scaler's template and package tests. */
export const describeForecastScalerTemplate = (packaged: PackagedForecastScaler): void => {
  const template = (): q.CfnTemplate => packaged().template;
  const props = (logicalId: string): q.Json => q.propertiesOf(template(), logicalId);
  const granting = (action: string): q.IamStatement[] => q.roleStatementsGranting(template(), F.roleLogicalId, action);
  const variables = (): q.Json => props(F.functionLogicalId).Environment.Variables;

  describe('forecastScaler function', () => {
    it('runs every 5 minutes from its schedule rule, with its retry policy and the events DLQ', () => {
      // Act
      const rule = q.ruleNamed(template(), F.rule.name);
      // Assess
      expect(rule?.ScheduleExpression).toBe(F.rule.schedule);
      expect(rule?.EventPattern).toBeUndefined();
      expect(rule?.Targets).toHaveLength(1);
      const [target] = rule?.Targets ?? [];
      expect(q.getAttTarget(target?.Arn)).toBe(F.functionLogicalId);
      expect(target?.RetryPolicy).toEqual(F.rule.retryPolicy);
      expect(q.getAttTarget(target?.DeadLetterConfig?.Arn)).toBe('EventsDeadLetterQueue');
    });

    it('may be invoked by EventBridge from its schedule rule only', () => {
      // Act
      const permissions = q
        .propertiesOfType(template(), 'AWS::Lambda::Permission')
        .filter((p) => p.Principal === 'events.amazonaws.com' && q.getAttTarget(p.FunctionName) === F.functionLogicalId);
      // Assess: arn:<partition>:events:<region>:<account>:rule/<name>, joined
      expect(permissions).toHaveLength(1);
      expect(JSON.stringify(permissions[0]?.SourceArn)).toContain(JSON.stringify(['rule', F.rule.name]));
    });

    it('runs on nodejs22.x, arm64, 120 s, 1024 MB, untraced, with its own role', () => {
      // Act
      const fn = props(F.functionLogicalId);
      // Assess
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 120, MemorySize: 1024 });
      expect(fn).toMatchObject({ Handler: F.handler, FunctionName: F.functionName });
      expect(fn.TracingConfig).toBeUndefined();
      expect(q.getAttTarget(fn.Role)).toBe(F.roleLogicalId);
    });

    it('gets the shared environment, itself as the scheduler target, and the run interval its rule runs at', () => {
      // Prepare
      const { MAX_SURGE_UNITS_PER_EVENT: _spotOnly, ...shared } = expected.ENVIRONMENT_VALUES;
      const names = [...expected.ENVIRONMENT_NAMES.filter((n) => n !== 'MAX_SURGE_UNITS_PER_EVENT'), ...Object.keys(F.extraEnvironment)];
      // Act
      const env = variables();
      // Assess
      expect(Object.keys(env).sort()).toEqual(names.sort());
      expect(env).toMatchObject({ ...shared, ...F.extraEnvironment });
      expect(q.subOf(env.SCHEDULER_TARGET_ARN)).toMatch(new RegExp(`:function:${F.functionName}$`));
      const minutes = EnvSchema.shape.FORECAST_RUN_INTERVAL_MINUTES.parse(env.FORECAST_RUN_INTERVAL_MINUTES);
      expect(F.rule.schedule).toBe(`rate(${minutes} minutes)`);
    });

    it('retries an async invocation once within the run interval, then sends it to the failure queue it may write to', () => {
      // Act
      const configs = q.invokeConfigsOf(template(), F.functionLogicalId);
      // Assess
      expect(configs).toHaveLength(1);
      expect(configs[0]).toMatchObject(F.invokeConfig);
      expect(q.getAttTarget(configs[0].DestinationConfig.OnFailure.Destination)).toBe('FailureQueue');
      expect(granting('sqs:SendMessage').map((s) => q.getAttTarget(s.Resource))).toEqual(['FailureQueue']);
    });

    it('may change the target of managed fleets only, and not their launch templates', () => {
      // Act
      const grants = granting('ec2:ModifyFleet');
      // Assess
      expect(grants).toHaveLength(1);
      expect(grants[0]?.Condition).toEqual({ Null: { 'aws:ResourceTag/autopilot:managed': 'false' } });
      expect(q.asArray(grants[0]?.Resource).map(q.subOf)).toEqual([expect.stringMatching(/:fleet\/\*$/)]);
    });

    it('publishes metrics only into the namespace it publishes to, as every function that publishes does', () => {
      // Act
      const grants = granting('cloudwatch:PutMetricData');
      const namespace = EnvSchema.shape.METRICS_NAMESPACE.parse(variables().METRICS_NAMESPACE);
      // Assess
      expect(grants).toHaveLength(1);
      expect(q.actionsOf(grants[0] as q.IamStatement)).toEqual(['cloudwatch:PutMetricData']);
      expect(grants[0]?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': namespace } });
      const everyGrant = q.statementsGranting(template(), 'cloudwatch:PutMetricData');
      expect(everyGrant.map((g) => g.role).sort()).toEqual([F.roleLogicalId, 'CostAnomalyIamRoleLambdaExecution', 'CostReportIamRoleLambdaExecution'].sort());
      for (const g of everyGrant) expect(g.statement.Condition, g.role).toEqual({ StringEquals: { 'cloudwatch:namespace': namespace } });
    });

    it('reads history and queue depth and schedules steps in its group, but never tags or describes instances', () => {
      // Act
      const actions = q.roleStatements(q.resourceById(template(), F.roleLogicalId)).flatMap(q.actionsOf);
      // Assess
      expect(actions).toEqual(expect.arrayContaining(['ec2:DescribeFleets', 'cloudwatch:GetMetricData', 'sqs:GetQueueAttributes', 'scheduler:CreateSchedule']));
      for (const forbidden of ['ec2:CreateTags', 'ec2:DeleteTags', 'ec2:DescribeInstances']) expect(actions).not.toContain(forbidden);
      expect(q.subOf(granting('scheduler:CreateSchedule')[0]?.Resource)).toMatch(/:schedule\/\$\{ScheduleGroup\}\/\*$/);
    });

    it('ships its own ESM bundle exporting handler, with its source map and the fleets file, and no node_modules or wasm', () => {
      // Act
      const { zip } = packaged();
      const bundle = zip.find((f) => f.name === F.handlerBundle)?.content().toString('utf8') ?? '';
      const names = zip.map((f) => f.name);
      // Assess
      expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      expect(names).toEqual(expect.arrayContaining([`${F.handlerBundle}.map`, expected.FLEETS_FILE]));
      expect(names.filter((name) => name.startsWith('node_modules/') || name.endsWith('.wasm'))).toEqual([]);
      expect(names).not.toContain(expected.HANDLER_BUNDLE);
    });
  });
};
