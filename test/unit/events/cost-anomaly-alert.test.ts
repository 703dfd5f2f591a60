// parseCostAnomalyAlert: either Cost Anomaly Detection format to anomalies; anything else left to the caller.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCostAnomalyAlert } from '../../../layers/events/cost-anomaly-alert';
import { NotACostAnomalyError } from '../../../layers/events/cost-anomaly-sns';
import {
  costAnomalyDetectedEvent,
  costAnomalySnsEvent,
  detectedEventWithField,
  snsEventWithMessage,
} from '../../fixtures/events/cost-anomaly-factories';
import { eventFixture } from '../../fixtures/events/factories';

const NOW_MS = Date.UTC(2021, 4, 26, 6, 5);

describe('parseCostAnomalyAlert', () => {
  it('reads the EventBridge event and the SNS event as the same anomaly, each saying how it came', () => {
    // Act
    const results = [costAnomalyDetectedEvent(), costAnomalySnsEvent()].map((raw) => parseCostAnomalyAlert(raw, NOW_MS));

    // Assess
    expect(results.map((r) => r?.ok && r.anomalies.map((a) => [a.anomalyId, a.via]))).toEqual([
      [['12345678-abcd-ef12-3456-987654321a12', 'eventbridge']],
      [['12345678-abcd-ef12-3456-987654321a12', 'sns']],
    ]);
  });

  it('passes on the rejection of a malformed alert in either format', () => {
    // Act
    const detected = parseCostAnomalyAlert(detectedEventWithField(['detail', 'impact'], 'big'), NOW_MS);
    const sns = parseCostAnomalyAlert(snsEventWithMessage('Hello from SNS!'), NOW_MS);

    // Assess
    expect(detected?.ok === false && detected.error.fields).toContain('detail.impact');
    expect(sns?.ok === false && sns.error).toBeInstanceOf(NotACostAnomalyError);
  });

  it('leaves inputs in neither format to the caller, a schedule rule event among them', () => {
    // Act / Assess
    expect(parseCostAnomalyAlert(eventFixture('spot-interruption-warning'), NOW_MS)).toBeUndefined();
    expect(parseCostAnomalyAlert({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }, NOW_MS)).toBeUndefined();
    expect(parseCostAnomalyAlert(undefined, NOW_MS)).toBeUndefined();
  });

  it('never throws, whatever the input', () => {
    // Act / Assess
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        expect(() => parseCostAnomalyAlert(raw, NOW_MS)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseCostAnomalyAlert on unreadable input', () => {
  it('rejects an input whose fields throw when read, rather than throwing', () => {
    // Prepare
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no reading');
        },
      },
    );

    // Act
    const result = parseCostAnomalyAlert(hostile, NOW_MS);

    // Assess
    expect(result?.ok === false && result.error.fields).toEqual(['(event)']);
  });
});
