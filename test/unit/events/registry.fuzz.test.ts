// parseEvent never throws: fast-check over mutated real fixtures, generated envelopes and arbitrary values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../../layers/core/signals';
import { EventParseError } from '../../../layers/events/errors';
import { INSTANCE_ID_PATTERN } from '../../../layers/events/instance-id';
import { parseEvent, type ParseResult } from '../../../layers/events/registry';
import { spotWarning } from '../../fixtures/events/factories';
import { mutatedEventArb } from '../../fixtures/events/mutations';

const SIGNAL_KINDS: ReadonlySet<Signal['kind']> = new Set([
  'spot-interruption-warning',
  'rebalance-recommendation',
  'instance-state-change',
  'scheduled-change',
  'incident-follow-up',
  'noop',
]);

const KNOWN_KINDS = [
  ['aws.ec2', 'EC2 Spot Instance Interruption Warning'],
  ['aws.ec2', 'EC2 Instance Rebalance Recommendation'],
  ['aws.ec2', 'EC2 Instance State-change Notification'],
  ['aws.health', 'AWS Health Event'],
  ['gpu-fleet-autopilot', 'Incident Follow-up'],
] as const;

// Detail keys the parsers read, so that generated details sometimes come close to valid.
const DETAIL_KEYS = ['instance-id', 'instance-action', 'state', 'service', 'eventTypeCategory', 'eventTypeCode',
  'startTime', 'endTime', 'affectedEntities', 'eventArn', 'instanceId', 'purpose'];

const isoTimeArb = fc
  .date({ min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Envelopes of known kinds (and near them) with random, possibly missing, fields and details. */
const generatedEnvelopeArb = fc
  .record(
    {
      version: fc.constantFrom('0', '0', '0', '1', 0, ''),
      id: fc.oneof(fc.uuid(), fc.string()),
      kind: fc.oneof(fc.constantFrom(...KNOWN_KINDS), fc.tuple(fc.string(), fc.string())),
      account: fc.oneof(fc.constant('123456789012'), fc.string()),
      time: fc.oneof(isoTimeArb, fc.string()),
      region: fc.constantFrom('us-east-1', 'eu-west-1', ''),
      resources: fc.array(fc.string(), { maxLength: 3 }),
      detail: fc.oneof(
        fc.dictionary(fc.constantFrom(...DETAIL_KEYS), fc.oneof(fc.string(), fc.anything({ maxDepth: 2 }))),
        fc.anything({ maxDepth: 3 }),
      ),
    },
    { requiredKeys: [] },
  )
  .map(({ kind, ...rest }) => (kind === undefined ? rest : { ...rest, source: kind[0], 'detail-type': kind[1] }));

/** Any JavaScript value at all, including null-prototype objects, BigInt, Map, typed and sparse arrays. */
const anyValueArb = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** What every result must look like, whatever went in. */
const assertWellFormed = (result: ParseResult): void => {
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(EventParseError);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.retryable).toBe(false);
    return;
  }
  const { signal } = result;
  expect(SIGNAL_KINDS.has(signal.kind)).toBe(true);
  expect(typeof signal.eventId).toBe('string');
  expect(Number.isFinite(signal.emittedAtMs)).toBe(true);
  if (signal.kind === 'noop') expect(signal.reason.length).toBeGreaterThan(0);
  if ('instanceId' in signal) expect(signal.instanceId).toMatch(INSTANCE_ID_PATTERN);
  if (signal.kind === 'scheduled-change') {
    expect(signal.instanceIds.length).toBeGreaterThan(0);
    expect(Number.isFinite(signal.startMs)).toBe(true);
  }
  if (signal.kind === 'spot-interruption-warning') {
    expect([0, 120_000]).toContain(signal.deadlineMs - signal.emittedAtMs);
  }
};

describe('parseEvent under fuzzing', () => {
  it('never throws on mutated real events, and returns a signal or an EventParseError with a message', () => {
    fc.assert(
      fc.property(mutatedEventArb, (raw) => {
        assertWellFormed(parseEvent(raw));
      }),
      { numRuns: 6_000 },
    );
  });

  it('never throws on generated envelopes of known and unknown kinds', () => {
    fc.assert(
      fc.property(generatedEnvelopeArb, (raw) => {
        assertWellFormed(parseEvent(raw));
      }),
      { numRuns: 3_000 },
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(anyValueArb, (raw) => {
        assertWellFormed(parseEvent(raw));
      }),
      { numRuns: 2_000 },
    );
  });

  it('parses every valid spot warning with the documented deadline', () => {
    const hex = fc.constantFrom(...'0123456789abcdef');
    const instanceIdArb = fc
      .oneof(fc.string({ unit: hex, minLength: 8, maxLength: 8 }), fc.string({ unit: hex, minLength: 17, maxLength: 17 }))
      .map((digits) => `i-${digits}`);
    fc.assert(
      fc.property(instanceIdArb, fc.constantFrom('terminate', 'stop', 'hibernate'), isoTimeArb, (instanceId, action, time) => {
        // Act
        const result = parseEvent(spotWarning({ instanceId, action, time }));

        // Assess
        expect(result).toMatchObject({ ok: true, signal: { kind: 'spot-interruption-warning', instanceId, action } });
        const lead = action === 'hibernate' ? 0 : 120_000;
        expect(result.ok && result.signal.kind === 'spot-interruption-warning' && result.signal.deadlineMs).toBe(
          Date.parse(time) + lead,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseEvent on pathological input', () => {
  const deep = (depth: number): unknown => {
    let value: unknown = 'i-0b662ef9931388ba0';
    for (let i = 0; i < depth; i += 1) value = { 'instance-id': value };
    return value;
  };

  it.each([
    ['10,000 levels of nesting as the detail', { ...spotWarning(), detail: deep(10_000) }],
    ['10,000 levels of nesting as the event', deep(10_000)],
    ['200,000 resources', { ...spotWarning(), resources: Array<string>(200_000).fill('arn:aws:ec2:us-east-1b:instance/i-0b662ef9931388ba0') }],
    ['a 5 MB instance id', spotWarning({ instanceId: `i-${'0'.repeat(5_000_000)}` })],
    ['100,000 extra detail keys', { ...spotWarning(), detail: { ...Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])), 'instance-id': 'i-0b662ef9931388ba0', 'instance-action': 'stop' } }],
  ])('returns a well-formed result for %s', (_what, raw) => {
    assertWellFormed(parseEvent(raw));
  });

  it('returns a well-formed result for a cyclic event', () => {
    // Prepare
    const raw: Record<string, unknown> = spotWarning();
    raw.detail = raw;

    // Act
    const result = parseEvent(raw);

    // Assess
    assertWellFormed(result);
    expect(result.ok).toBe(false);
  });
});
