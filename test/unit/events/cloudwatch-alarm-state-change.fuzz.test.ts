// parseGpuAlarmEvent never throws: fast-check over damaged documented samples, generated states and arbitrary values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alarmNameOf } from '../../../layers/core/gpu-alarm/alarm-name';
import { GPU_ALARM_KINDS, type GpuAlarmKind } from '../../../layers/core/gpu-alarm/gpu-alarm-signal';
import { parseGpuAlarmEvent, type GpuAlarmParseResult } from '../../../layers/events/cloudwatch-alarm-state-change';
import { EventParseError } from '../../../layers/events/errors';
import {
  METRIC_ALARM_FIXTURES,
  PREFIX,
  alarmFixture,
  asOurAlarm,
  damagedOurAlarmArb,
  withState,
} from '../../fixtures/events/cloudwatch-alarm-factories';

const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** What every result must look like, whatever went in. */
const assertWellFormed = (result: GpuAlarmParseResult): void => {
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(EventParseError);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.retryable).toBe(false);
    return;
  }
  if ('ignored' in result) {
    expect(result.ignored.length).toBeGreaterThan(0);
    return;
  }
  const { signal } = result;
  expect(signal.alarmName).toBe(alarmNameOf(PREFIX, signal.fleetName, signal.kind));
  expect(signal.alarmArn.endsWith(`:alarm:${signal.alarmName}`)).toBe(true);
  expect(STATES).toContain(signal.state);
  expect(STATES).toContain(signal.previousState);
  expect(Number.isFinite(signal.emittedAtMs) && Number.isFinite(signal.stateChangedAtMs)).toBe(true);
  if (signal.value !== undefined) expect(Number.isFinite(signal.value)).toBe(true);
  if (signal.threshold !== undefined) expect(Number.isFinite(signal.threshold)).toBe(true);
};

const anyValueArb = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** reasonData as CloudWatch writes it, and as a damaged or foreign producer might. */
const reasonDataArb = fc.oneof(
  fc.record({ recentDatapoints: fc.array(fc.double(), { maxLength: 5 }), threshold: fc.double() }, { requiredKeys: [] }).map((d) => JSON.stringify(d)),
  fc.json(),
  fc.string(),
  fc.constant(undefined),
);

describe('parseGpuAlarmEvent under fuzzing', () => {
  it('never throws on damaged samples of our alarms, and returns a signal, an acknowledgement or an EventParseError', () => {
    fc.assert(
      fc.property(damagedOurAlarmArb, (raw) => {
        assertWellFormed(parseGpuAlarmEvent(raw, PREFIX));
      }),
      { numRuns: 1_500 },
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(anyValueArb, (raw) => {
        assertWellFormed(parseGpuAlarmEvent(raw, PREFIX));
      }),
      { numRuns: 1_500 },
    );
  });

  it('never throws on an object whose getters throw', () => {
    // Prepare
    const hostile = new Proxy(alarmFixture('state-change'), {
      get: () => {
        throw new Error('boom');
      },
    });

    // Act
    const result = parseGpuAlarmEvent(hostile, PREFIX);

    // Assess
    expect(result.ok).toBe(false);
  });

  it('reads every state pair and reasonData of our alarms into a signal with the right fleet and kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...METRIC_ALARM_FIXTURES),
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.constantFrom<GpuAlarmKind>(...GPU_ALARM_KINDS),
        fc.constantFrom(...STATES),
        reasonDataArb,
        (name, fleetName, kind, value, reasonData) => {
          // Prepare
          const event = withState(asOurAlarm(alarmFixture(name), fleetName, kind), { value, reasonData });

          // Act
          const result = parseGpuAlarmEvent(event, PREFIX);

          // Assess
          assertWellFormed(result);
          expect(result).toMatchObject({ ok: true, signal: { fleetName, kind, state: value } });
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
