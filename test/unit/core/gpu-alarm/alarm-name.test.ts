// The alarm naming contract: names built for infra parse back to the same fleet and kind, others do not parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alarmNameOf, MAX_ALARM_NAME_LENGTH, parseAlarmName } from '../../../../layers/core/gpu-alarm/alarm-name';
import { GPU_ALARM_KINDS } from '../../../../layers/core/gpu-alarm/gpu-alarm-signal';

const PREFIX = 'gpu-fleet-autopilot-dev';

/** Serverless `${service}-${stage}`: letters, digits and hyphens, never a dot. */
const prefixArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,60}$/);
/** Fleet names as the fleets file allows them: 1..64 characters of anything, dots included. */
const fleetNameArb = fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme-ascii' });
const kindArb = fc.constantFrom(...GPU_ALARM_KINDS);

describe('alarmNameOf', () => {
  it('joins the stack prefix, the fleet name and the kind with dots', () => {
    // Act
    const name = alarmNameOf(PREFIX, 'bert-large-search', 'gpu-low');

    // Assess
    expect(name).toBe('gpu-fleet-autopilot-dev.bert-large-search.gpu-low');
  });
});

describe('parseAlarmName', () => {
  it('reads back the prefix, fleet and kind of a name it made', () => {
    // Act
    const parts = parseAlarmName('gpu-fleet-autopilot-dev.bert-large-search.gpu-memory-high');

    // Assess
    expect(parts).toEqual({ prefix: PREFIX, fleetName: 'bert-large-search', kind: 'gpu-memory-high' });
  });

  it('keeps dots inside the fleet name', () => {
    // Act
    const parts = parseAlarmName(alarmNameOf(PREFIX, 'llama.3.1-70b', 'gpu-high'));

    // Assess
    expect(parts).toEqual({ prefix: PREFIX, fleetName: 'llama.3.1-70b', kind: 'gpu-high' });
  });

  it.each([
    ['a name without dots', 'my-cpu-alarm'],
    ['an unknown kind', `${PREFIX}.bert-large-search.cpu-high`],
    ['an empty fleet name', `${PREFIX}..gpu-low`],
    ['an empty prefix', '.bert-large-search.gpu-low'],
    ['only a prefix and a kind', `${PREFIX}.gpu-low`],
    ['a kind with a different case', `${PREFIX}.bert-large-search.GPU-LOW`],
    ['a name longer than CloudWatch allows', `${PREFIX}.${'x'.repeat(MAX_ALARM_NAME_LENGTH)}.gpu-low`],
    ['an empty string', ''],
  ])('returns undefined for %s', (_label, name) => {
    // Act
    const parts = parseAlarmName(name);

    // Assess
    expect(parts).toBeUndefined();
  });

  it('round-trips every prefix, fleet name and kind (property)', () => {
    fc.assert(
      fc.property(prefixArb, fleetNameArb, kindArb, (prefix, fleetName, kind) => {
        // Act
        const parts = parseAlarmName(alarmNameOf(prefix, fleetName, kind));

        // Assess
        expect(parts).toEqual({ prefix, fleetName, kind });
      }),
    );
  });

  it('never throws and only accepts names ending in a known kind (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        // Act
        const parts = parseAlarmName(name);

        // Assess
        if (parts) expect(name.endsWith(`.${parts.kind}`)).toBe(true);
      }),
    );
  });
});
