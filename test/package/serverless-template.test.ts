// Packages the service offline (osls + serverless-esbuild) and asserts on the CloudFormation template and the zip.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as expected from './expected-deployment';
import { COST, describeCostFunctionsTemplate } from './cost-functions-template';
import { describeForecastScalerTemplate } from './forecast-scaler-template';
import { describeGpuAlarmTemplate, GPU_ALARM } from './gpu-alarm-template';
import { describeRebalancerTemplate, REBALANCER } from './rebalancer-template';
import { packageService } from './package-service';
import { describeZipSizes, readPackagedService } from './packaged-service';
import * as q from './template-queries';
import type { ZipEntry } from './zip-entries';

const ROOT = resolve(import.meta.dirname, '../..');

let outDir = '';
let template: q.CfnTemplate;
let zip: ZipEntry[];
let forecastZip: ZipEntry[];

const props = (logicalId: string): q.Json => q.propertiesOf(template, logicalId);
const propsOfType = (type: string): q.Json[] => q.propertiesOfType(template, type);
const statementsWith = (action: string) => q.statementsGranting(template, action);
const entry = (name: string): ZipEntry | undefined => zip.find((candidate) => candidate.name === name);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'autopilot-package-'));
  await packageService(ROOT, expected.STAGE, outDir);
  const packaged = readPackagedService(outDir, 'spotInterruption');
  ({ template, zip } = packaged);
  console.log(describeZipSizes('spotInterruption.zip', packaged));
  // One packaging gives every function's zip: the forecast scaler's is read from the same output.
  const forecast = readPackagedService(outDir, 'forecastScaler');
  forecastZip = forecast.zip;
  console.log(describeZipSizes('forecastScaler.zip', forecast));
}, 180_000);

afterAll(() => outDir && rmSync(outDir, { recursive: true, force: true }));

describe('packaged service template', () => {
  describe('EventBridge rules', () => {
    it.each(expected.RULES)('routes $name with its exact pattern, retry policy and the events DLQ', (rule) => {
      // Act
      const found = q.ruleNamed(template, rule.name);
      // Assess
      expect(found?.EventPattern).toEqual(rule.pattern);
      expect(found?.Targets).toHaveLength(1);
      const [target] = found?.Targets ?? [];
      expect(q.getAttTarget(target?.Arn)).toBe(expected.FUNCTION_LOGICAL_ID);
      expect(target?.RetryPolicy).toEqual(rule.retryPolicy);
      expect(q.getAttTarget(target?.DeadLetterConfig?.Arn)).toBe('EventsDeadLetterQueue');
    });

    it('has exactly the ten rules, and lets only them dead-letter into the events queue', () => {
      // Act
      const [statement] = props('EventsDeadLetterQueuePolicy').PolicyDocument.Statement;
      const sourceArns: string[] = statement.Condition.ArnEquals['aws:SourceArn'].map((arn: q.Json) => arn['Fn::Sub']);
      // Assess
      expect(q.resourcesOfType(template, 'AWS::Events::Rule')).toHaveLength(10);
      expect(statement).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage' });
      const names = [...expected.RULES.map((r) => r.name), expected.FORECAST.rule.name, GPU_ALARM.rule.name, REBALANCER.rule.name, COST.anomaly.alertRule.name, COST.anomaly.spendRule.name, COST.report.rule.name];
      expect(sourceArns.map((arn) => arn.split(':rule/')[1]).sort()).toEqual(names.sort());
    });
  });

  describe('spotInterruption function', () => {
    it('runs on nodejs22.x, arm64, 60 s, 512 MB, untraced, with no reserved concurrency', () => {
      // Act
      const fn = props(expected.FUNCTION_LOGICAL_ID);
      // Assess
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 60, MemorySize: 512 });
      expect(fn).toMatchObject({ Handler: expected.HANDLER, FunctionName: expected.FUNCTION_NAME });
      expect(fn.ReservedConcurrentExecutions).toBeUndefined();
      expect(fn.TracingConfig).toBeUndefined();
    });

    it('gets exactly the environment the config module reads', () => {
      // Act
      const variables = props(expected.FUNCTION_LOGICAL_ID).Environment.Variables;
      // Assess
      expect(Object.keys(variables).sort()).toEqual([...expected.ENVIRONMENT_NAMES].sort());
      expect(variables).toMatchObject(expected.ENVIRONMENT_VALUES);
      expect(variables.SCHEDULER_TARGET_ARN['Fn::Sub']).toMatch(new RegExp(`:function:${expected.FUNCTION_NAME}$`));
    });

    it('retries async invocations twice within an hour, then sends them to the failure queue', () => {
      // Act
      const configs = q.invokeConfigsOf(template, expected.FUNCTION_LOGICAL_ID);
      // Assess
      expect(configs).toHaveLength(1);
      expect(configs[0]).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
      expect(q.getAttTarget(configs[0].DestinationConfig.OnFailure.Destination)).toBe('FailureQueue');
    });
  });

  describeForecastScalerTemplate(() => ({ template, zip: forecastZip }));

  describe('IAM', () => {
    it('gives the function its own role, holding its permissions', () => {
      // Act
      const roleId = q.getAttTarget(props(expected.FUNCTION_LOGICAL_ID).Role) ?? '';
      // Assess
      expect(roleId).toBe('SpotInterruptionIamRoleLambdaExecution');
      const actions = q.roleStatements(q.resourceById(template, roleId)).flatMap(q.actionsOf);
      expect(actions).toEqual(expect.arrayContaining(['ec2:ModifyFleet', 'scheduler:CreateSchedule', 'sqs:SendMessage']));
    });

    it('grants no wildcard action, and Resource "*" only to actions without resource-level permissions', () => {
      // Act
      const statements = q.allRoleStatements(template);
      // Assess
      expect(statements.length).toBeGreaterThan(0);
      for (const { role, statement } of statements) {
        const actions = q.actionsOf(statement);
        for (const action of actions) expect(action, role).not.toMatch(/^(\*|[a-z0-9-]+:\*)$/);
        if (q.asArray(statement.Resource).includes('*')) {
          for (const action of actions) expect(action, `${role} grants on *`).toMatch(expected.RESOURCELESS_ACTION);
        }
      }
    });

    it.each(Object.entries(expected.MUTATION_CONDITIONS))('allows %s only under its tag conditions, in every role', (action, condition) => {
      // Act
      const statements = statementsWith(action);
      // Assess
      expect(statements.length).toBeGreaterThan(0);
      for (const { role, statement } of statements) {
        expect(statement.Effect, role).toBe('Allow');
        expect(statement.Condition, role).toEqual(condition);
      }
    });

    it('tags instances from the spot function\'s and the rebalancer\'s roles only, and untags from the spot and cost-anomaly ones', () => {
      // Act
      const tagging = statementsWith('ec2:CreateTags').map((s) => s.role);
      const untagging = statementsWith('ec2:DeleteTags').map((s) => s.role);
      // Assess
      expect(new Set(tagging)).toEqual(new Set(['SpotInterruptionIamRoleLambdaExecution', REBALANCER.roleLogicalId]));
      expect(new Set(untagging)).toEqual(new Set(['SpotInterruptionIamRoleLambdaExecution', COST.anomaly.roleLogicalId]));
    });

    it('reads queue depth only on the work queues the fleets file names', () => {
      // Act
      const grants = statementsWith('sqs:GetQueueAttributes');
      const fleetsYaml = readFileSync(join(ROOT, 'config/fleets.yaml'), 'utf8');
      const names = [...fleetsYaml.matchAll(/https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d{12}\/([\w.-]+)/g)].map((m) => m[1]);
      // Assess: one grant per function
      expect(grants.map((g) => g.role).sort()).toEqual([expected.FORECAST.roleLogicalId, GPU_ALARM.roleLogicalId, 'SpotInterruptionIamRoleLambdaExecution'].sort());
      expect(names.length).toBeGreaterThan(0);
      for (const grant of grants) {
        const resources = q.asArray(grant.statement.Resource as string | string[]);
        expect(resources.map((r) => String(r).split(':').at(-1)).sort()).toEqual([...new Set(names)].sort());
        for (const r of resources) expect(String(r)).toMatch(/^arn:aws:sqs:[a-z0-9-]+:\d{12}:[\w.-]+$/);
      }
    });

    it('passes only the scheduler role, and only to EventBridge Scheduler', () => {
      // Act
      const passRole = statementsWith('iam:PassRole');
      // Assess: the four functions create one-time schedules
      expect(passRole).toHaveLength(4);
      const passedTo = { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } };
      for (const { statement } of passRole) {
        expect(q.getAttTarget(statement.Resource)).toBe('SchedulerInvokeRole');
        expect(statement.Condition).toEqual(passedTo);
      }
    });
  });

  describe('infra fragments', () => {
    it('includes the ledger table: pk/sk strings, TTL on expiresAt, on-demand billing', () => {
      // Act
      const table = props('LedgerTable');
      // Assess
      expect(table.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
      const stringKeys = ['pk', 'sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
      expect(table.AttributeDefinitions).toEqual(expect.arrayContaining(stringKeys));
      expect(table.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    });

    it('encrypts both queues and keeps their messages 14 days', () => {
      // Act
      const queues = q.resourcesOfType(template, 'AWS::SQS::Queue');
      // Assess
      expect(queues.map(([id]) => id).sort()).toEqual(['EventsDeadLetterQueue', 'FailureQueue']);
      const encryptedFor14Days = { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 };
      for (const [, queue] of queues) expect(queue.Properties).toMatchObject(encryptedFor14Days);
    });

    it('lets Scheduler assume the invoke role only for this account and group, to invoke only the four functions and dead-letter', () => {
      // Act
      const trust = props('SchedulerInvokeRole').AssumeRolePolicyDocument.Statement[0];
      const statements = q.roleStatements(q.resourceById(template, 'SchedulerInvokeRole'));
      // Assess
      expect(props('ScheduleGroup').Name).toBe('gpu-fleet-autopilot-ci');
      expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
      expect(trust.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(trust.Condition.ArnEquals['aws:SourceArn']['Fn::Sub']).toMatch(/:schedule-group\/gpu-fleet-autopilot-ci$/);
      expect(statements.flatMap(q.actionsOf)).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
      const invoked = q.asArray(statements[0]?.Resource as q.Json).map(q.subOf);
      expect(invoked).toHaveLength(4);
      expect(invoked[0]).toMatch(new RegExp(`:function:${expected.FUNCTION_NAME}$`));
      expect(invoked[1]).toMatch(new RegExp(`:function:${expected.FORECAST.functionName}$`));
      expect(invoked[2]).toMatch(new RegExp(`:function:${GPU_ALARM.functionName}$`));
      expect(invoked[3]).toMatch(new RegExp(`:function:${REBALANCER.functionName}$`));
      expect(statements[1]?.Resource).toEqual({ 'Fn::GetAtt': ['EventsDeadLetterQueue', 'Arn'] });
    });

    it('alarms when anything lands in the events DLQ or the failure queue', () => {
      // Act
      // The GPU alarms (infra/gpu-alarms.cjs) watch the fleets, not the queues: they are checked with the gpuAlarm function.
      const alarms = propsOfType('AWS::CloudWatch::Alarm').filter((a) => !String(a.AlarmName).startsWith(`${GPU_ALARM.prefix}.`));
      const watched = alarms.map((a) => (a.Dimensions as q.Json[])[0]?.Value);
      // Assess
      expect(watched).toEqual(
        expect.arrayContaining([
          { 'Fn::GetAtt': ['EventsDeadLetterQueue', 'QueueName'] },
          { 'Fn::GetAtt': ['FailureQueue', 'QueueName'] },
        ]),
      );
      for (const alarm of alarms) expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    });

    it('creates the kill switch off, and leaves the Slack SecureString to the operator', () => {
      // Act
      const parameters = propsOfType('AWS::SSM::Parameter');
      // Assess
      const killSwitch = { Name: '/gpu-fleet-autopilot/ci/kill-switch', Type: 'String', Value: 'off' };
      expect(parameters).toEqual([expect.objectContaining(killSwitch)]);
    });

    it('leaves the example launch template out of the service stack', () => {
      // Assess
      expect(q.resourcesOfType(template, 'AWS::EC2::LaunchTemplate')).toEqual([]);
    });
  });

  describe('function package', () => {
    it('ships the ESM handler bundle exporting handler, with its source map and no node_modules', () => {
      // Act
      const bundle = entry(expected.HANDLER_BUNDLE)?.content().toString('utf8') ?? '';
      // Assess
      expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      expect(entry(`${expected.HANDLER_BUNDLE}.map`)).toBeDefined();
      expect(zip.filter((file) => file.name.startsWith('node_modules/'))).toEqual([]);
    });

    it('ships the fleets file unchanged at the path FLEETS_FILE names', () => {
      // Act
      const shipped = entry(expected.FLEETS_FILE)?.content().toString('utf8');
      // Assess
      expect(shipped).toBe(readFileSync(join(ROOT, expected.FLEETS_FILE), 'utf8'));
    });
  });
});

// The gpu-alarm function's assertions, on the same packaging.
describe('packaged service template: gpu-alarm', () => {
  describeGpuAlarmTemplate(() => ({ template, outDir }));
});

// The rebalancer's assertions, on the same packaging.
describe('packaged service template: rebalancer', () => {
  describeRebalancerTemplate(() => ({ template, outDir }));
});

// The cost functions' assertions, on the same packaging.
describe('packaged service template: cost functions', () => {
  describeCostFunctionsTemplate(() => ({ template }));
});
