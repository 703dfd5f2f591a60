// Assertions on the cost-anomaly and cost-report functions in the packaged template, run from serverless-template.test.ts.
import { describe, expect, it } from 'vitest';
import * as expected from './expected-deployment';
import * as q from './template-queries';

export type PackagedTemplate = () => { template: q.CfnTemplate };

/** The cost functions of the `ci` stage: their triggers, roles, retries and environment. */
export const COST = {
  anomaly: {
    functionLogicalId: 'CostAnomalyLambdaFunction',
    roleLogicalId: 'CostAnomalyIamRoleLambdaExecution',
    functionName: 'gpu-fleet-autopilot-ci-cost-anomaly',
    handler: 'functions/cost-anomaly/handler.handler',
    alertRule: { name: 'gpu-fleet-autopilot-ci-cost-anomaly', pattern: { source: ['aws.ce'], 'detail-type': ['Anomaly Detected'] }, retryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 } },
    spendRule: { name: 'gpu-fleet-autopilot-ci-spend-watch', schedule: 'rate(5 minutes)', retryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 } },
    extraEnvironment: { SPEND_WATCH_INTERVAL_MINUTES: '5', FORECAST_RUN_INTERVAL_MINUTES: '5', COST_REMEDIATION: '{}' },
  },
  report: {
    functionLogicalId: 'CostReportLambdaFunction',
    roleLogicalId: 'CostReportIamRoleLambdaExecution',
    functionName: 'gpu-fleet-autopilot-ci-cost-report',
    handler: 'functions/cost-report/handler.handler',
    rule: { name: 'gpu-fleet-autopilot-ci-cost-report', schedule: 'cron(15 0 * * ? *)', retryPolicy: { MaximumEventAgeInSeconds: 21600, MaximumRetryAttempts: 2 } },
  },
} as const;

const SCHEDULER_VARIABLES = ['SCHEDULER_GROUP', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_TARGET_ARN', 'SCHEDULER_DLQ_ARN', 'MAX_SURGE_UNITS_PER_EVENT'];
const sharedNames = expected.ENVIRONMENT_NAMES.filter((n) => !SCHEDULER_VARIABLES.includes(n));
const sharedValues = Object.fromEntries(Object.entries(expected.ENVIRONMENT_VALUES).filter(([k]) => !SCHEDULER_VARIABLES.includes(k)));

/** Registers the cost functions' template tests. */
export const describeCostFunctionsTemplate = (packaged: PackagedTemplate): void => {
  const template = (): q.CfnTemplate => packaged().template;
  const props = (logicalId: string): q.Json => q.propertiesOf(template(), logicalId);
  const actionsOf = (roleLogicalId: string): string[] => q.roleStatements(q.resourceById(template(), roleLogicalId)).flatMap(q.actionsOf);
  const targetOf = (rule: q.Json) => {
    const [target] = rule?.Targets ?? [];
    return { fn: q.getAttTarget(target?.Arn), retryPolicy: target?.RetryPolicy, dlq: q.getAttTarget(target?.DeadLetterConfig?.Arn) };
  };

  describe('cost-anomaly function', () => {
    const A = COST.anomaly;

    it('takes Cost Anomaly Detection events from EventBridge and the alert topic, and runs the spend check on its schedule', () => {
      // Act
      const alerts = q.ruleNamed(template(), A.alertRule.name);
      const spend = q.ruleNamed(template(), A.spendRule.name);
      const subscriptions = q.propertiesOfType(template(), 'AWS::SNS::Subscription');
      // Assess
      expect(alerts?.EventPattern).toEqual(A.alertRule.pattern);
      expect(targetOf(alerts)).toEqual({ fn: A.functionLogicalId, retryPolicy: A.alertRule.retryPolicy, dlq: 'EventsDeadLetterQueue' });
      expect(spend?.ScheduleExpression).toBe(A.spendRule.schedule);
      expect(targetOf(spend)).toEqual({ fn: A.functionLogicalId, retryPolicy: A.spendRule.retryPolicy, dlq: 'EventsDeadLetterQueue' });
      expect(subscriptions).toEqual([{ TopicArn: { Ref: 'CostAnomalyTopic' }, Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': [A.functionLogicalId, 'Arn'] } }]);
    });

    it('runs with its own role and environment: the account id, the spend check rate, no scheduler variables', () => {
      // Act
      const fn = props(A.functionLogicalId);
      const env = fn.Environment.Variables;
      // Assess
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 120, MemorySize: 512, Handler: A.handler, FunctionName: A.functionName });
      expect(q.getAttTarget(fn.Role)).toBe(A.roleLogicalId);
      expect(Object.keys(env).sort()).toEqual([...sharedNames, 'ACCOUNT_ID', ...Object.keys(A.extraEnvironment)].sort());
      expect(env).toMatchObject({ ...sharedValues, ...A.extraEnvironment, ACCOUNT_ID: { Ref: 'AWS::AccountId' } });
    });

    it('changes only managed fleets, untags only the drain protocol, publishes only in its namespace, and never terminates or schedules', () => {
      // Act
      const actions = actionsOf(A.roleLogicalId);
      const put = q.roleStatementsGranting(template(), A.roleLogicalId, 'cloudwatch:PutMetricData');
      // Assess
      expect(actions).toEqual(expect.arrayContaining(['ec2:DescribeFleetInstances', 'ec2:DescribeSpotPriceHistory', 'ec2:ModifyFleet', 'ec2:DeleteTags', 'cloudwatch:GetMetricData', 'dynamodb:Query']));
      for (const forbidden of ['ec2:TerminateInstances', 'ec2:CreateTags', 'scheduler:CreateSchedule', 'iam:PassRole', 'sqs:GetQueueAttributes']) expect(actions).not.toContain(forbidden);
      expect(put[0]?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'GpuFleetAutopilot' } });
    });

    it('retries an async invocation twice, then sends it to the failure queue', () => {
      // Act
      const [config] = q.invokeConfigsOf(template(), A.functionLogicalId);
      // Assess
      expect(config).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
      expect(q.getAttTarget(config?.DestinationConfig.OnFailure.Destination)).toBe('FailureQueue');
    });
  });

  describe('cost-report function', () => {
    const R = COST.report;

    it('runs daily after midnight UTC from its rule, with its own role, and only reads metrics, the ledger and publishes its metrics', () => {
      // Act
      const rule = q.ruleNamed(template(), R.rule.name);
      const fn = props(R.functionLogicalId);
      const actions = actionsOf(R.roleLogicalId);
      // Assess
      expect(rule?.ScheduleExpression).toBe(R.rule.schedule);
      expect(targetOf(rule)).toEqual({ fn: R.functionLogicalId, retryPolicy: R.rule.retryPolicy, dlq: 'EventsDeadLetterQueue' });
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 300, Handler: R.handler, FunctionName: R.functionName });
      expect(Object.keys(fn.Environment.Variables).sort()).toEqual([...sharedNames].sort());
      expect(actions).toEqual(expect.arrayContaining(['cloudwatch:GetMetricData', 'cloudwatch:PutMetricData', 'dynamodb:Query', 'dynamodb:PutItem', 'sqs:SendMessage']));
      expect(actions.filter((a) => a.startsWith('ec2:'))).toEqual([]);
      expect(q.getAttTarget(q.invokeConfigsOf(template(), R.functionLogicalId)[0]?.DestinationConfig.OnFailure.Destination)).toBe('FailureQueue');
    });
  });

  describe('cost infra fragments', () => {
    it('creates the anomaly monitor and its IMMEDIATE subscription to the topic Cost Anomaly Detection may publish to, and the fleets dashboard', () => {
      // Act
      const [subscription] = q.propertiesOfType(template(), 'AWS::CE::AnomalySubscription');
      const [policy] = q.propertiesOfType(template(), 'AWS::SNS::TopicPolicy');
      const dashboards = q.propertiesOfType(template(), 'AWS::CloudWatch::Dashboard');
      // Assess
      expect(q.propertiesOfType(template(), 'AWS::CE::AnomalyMonitor')).toHaveLength(1);
      expect(subscription).toMatchObject({ Frequency: 'IMMEDIATE', Subscribers: [{ Type: 'SNS', Address: { Ref: 'CostAnomalyTopic' } }] });
      expect(JSON.stringify(subscription?.ThresholdExpression)).toContain('ANOMALY_TOTAL_IMPACT_ABSOLUTE');
      expect(JSON.stringify(policy)).toContain('costalerts.amazonaws.com');
      expect(dashboards).toHaveLength(1);
    });
  });
};
