// infra/cost-anomaly.cjs: the anomaly monitor, IMMEDIATE subscription, SNS topic and policy CloudFormation accepts.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MANAGED_TAG } from '../../../layers/core/drain-protocol';
import { parseCostAnomalyDetected } from '../../../layers/events/cost-anomaly-detected';
import { costAnomalyDetectedEvent } from '../../fixtures/events/cost-anomaly-factories';

type Resource = { Type: string; DependsOn?: string[]; Properties: Record<string, unknown> };
interface CostAnomalyModule {
  resources: (sls: { resolveVariable: (variable: string) => Promise<unknown> }) => Promise<{ Resources: Record<string, Resource> }>;
  costAnomalyResources: (
    file: { fleets: Record<string, unknown>[] },
    options: { prefix: string; thresholdUsd: unknown; extraMonitorArn?: unknown },
  ) => Record<string, Resource>;
  anomalyDetectedPattern: () => { source: string[]; 'detail-type': string[] };
  topicNameOf: (prefix: string) => string;
  MANAGED_TAG: string;
  TOPIC_ID: string;
}

const costAnomaly = createRequire(import.meta.url)('../../../infra/cost-anomaly.cjs') as CostAnomalyModule;

const PREFIX = 'gpu-fleet-autopilot-dev';
const FLEET = { fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f', name: 'bert-large-search', tier: 'critical' };
const OTHER = { fleetId: 'fleet-0a1b2c3d-0000-4000-8000-000000000001', name: 'reranker', tier: 'batch' };
const SERVICE_MONITOR = 'arn:aws:ce::123456789012:anomalymonitor/abcdef12-1234-4ea0-84cc-918a97d736ef';

const build = (options: Partial<{ thresholdUsd: unknown; extraMonitorArn: unknown; prefix: string }> = {}, fleets = [FLEET, OTHER]) =>
  costAnomaly.costAnomalyResources({ fleets }, { prefix: PREFIX, thresholdUsd: 100, extraMonitorArn: '', ...options });

const ofType = (resources: Record<string, Resource>, type: string): Resource => {
  const found = Object.values(resources).filter((r) => r.Type === type);
  expect(found).toHaveLength(1);
  return found[0] as Resource;
};

describe('costAnomalyResources', () => {
  it('creates one topic, its policy, a custom monitor and an IMMEDIATE subscription, under CloudFormation logical ids', () => {
    // Act
    const resources = build();

    // Assess
    expect(Object.values(resources).map((r) => r.Type).sort()).toEqual([
      'AWS::CE::AnomalyMonitor',
      'AWS::CE::AnomalySubscription',
      'AWS::SNS::Topic',
      'AWS::SNS::TopicPolicy',
    ]);
    for (const id of Object.keys(resources)) expect(id).toMatch(/^[A-Za-z0-9]{1,255}$/);
    expect(ofType(resources, 'AWS::SNS::Topic').Properties.TopicName).toBe(costAnomaly.topicNameOf(PREFIX));
  });

  it("monitors the fleets' spend by the managed tag, whose values are each fleet's name and id", () => {
    // Act
    const monitor = ofType(build(), 'AWS::CE::AnomalyMonitor').Properties;

    // Assess
    expect(monitor).toMatchObject({ MonitorName: `${PREFIX}-gpu-fleets`, MonitorType: 'CUSTOM' });
    expect(monitor).not.toHaveProperty('MonitorDimension');
    expect(JSON.parse(monitor.MonitorSpecification as string)).toEqual({
      Tags: { Key: 'autopilot:managed', Values: [FLEET.name, FLEET.fleetId, OTHER.name, OTHER.fleetId] },
    });
    expect(costAnomaly.MANAGED_TAG).toBe(MANAGED_TAG);
  });

  it('alerts immediately to the topic once the total impact reaches the threshold in dollars', () => {
    // Act
    const subscription = ofType(build({ thresholdUsd: '250' }), 'AWS::CE::AnomalySubscription');

    // Assess
    expect(subscription.Properties).toMatchObject({
      SubscriptionName: `${PREFIX}-gpu-fleets-immediate`,
      Frequency: 'IMMEDIATE',
      MonitorArnList: [{ 'Fn::GetAtt': ['CostAnomalyMonitor', 'MonitorArn'] }],
      Subscribers: [{ Type: 'SNS', Address: { Ref: costAnomaly.TOPIC_ID } }],
    });
    expect(subscription.Properties).not.toHaveProperty('Threshold');
    expect(JSON.parse(subscription.Properties.ThresholdExpression as string)).toEqual({
      Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['250'] },
    });
    expect(subscription.DependsOn).toEqual(['CostAnomalyTopicPolicy']);
  });

  it("lets only Cost Anomaly Detection, for this account's subscriptions, publish to the topic", () => {
    // Act
    const policy = ofType(build(), 'AWS::SNS::TopicPolicy').Properties;

    // Assess
    expect(policy.Topics).toEqual([{ Ref: costAnomaly.TOPIC_ID }]);
    expect(policy.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AWSAnomalyDetectionSNSPublishingPermissions',
          Effect: 'Allow',
          Principal: { Service: 'costalerts.amazonaws.com' },
          Action: 'SNS:Publish',
          Resource: { Ref: costAnomaly.TOPIC_ID },
          Condition: { StringEquals: { 'aws:SourceAccount': [{ Ref: 'AWS::AccountId' }] } },
        },
      ],
    });
  });

  it("adds the account's existing service monitor to the subscription when given one", () => {
    // Act
    const subscription = ofType(build({ extraMonitorArn: SERVICE_MONITOR }), 'AWS::CE::AnomalySubscription');

    // Assess
    expect(subscription.Properties.MonitorArnList).toEqual([{ 'Fn::GetAtt': ['CostAnomalyMonitor', 'MonitorArn'] }, SERVICE_MONITOR]);
  });

  it.each([
    [{ thresholdUsd: 0 }, 'costAnomalyThresholdUsd'],
    [{ thresholdUsd: 'lots' }, 'costAnomalyThresholdUsd'],
    [{ thresholdUsd: undefined }, 'costAnomalyThresholdUsd'],
    [{ extraMonitorArn: 'arn:aws:sns:us-east-1:123456789012:topic' }, 'costAnomalyExtraMonitorArn'],
    [{ prefix: 'gpu.autopilot' }, 'prefix'],
  ])('refuses %j, naming the setting', (options, setting) => {
    // Act / Assess
    expect(() => build(options)).toThrow(setting);
  });

  it('refuses a fleets file with no fleet or a fleet without a name', () => {
    // Act / Assess
    expect(() => build({}, [])).toThrow('no fleet');
    expect(() => build({}, [{ ...FLEET, name: '' }])).toThrow('fleets[0].name');
  });
});

describe('the EventBridge rule pattern', () => {
  it('matches the event the parser reads', () => {
    // Prepare
    const event = costAnomalyDetectedEvent();

    // Act
    const pattern = costAnomaly.anomalyDetectedPattern();

    // Assess
    expect(pattern.source).toContain(event.source);
    expect(pattern['detail-type']).toContain(event['detail-type']);
    expect(parseCostAnomalyDetected(event, 0).ok).toBe(true);
  });
});

describe('the serverless file resolver', () => {
  it('reads config/fleets.yaml and the stage settings through the variable resolver', async () => {
    // Prepare
    const values: Record<string, unknown> = {
      'self:custom.prefix': PREFIX,
      'self:custom.costAnomalyThresholdUsd': '100',
      'self:custom.costAnomalyExtraMonitorArn': '',
    };
    const asked: string[] = [];

    // Act
    const { Resources } = await costAnomaly.resources({
      resolveVariable: async (variable) => {
        asked.push(variable);
        return values[variable];
      },
    });

    // Assess
    expect(asked.sort()).toEqual(Object.keys(values).sort());
    expect(JSON.parse(ofType(Resources, 'AWS::CE::AnomalyMonitor').Properties.MonitorSpecification as string).Tags.Values).toContain(
      'bert-large-search',
    );
  });
});
