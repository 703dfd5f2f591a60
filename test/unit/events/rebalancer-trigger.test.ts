// The rebalancer's edge: the schedule rule's Scheduled Event and our Replacement Step parse; anything else is named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replacementStepEvent } from '../../../layers/core/rebalancer/replacement-step-event';
import { parseRebalanceTrigger, type RebalanceTriggerResult } from '../../../layers/events/rebalancer-trigger';
import { withField, type JsonObject } from '../../fixtures/events/factories';

const fixture = (name: 'scheduled-event' | 'replacement-step' | 'forecast-step'): JsonObject =>
  JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}.json`, import.meta.url), 'utf8')) as JsonObject;

const errorOf = (result: RebalanceTriggerResult) => {
  if (result.ok) throw new Error(`expected an error, got a ${result.trigger.kind} trigger`);
  return result.error;
};

describe('parseRebalanceTrigger', () => {
  it("reads the schedule rule's Scheduled Event as a run over every fleet", () => {
    // Act
    const result = parseRebalanceTrigger(fixture('scheduled-event'));
    // Assess
    expect(result).toEqual({ ok: true, trigger: { kind: 'scheduled-run', eventId: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa', emittedAtMs: Date.UTC(2015, 9, 8, 16, 53, 6) } });
  });

  it('reads a Replacement Step with its fleet, move and check, as the schedule builds it', () => {
    // Prepare
    const raw = fixture('replacement-step');
    const built = replacementStepEvent({ name: String(raw.id), atMs: Date.UTC(2026, 2, 1, 12, 7), account: '123456789012', region: 'us-east-1', detail: raw.detail as never });
    // Act
    const result = parseRebalanceTrigger(raw);
    // Assess
    expect(built).toEqual(raw);
    expect(result).toEqual({
      ok: true,
      trigger: {
        kind: 'replacement-step',
        eventId: 'rb-i-00000000000000000-1772366400000-2',
        emittedAtMs: Date.UTC(2026, 2, 1, 12, 7),
        detail: { fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f', moveId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f:rebalance:i-00000000000000000', check: 2 },
      },
    });
  });

  it('rejects a Replacement Step whose detail fails its schema, naming the field, never retryable', () => {
    // Act
    const error = errorOf(parseRebalanceTrigger(withField(fixture('replacement-step'), ['detail', 'check'], -1)));
    // Assess
    expect(error).toMatchObject({ retryable: false, eventId: 'rb-i-00000000000000000-1772366400000-2', detailType: 'Replacement Step', fields: ['detail.check'] });
  });

  it('acknowledges another EventBridge event as ignored, and rejects what is not one', () => {
    // Act
    const other = parseRebalanceTrigger(fixture('forecast-step'));
    const notAnEvent = parseRebalanceTrigger('rebalance now');
    const noEnvelope = parseRebalanceTrigger({ hello: 'world' });
    // Assess
    expect(other).toMatchObject({ ok: true, trigger: { kind: 'ignored', reason: expect.stringMatching(/Forecast Step/) } });
    expect(errorOf(notAnEvent).fields).toEqual(['(event)']);
    expect(errorOf(noEnvelope).retryable).toBe(false);
  });
});
