// The cost-anomaly function's edge: alerts in both formats, the spend-check schedule, other events and garbage.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCostAnomalyTrigger } from '../../../layers/events/cost-anomaly-trigger';
import { EventParseError } from '../../../layers/events/errors';
import { costAnomalyDetectedEvent, costAnomalySnsEvent, snsEventWithMessage } from '../../fixtures/events/cost-anomaly-factories';
import { withField, type JsonObject } from '../../fixtures/events/factories';

const RECEIVED_MS = Date.UTC(2021, 4, 26, 6, 5);
const fixture = (name: string): JsonObject => JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}`, import.meta.url), 'utf8')) as JsonObject;

describe('parseCostAnomalyTrigger', () => {
  it('reads the EventBridge alert as one anomaly under the event id', () => {
    // Act
    const result = parseCostAnomalyTrigger(costAnomalyDetectedEvent(), RECEIVED_MS);

    // Assess
    expect(result).toMatchObject({ ok: true, trigger: { kind: 'anomalies', eventId: '4f8e3b6c-2d1a-4c5e-9b7f-0a1b2c3d4e5f', anomalies: [{ anomalyId: '12345678-abcd-ef12-3456-987654321a12', via: 'eventbridge', receivedAtMs: RECEIVED_MS }] } });
  });

  it('reads the SNS alert under the SNS message id', () => {
    // Act
    const result = parseCostAnomalyTrigger(costAnomalySnsEvent(), RECEIVED_MS);

    // Assess
    expect(result).toMatchObject({ ok: true, trigger: { kind: 'anomalies', eventId: '52ed5e3d-5fgf-56bf-923d-0e5c3b503c2a', anomalies: [{ via: 'sns' }] } });
  });

  it('reads the schedule rule as a spend check at its time', () => {
    // Act
    const result = parseCostAnomalyTrigger(fixture('scheduled-event.json'), RECEIVED_MS);

    // Assess
    expect(result).toEqual({ ok: true, trigger: { kind: 'spend-check', eventId: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa', emittedAtMs: Date.UTC(2015, 9, 8, 16, 53, 6) } });
  });

  it.each([
    ['an SNS test message', snsEventWithMessage('Hello from the SNS console'), /./],
    ['another EventBridge event', fixture('spot-interruption-warning.json'), /no cost-anomaly trigger for source "?aws.ec2"?/],
  ])('acknowledges %s as ignored', (_, event, reason) => {
    // Act
    const result = parseCostAnomalyTrigger(event, RECEIVED_MS);

    // Assess
    expect(result.ok && result.trigger.kind).toBe('ignored');
    if (result.ok && result.trigger.kind === 'ignored') expect(result.trigger.reason).toMatch(reason);
  });

  it.each([
    ['a string', 'Anomaly Detected', '(event)'],
    ['a schedule event without its time', withField(fixture('scheduled-event.json'), ['time'], 7), 'time'],
    ['an EventBridge event without a detail-type', withField(fixture('spot-interruption-warning.json'), ['detail-type'], 3), 'detail-type'],
  ])('rejects %s naming the field', (_, event, field) => {
    // Act
    const result = parseCostAnomalyTrigger(event, RECEIVED_MS);

    // Assess
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(EventParseError);
      expect(result.error.fields).toContain(field);
    }
  });
});
