/** The Forecast Step event: EventBridge-shaped, from the autopilot's source, timed on the second its schedule fires. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { describe, expect, it } from 'vitest';
import { followUpEvent } from '../../../layers/core/follow-up-event';
import { FORECAST_STEP_DETAIL_TYPE, FORECAST_STEP_SOURCE, forecastStepEvent } from '../../../layers/core/forecast-step-event';
import { scheduleSecond } from '../../../layers/core/scheduled-event';

const detail = { fleetId: 'fleet-0b1c2d3e', targetUnits: 640, effectiveAtMs: Date.UTC(2026, 2, 2, 7, 30), runId: 'forecast-20260302T071500Z' };

describe('forecastStepEvent', () => {
  it('builds an EventBridge event with the schedule name as id and a copy of the detail', () => {
    // Prepare
    const input = { name: 'step-0730', atMs: Date.UTC(2026, 2, 2, 7, 20), account: '444455556666', region: 'us-west-2', detail };

    // Act
    const event = forecastStepEvent(input);

    // Assess
    expect(EventBridgeSchema.parse(event)).toEqual({
      version: '0',
      id: 'step-0730',
      'detail-type': FORECAST_STEP_DETAIL_TYPE,
      source: FORECAST_STEP_SOURCE,
      account: '444455556666',
      time: '2026-03-02T07:20:00Z',
      region: 'us-west-2',
      resources: [],
      detail,
    });
    expect(event.detail).not.toBe(detail);
  });

  it('shares its source with the follow-ups and differs from them by detail-type', () => {
    // Act
    const step = forecastStepEvent({ name: 's', atMs: 0, account: '1', region: 'r', detail });
    const followUp = followUpEvent({ name: 'f', atMs: 0, account: '1', region: 'r', detail: { instanceId: 'i-0a', incidentId: 'spot-i-0a', purpose: 'drain-timeout' } });

    // Assess
    expect([step.source, step['detail-type']]).toEqual([followUp.source, 'Forecast Step']);
    expect(followUp['detail-type']).toBe('Incident Follow-up');
  });
});

describe('scheduleSecond', () => {
  it.each([
    [Date.UTC(2026, 2, 2, 7, 20, 0, 0), '2026-03-02T07:20:00'],
    [Date.UTC(2026, 2, 2, 7, 20, 0, 1), '2026-03-02T07:20:01'],
    [Date.UTC(2026, 2, 2, 23, 59, 59, 999), '2026-03-03T00:00:00'],
  ])('rounds %i up to the whole second %s', (atMs, expected) => {
    // Act + Assess
    expect(scheduleSecond(atMs)).toBe(expected);
  });
});
