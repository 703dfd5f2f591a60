// AWS Cost Anomaly Detection for the managed fleets, resolved by `serverless package`:
//   resources:
//     - ${file(./infra/cost-anomaly.cjs):resources}
// A CUSTOM monitor on the fleets' `autopilot:managed` cost allocation tag, an IMMEDIATE subscription above a $ impact
// threshold, and the SNS topic (with the policy that lets costalerts.amazonaws.com publish) it alerts to. The
// cost-anomaly function takes the alerts from the topic and, in us-east-1, the same anomalies as the `aws.ce`
// "Anomaly Detected" EventBridge event; it keeps one incident per anomalyId, so receiving both is harmless.
//
// Why CUSTOM on the tag, not DIMENSIONAL SERVICE: an account may hold one service monitor, and AWS already creates a
// default one in most accounts, so a stack that made its own would fail to deploy (and a second stage certainly
// would). A service monitor also baselines the whole "EC2 - Compute" bill, where a GPU fleet's jump is small; the tag
// monitor baselines the fleets' own spend. Its root causes still carry service, Region, usage type and linked
// account. Spend outside the fleets is not in it: to alert on that too, set `costAnomalyExtraMonitorArn` to the
// account's service monitor and the subscription covers both.
// Prerequisite: activate `autopilot:managed` as a user-defined cost allocation tag (Billing console or
// UpdateCostAllocationTagsStatus, payer account); tagged spend counts from activation on, and a new monitor needs
// about 24 hours before it detects anything.
// https://docs.aws.amazon.com/cost-management/latest/userguide/ad-SNS.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ce-anomalysubscription.html
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');

/** The tag every managed instance carries (layers/core/drain-protocol.ts MANAGED_TAG; a test holds the two equal). */
const MANAGED_TAG = 'autopilot:managed';
const TOPIC_ID = 'CostAnomalyTopic';
const MONITOR_ID = 'CostAnomalyMonitor';
const MONITOR_ARN = /^arn:aws[a-z-]*:ce::\d{12}:anomalymonitor\/[0-9a-f-]+$/;

/** The SNS topic's name, which the function's `sns` event names too (a `Ref` arn needs `topicName`). */
const topicNameOf = (prefix) => `${prefix}-cost-anomaly`;

/**
 * The tag values that mark a fleet's instances: the launch template example tags them with the fleet's name; the
 * fleet id is accepted too, so either convention is watched.
 */
const tagValuesOf = (fleetsFile) => {
  const fleets = fleetsFile?.fleets ?? [];
  if (fleets.length === 0) throw new Error('config/fleets.yaml: no fleet to watch for cost anomalies');
  const values = fleets.flatMap((fleet, index) => {
    const where = `config/fleets.yaml: fleets[${index}]`;
    if (typeof fleet.fleetId !== 'string' || !/^fleet-[0-9a-f-]+$/.test(fleet.fleetId)) throw new Error(`${where}.fleetId: must be an EC2 Fleet id`);
    if (typeof fleet.name !== 'string' || fleet.name.length === 0 || fleet.name.length > 64) throw new Error(`${where}.name: must be 1-64 characters`);
    return [fleet.name, fleet.fleetId];
  });
  return [...new Set(values)];
};

const thresholdOf = (value) => {
  const usd = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd <= 0) {
    throw new Error(`cost anomaly: costAnomalyThresholdUsd must be a number of dollars above 0, got ${JSON.stringify(value)}`);
  }
  return usd;
};

const extraMonitorsOf = (value) => {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string' || !MONITOR_ARN.test(value)) {
    throw new Error(`cost anomaly: costAnomalyExtraMonitorArn must be an anomaly monitor ARN or empty, got ${JSON.stringify(value)}`);
  }
  return [value];
};

/**
 * The CloudFormation `Resources` of the anomaly monitor, its IMMEDIATE subscription, the SNS topic and its policy.
 *
 * @param {{ fleets?: Array<Record<string, unknown>> }} fleetsFile the parsed fleets file
 * @param {{ prefix: string, thresholdUsd: number | string, extraMonitorArn?: string }} options
 *   `prefix` is the stack's `${service}-${stage}`; an alert goes out once an anomaly's total impact reaches
 *   `thresholdUsd`; `extraMonitorArn` adds an existing monitor (the account's service monitor) to the subscription.
 */
const costAnomalyResources = (fleetsFile, { prefix, thresholdUsd, extraMonitorArn }) => {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(prefix)) {
    throw new Error(`cost anomaly: the prefix must be letters, digits, _ and -, got ${JSON.stringify(prefix)}`);
  }
  const threshold = thresholdOf(thresholdUsd);
  // MatchOptions left out: EQUALS is the default, and the documented custom-monitor examples give only Key and Values.
  const monitorSpecification = { Tags: { Key: MANAGED_TAG, Values: tagValuesOf(fleetsFile) } };
  const thresholdExpression = {
    Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(threshold)] },
  };
  return {
    [TOPIC_ID]: {
      Type: 'AWS::SNS::Topic',
      // No KMS key: costalerts.amazonaws.com cannot use the AWS managed alias/aws/sns key, and alerts hold no secret.
      Properties: { TopicName: topicNameOf(prefix), DisplayName: 'GPU Fleet Autopilot cost anomalies' },
    },
    CostAnomalyTopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [{ Ref: TOPIC_ID }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AWSAnomalyDetectionSNSPublishingPermissions',
              Effect: 'Allow',
              Principal: { Service: 'costalerts.amazonaws.com' },
              Action: 'SNS:Publish',
              Resource: { Ref: TOPIC_ID },
              // Only for subscriptions of this account: no other account's anomalies land in this stack.
              Condition: { StringEquals: { 'aws:SourceAccount': [{ Ref: 'AWS::AccountId' }] } },
            },
          ],
        },
      },
    },
    [MONITOR_ID]: {
      Type: 'AWS::CE::AnomalyMonitor',
      Properties: {
        MonitorName: `${prefix}-gpu-fleets`,
        MonitorType: 'CUSTOM',
        MonitorSpecification: JSON.stringify(monitorSpecification),
      },
    },
    CostAnomalySubscription: {
      Type: 'AWS::CE::AnomalySubscription',
      // The topic must accept costalerts' publish before the subscription exists, or its first alert is lost.
      DependsOn: ['CostAnomalyTopicPolicy'],
      Properties: {
        SubscriptionName: `${prefix}-gpu-fleets-immediate`,
        Frequency: 'IMMEDIATE',
        MonitorArnList: [{ 'Fn::GetAtt': [MONITOR_ID, 'MonitorArn'] }, ...extraMonitorsOf(extraMonitorArn)],
        Subscribers: [{ Type: 'SNS', Address: { Ref: TOPIC_ID } }],
        ThresholdExpression: JSON.stringify(thresholdExpression),
      },
    },
  };
};

/** The EventBridge rule pattern for the function: Cost Anomaly Detection's events (delivered in us-east-1 only). */
const anomalyDetectedPattern = () => ({ source: ['aws.ce'], 'detail-type': ['Anomaly Detected'] });

const readFleetsFile = () => parse(readFileSync(join(__dirname, '..', 'config', 'fleets.yaml'), 'utf8'));

module.exports = {
  /** For `${file(./infra/cost-anomaly.cjs):resources}`: osls calls it with its variable resolver. */
  resources: async ({ resolveVariable }) => ({
    Resources: costAnomalyResources(readFleetsFile(), {
      prefix: await resolveVariable('self:custom.prefix'),
      thresholdUsd: await resolveVariable('self:custom.costAnomalyThresholdUsd'),
      extraMonitorArn: await resolveVariable('self:custom.costAnomalyExtraMonitorArn'),
    }),
  }),
  costAnomalyResources,
  anomalyDetectedPattern,
  topicNameOf,
  MANAGED_TAG,
  TOPIC_ID,
};
