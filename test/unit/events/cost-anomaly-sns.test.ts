// parseCostAnomalySns: the Lambda SNS event carrying the IMMEDIATE alert, read as a CostAnomaly or rejected clearly.
import { describe, expect, it } from 'vitest';
import { parseCostAnomalyDetected } from '../../../layers/events/cost-anomaly-detected';
import { NotACostAnomalyError, parseCostAnomalySns } from '../../../layers/events/cost-anomaly-sns';
import type { EventParseError } from '../../../layers/events/errors';
import { withField } from '../../fixtures/events/factories';
import {
  costAnomalyDetectedEvent,
  costAnomalySnsEvent,
  snsEventWithAlertField,
  snsEventWithMessage,
} from '../../fixtures/events/cost-anomaly-factories';

const RECEIVED_AT_MS = Date.UTC(2021, 4, 26, 6, 5);

const rejected = (raw: unknown): EventParseError => {
  const result = parseCostAnomalySns(raw, RECEIVED_AT_MS);
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
};

describe('parseCostAnomalySns', () => {
  it('reads the AWS alert sample: dimensionalValue, accountId and monitorArn from the message', () => {
    // Act
    const result = parseCostAnomalySns(costAnomalySnsEvent(), RECEIVED_AT_MS);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.anomalies).toHaveLength(1);
    expect(result.anomalies[0]).toMatchObject({
      anomalyId: '12345678-abcd-ef12-3456-987654321a12',
      via: 'sns',
      accountId: '123456789012',
      monitorArn: 'arn:aws:ce::123456789012:anomalymonitor/abcdef12-1234-4ea0-84cc-918a97d736ef',
      startMs: Date.UTC(2021, 4, 25),
      dimensionValue: 'Amazon Elastic Compute Cloud - Compute',
      impact: { maxImpactUsd: 151, totalImpactUsd: 1001, totalActualSpendUsd: 1301, totalExpectedSpendUsd: 300 },
      rootCauses: [
        {
          linkedAccount: '123456789012',
          linkedAccountName: 'test',
          region: 'ap-northeast-1',
          service: 'Amazon Elastic Compute Cloud - Compute',
          usageType: 'AnomalousUsageType',
        },
      ],
      receivedAtMs: RECEIVED_AT_MS,
    });
  });

  it('reads the same anomaly from both formats alike, apart from how it came and the root cause impact', () => {
    // Prepare
    const sns = parseCostAnomalySns(costAnomalySnsEvent(), RECEIVED_AT_MS);
    const detected = parseCostAnomalyDetected(costAnomalyDetectedEvent(), RECEIVED_AT_MS);

    // Act
    const fromSns = sns.ok ? sns.anomalies[0] : undefined;
    const fromEventBridge = detected.ok ? detected.anomaly : undefined;

    // Assess
    const { via: v1, rootCauses: r1, ...snsRest } = fromSns ?? { via: 'sns', rootCauses: [] };
    const { via: v2, rootCauses: r2, ...ebRest } = fromEventBridge ?? { via: 'eventbridge', rootCauses: [] };
    expect([v1, v2]).toEqual(['sns', 'eventbridge']);
    expect(r1).toHaveLength(1);
    expect(r2?.[0]?.impactUsd).toBe(601);
    expect(snsRest).toEqual(ebRest);
  });

  it('accepts the API spelling dimensionValue in an alert too', () => {
    // Prepare
    const event = snsEventWithAlertField(['dimensionalValue'], undefined);
    const withApiSpelling = snsEventWithAlertField(['dimensionValue'], 'Amazon Elastic Compute Cloud - Compute');

    // Act
    const without = parseCostAnomalySns(event, RECEIVED_AT_MS);
    const spelled = parseCostAnomalySns(withApiSpelling, RECEIVED_AT_MS);

    // Assess
    expect(without.ok && without.anomalies[0]).not.toHaveProperty('dimensionValue');
    expect(spelled.ok && spelled.anomalies[0]?.dimensionValue).toBe('Amazon Elastic Compute Cloud - Compute');
  });

  it('says a message that is not JSON is not an anomaly alert (the Lambda console test message)', () => {
    // Act
    const error = rejected(snsEventWithMessage('Hello from SNS!'));

    // Assess
    expect(error).toBeInstanceOf(NotACostAnomalyError);
    expect(error).toMatchObject({ reason: 'not-json', retryable: false, fields: ['Records[0].Sns.Message'] });
    expect(error.message).toContain('is not a Cost Anomaly Detection alert');
  });

  it('says JSON without an anomalyId is not an anomaly alert', () => {
    // Act
    const errors = [{ default: 'hello' }, [1, 2], 'just a string', null].map((m) => rejected(snsEventWithMessage(JSON.stringify(m))));

    // Assess
    for (const error of errors) {
      expect(error).toBeInstanceOf(NotACostAnomalyError);
      expect(error).toMatchObject({ reason: 'not-an-anomaly', fields: ['Records[0].Sns.Message'] });
    }
  });

  it.each([
    [['accountId'], undefined, 'Records[0].Sns.Message.accountId'],
    [['accountId'], 'test', 'Records[0].Sns.Message.accountId'],
    [['anomalyId'], 42, 'Records[0].Sns.Message.anomalyId'],
    [['impact', 'totalExpectedSpend'], null, 'Records[0].Sns.Message.impact.totalExpectedSpend'],
    [['anomalyStartDate'], '2021-13-01', 'Records[0].Sns.Message.anomalyStartDate'],
    [['rootCauses', 0, 'region'], 7, 'Records[0].Sns.Message.rootCauses[0].region'],
  ])('rejects an alert whose %j is %j, naming %s', (path, value, field) => {
    // Act
    const error = rejected(snsEventWithAlertField(path, value));

    // Assess
    expect(error).not.toBeInstanceOf(NotACostAnomalyError);
    expect(error.fields).toContain(field);
    expect(error.message).toContain('SNS notification 52ed5e3d-5fgf-56bf-923d-0e5c3b503c2a');
  });

  it('rejects an event that is not an SNS notification, naming the envelope field', () => {
    // Act / Assess
    expect(rejected(withField(costAnomalySnsEvent(), ['Records', 0, 'Sns', 'Type'], 'SubscriptionConfirmation')).fields).toContain(
      'Records[0].Sns.Type',
    );
    expect(rejected(costAnomalyDetectedEvent()).fields).toContain('Records');
    expect(rejected({ Records: [] }).fields).toContain('Records');
  });
});
