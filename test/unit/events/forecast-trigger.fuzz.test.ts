// parseForecastTrigger never throws: fast-check over damaged real fixtures and arbitrary values.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventParseError } from '../../../layers/events/errors';
import { parseForecastTrigger, type ForecastTriggerResult } from '../../../layers/events/forecast-trigger';
import { withField, withoutField, type JsonObject } from '../../fixtures/events/factories';

const fixture = (name: 'scheduled-event' | 'forecast-step'): JsonObject =>
  JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}.json`, import.meta.url), 'utf8')) as JsonObject;

/** Every result is a trigger or a non-retryable EventParseError with a message, whatever went in. */
const assertWellFormed = (result: ForecastTriggerResult): void => {
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(EventParseError);
    expect(result.error.retryable).toBe(false);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.fields.length).toBeGreaterThan(0);
    return;
  }
  const { trigger } = result;
  if (trigger.kind === 'ignored') {
    expect(trigger.reason.length).toBeGreaterThan(0);
    return;
  }
  expect(typeof trigger.eventId).toBe('string');
  expect(Number.isFinite(trigger.emittedAtMs)).toBe(true);
  if (trigger.kind === 'forecast-step') {
    expect(trigger.fleetId).toMatch(/^fleet-[0-9a-f-]+$/);
    expect(Number.isInteger(trigger.targetUnits) && trigger.targetUnits >= 0).toBe(true);
    expect(Number.isInteger(trigger.effectiveAtMs) && trigger.effectiveAtMs > 0).toBe(true);
  }
};

describe('parseForecastTrigger under fuzzing', () => {
  const paths = [['id'], ['time'], ['version'], ['source'], ['detail-type'], ['resources'], ['detail'],
    ['detail', 'fleetId'], ['detail', 'targetUnits'], ['detail', 'effectiveAtMs'], ['detail', 'runId']] as const;
  const damagedArb = fc.record({
    base: fc.constantFrom('scheduled-event' as const, 'forecast-step' as const),
    edits: fc.array(
      fc.record({ path: fc.constantFrom(...paths), value: fc.oneof(fc.anything({ maxDepth: 2 }), fc.integer(), fc.double(), fc.string()), drop: fc.boolean() }),
      { minLength: 1, maxLength: 4 },
    ),
  }).map(({ base, edits }) =>
    edits.reduce<JsonObject>((event, edit) => {
      const parent = edit.path.length > 1 ? event.detail : event;
      if (typeof parent !== 'object' || parent === null) return event;
      return edit.drop ? withoutField(event, edit.path) : withField(event, edit.path, edit.value);
    }, fixture(base)),
  );

  it('never throws on damaged fixtures, and rejects only with a named field', () => {
    fc.assert(fc.property(damagedArb, (raw) => assertWellFormed(parseForecastTrigger(raw))), { numRuns: 3_000 });
  });

  it('never throws on arbitrary values', () => {
    const anyValueArb = fc.anything({ maxDepth: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true, withSparseArray: true, withTypedArray: true });
    fc.assert(fc.property(anyValueArb, (raw) => assertWellFormed(parseForecastTrigger(raw))), { numRuns: 2_000 });
  });

  it('accepts every well-formed step and keeps its numbers exactly', () => {
    const hex = fc.constantFrom(...'0123456789abcdef-');
    fc.assert(
      fc.property(
        fc.string({ unit: hex, minLength: 1, maxLength: 36 }),
        fc.nat({ max: 1_000_000 }),
        fc.integer({ min: 1, max: 4_102_444_800_000 }),
        (suffix, targetUnits, effectiveAtMs) => {
          // Prepare
          const raw = withField(fixture('forecast-step'), ['detail'], { fleetId: `fleet-${suffix}`, targetUnits, effectiveAtMs, runId: 'run-1' });

          // Act
          const result = parseForecastTrigger(raw);

          // Assess
          expect(result).toMatchObject({ ok: true, trigger: { kind: 'forecast-step', fleetId: `fleet-${suffix}`, targetUnits, effectiveAtMs } });
        },
      ),
      { numRuns: 300 },
    );
  });
});
