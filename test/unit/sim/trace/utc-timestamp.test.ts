// ISO-8601 timestamps as trace files and CloudWatch exports write them, read as UTC when they carry no zone.
import { describe, expect, it } from 'vitest';
import { formatUtc, parseUtcTimestamp } from '../../../../sim/trace/utc-timestamp';

const FIVE_PAST = Date.UTC(2026, 10, 1, 0, 5, 0);

describe('parseUtcTimestamp', () => {
  it.each([
    ['2026-11-01T00:05:00Z'],
    ['2026-11-01T00:05:00.000Z'],
    ['2026-11-01T00:05:00+00:00'],
    ['2026-11-01T00:05:00+0000'],
    ['2026-10-31T20:05:00-04:00'],
    ['2026-11-01 00:05:00'],
    ['2026-11-01T00:05'],
    ['2026-11-01T00:05:00z'],
  ])('reads %s as 2026-11-01T00:05:00Z', (text) => {
    // Act / Assess
    expect(parseUtcTimestamp(text)).toBe(FIVE_PAST);
  });

  it('reads a bare date as midnight UTC, for daily traces', () => {
    // Act / Assess
    expect(parseUtcTimestamp('2014-07-01')).toBe(Date.UTC(2014, 6, 1));
  });

  it('keeps milliseconds and truncates finer digits, as in the Azure trace', () => {
    // Act / Assess
    expect(parseUtcTimestamp('2023-11-16 18:17:03.9799600')).toBe(Date.UTC(2023, 10, 16, 18, 17, 3, 979));
  });

  it.each([
    ['07/01/2014 00:00'],
    ['2014-13-01T00:00:00Z'],
    ['2014-02-30T00:00:00Z'],
    ['2014-07-01T24:00:00Z'],
    ['2014-07-01T00:60:00Z'],
    ['2014-07-01T00:00:00+25:00'],
    ['1404172800'],
    [''],
    ['2014-07-01T00:00:00 EDT'],
  ])('rejects %j', (text) => {
    // Act / Assess
    expect(parseUtcTimestamp(text)).toBeUndefined();
  });
});

describe('formatUtc', () => {
  it('writes whole seconds without milliseconds and keeps them when present', () => {
    // Act / Assess
    expect(formatUtc(FIVE_PAST)).toBe('2026-11-01T00:05:00Z');
    expect(formatUtc(FIVE_PAST + 250)).toBe('2026-11-01T00:05:00.250Z');
  });
});
