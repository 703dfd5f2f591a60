// parseCostAnomalyDetected: the aws.ce "Anomaly Detected" EventBridge event read as a CostAnomaly, or rejected by field.
import { describe, expect, it } from 'vitest';
import { EventParseError } from '../../../layers/events/errors';
import { withoutField } from '../../fixtures/events/factories';
import { parseCostAnomalyDetected } from '../../../layers/events/cost-anomaly-detected';
import {
  costAnomalyDetectedDocsSample,
  costAnomalyDetectedEvent,
  detectedEventWithField,
} from '../../fixtures/events/cost-anomaly-factories';

const RECEIVED_AT_MS = Date.UTC(2021, 4, 26, 6, 5);

const rejected = (raw: unknown): EventParseError => {
  const result = parseCostAnomalyDetected(raw, RECEIVED_AT_MS);
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
};

describe('parseCostAnomalyDetected', () => {
  it('reads the AWS sample event as an anomaly with its account, monitor, window, impact and root causes', () => {
    // Act
    const result = parseCostAnomalyDetected(costAnomalyDetectedEvent(), RECEIVED_AT_MS);

    // Assess
    expect(result).toEqual({
      ok: true,
      anomaly: {
        anomalyId: '12345678-abcd-ef12-3456-987654321a12',
        via: 'eventbridge',
        accountId: '123456789012',
        monitorArn: 'arn:aws:ce::123456789012:anomalymonitor/abcdef12-1234-4ea0-84cc-918a97d736ef',
        startMs: Date.UTC(2021, 4, 25),
        endMs: Date.UTC(2021, 4, 25),
        dimensionValue: 'Amazon Elastic Compute Cloud - Compute',
        score: { current: 0.47, max: 0.47 },
        impact: {
          maxImpactUsd: 151,
          totalImpactUsd: 1001,
          totalActualSpendUsd: 1301,
          totalExpectedSpendUsd: 300,
          totalImpactPercentage: 333.67,
        },
        rootCauses: [
          {
            service: 'Amazon Elastic Compute Cloud - Compute',
            region: 'us-east-1',
            linkedAccount: '123456789012',
            linkedAccountName: 'test',
            usageType: 'SpotUsage:g5.xlarge',
            impactUsd: 601,
          },
        ],
        detailsLink:
          'https://console.aws.amazon.com/cost-management/home#/anomaly-detection/monitors/abcdef12-1234-4ea0-84cc-918a97d736ef/anomalies/12345678-abcd-ef12-3456-987654321a12',
        receivedAtMs: RECEIVED_AT_MS,
      },
    });
  });

  it('rejects the documentation sample as is, naming its template-value fields', () => {
    // Act
    const error = rejected(costAnomalyDetectedDocsSample());

    // Assess
    expect(error).toBeInstanceOf(EventParseError);
    expect(error.retryable).toBe(false);
    expect(error.fields).toEqual(expect.arrayContaining(['account', 'time', 'detail.accountId']));
  });

  it('reads day-only dates as midnight UTC of that day', () => {
    // Prepare
    const event = detectedEventWithField(['detail', 'anomalyStartDate'], '2021-05-24');

    // Act
    const result = parseCostAnomalyDetected(event, RECEIVED_AT_MS);

    // Assess
    expect(result.ok && result.anomaly.startMs).toBe(Date.UTC(2021, 4, 24));
  });

  it('takes the monitor from resources when the detail does not name it', () => {
    // Prepare
    const event = detectedEventWithField(['detail', 'monitorArn'], undefined);

    // Act
    const result = parseCostAnomalyDetected(event, RECEIVED_AT_MS);

    // Assess
    expect(result.ok && result.anomaly.monitorArn).toBe('arn:aws:ce::123456789012:anomalymonitor/abcdef12-1234-4ea0-84cc-918a97d736ef');
  });

  it('reads an anomaly without root causes, end date, link or percentage, keeping the fields it has', () => {
    // Prepare
    const event = [['detail', 'anomalyEndDate'], ['detail', 'anomalyDetailsLink'], ['detail', 'impact', 'totalImpactPercentage']].reduce(
      (e, path) => withoutField(e, path),
      detectedEventWithField(['detail', 'rootCauses'], undefined),
    );

    // Act
    const result = parseCostAnomalyDetected(event, RECEIVED_AT_MS);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.anomaly.rootCauses).toEqual([]);
    expect(result.anomaly).not.toHaveProperty('endMs');
    expect(result.anomaly).not.toHaveProperty('detailsLink');
    expect(result.anomaly.impact).not.toHaveProperty('totalImpactPercentage');
  });

  it('keeps only the dimensions a root cause has', () => {
    // Prepare
    const event = detectedEventWithField(['detail', 'rootCauses'], [{ region: 'us-west-2', usageType: 'USW2-BoxUsage:p4d.24xlarge' }, {}]);

    // Act
    const result = parseCostAnomalyDetected(event, RECEIVED_AT_MS);

    // Assess
    expect(result.ok && result.anomaly.rootCauses).toEqual([{ region: 'us-west-2', usageType: 'USW2-BoxUsage:p4d.24xlarge' }, {}]);
  });

  it.each([
    [['detail', 'anomalyId'], undefined, 'detail.anomalyId'],
    [['detail', 'anomalyId'], '', 'detail.anomalyId'],
    [['detail', 'anomalyStartDate'], undefined, 'detail.anomalyStartDate'],
    [['detail', 'anomalyStartDate'], '2021-02-30', 'detail.anomalyStartDate'],
    [['detail', 'anomalyEndDate'], '25/05/2021', 'detail.anomalyEndDate'],
    [['detail', 'impact', 'totalImpact'], '1001', 'detail.impact.totalImpact'],
    [['detail', 'impact', 'maxImpact'], undefined, 'detail.impact.maxImpact'],
    [['detail', 'anomalyScore'], undefined, 'detail.anomalyScore'],
    [['detail', 'rootCauses'], { region: 'us-east-1' }, 'detail.rootCauses'],
    [['detail', 'rootCauses', 0, 'impact', 'contribution'], 'a lot', 'detail.rootCauses[0].impact.contribution'],
    [['detail', 'monitorArn'], 'arn:aws:ec2:us-east-1:123456789012:instance/i-0', 'detail.monitorArn'],
    [['account'], '1234', 'account'],
  ])('rejects an event whose %j is %j, naming %s', (path, value, field) => {
    // Act
    const error = rejected(detectedEventWithField(path, value));

    // Assess
    expect(error.fields).toContain(field);
    expect(error.message).toContain('Anomaly Detected event 4f8e3b6c-2d1a-4c5e-9b7f-0a1b2c3d4e5f');
  });

  it('rejects another kind of event and input that is no event at all', () => {
    // Act / Assess
    expect(rejected(detectedEventWithField(['source'], 'aws.ec2')).fields).toContain('source');
    expect(rejected(null).fields).toContain('(event)');
    expect(rejected('Anomaly Detected').fields).toContain('(event)');
  });
});
