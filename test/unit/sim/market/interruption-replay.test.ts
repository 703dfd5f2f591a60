// parseInterruptionReplay: comments, header, optional fields, time order, and errors that name line and field.
import { describe, expect, it } from 'vitest';
import { InterruptionReplayError, parseInterruptionReplay } from '../../../../sim/market/interruption-replay';

const FILE = [
  '# game day 2026-03-02: two reclaims in us-east-1a, then one anywhere',
  'timestamp,instance_type,availability_zone',
  '2026-03-02T15:00:00Z',
  '',
  '2026-03-02T14:05:00Z,g5.xlarge,us-east-1a',
  '2026-03-02T14:05:00.500Z,,use1-az4',
  '2026-03-02T16:30:00+01:00,g4dn.xlarge',
].join('\n');

const errorOf = (text: string): InterruptionReplayError => {
  try {
    parseInterruptionReplay(text, 'drill.csv');
  } catch (error) {
    if (error instanceof InterruptionReplayError) return error;
    throw error;
  }
  throw new Error('expected an InterruptionReplayError');
};

describe('parseInterruptionReplay', () => {
  it('reads times with optional type and zone, skipping comments, blanks and the header, in time order', () => {
    // Prepare / Act
    const entries = parseInterruptionReplay(FILE, 'drill.csv');
    // Assess
    expect(entries).toEqual([
      { atMs: Date.UTC(2026, 2, 2, 14, 5), instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', line: 5 },
      { atMs: Date.UTC(2026, 2, 2, 14, 5, 0, 500), availabilityZone: 'use1-az4', line: 6 },
      { atMs: Date.UTC(2026, 2, 2, 15, 0), line: 3 },
      { atMs: Date.UTC(2026, 2, 2, 15, 30), instanceType: 'g4dn.xlarge', line: 7 },
    ]);
  });

  it('accepts Windows line ends and a file of comments only', () => {
    // Prepare / Act / Assess
    expect(parseInterruptionReplay('2026-03-02T14:05:00Z,g5.xlarge\r\n', 'crlf.csv')).toEqual([{ atMs: Date.UTC(2026, 2, 2, 14, 5), instanceType: 'g5.xlarge', line: 1 }]);
    expect(parseInterruptionReplay('# nothing this time\n', 'empty.csv')).toEqual([]);
  });

  it.each([
    ['2026-03-02 14:05:00', 'timestamp', /not an ISO-8601 time with a zone/],
    ['2026-03-02T14:05:00', 'timestamp', /with a zone/],
    ['2026-02-30T12:00:00Z', 'timestamp', /'2026-02-30T12:00:00Z'/],
    ['2026-03-02T25:00:00Z', 'timestamp', /'2026-03-02T25:00:00Z'/],
    ['1772460300', 'timestamp', /ISO-8601/],
    ['2026-03-02T14:05:00Z,G5 xlarge', 'instance_type', /not an instance type/],
    ['2026-03-02T14:05:00Z,g5.xlarge,east', 'availability_zone', /not an availability zone/],
    ['2026-03-02T14:05:00Z,g5.xlarge,us-east-1a,extra', 'line', /4 fields, expected at most 3/],
  ] as const)('rejects %j naming line and field %s', (bad, field, message) => {
    // Prepare
    const text = `# header comment\n2026-03-02T13:00:00Z\n${bad}\n`;
    // Act
    const error = errorOf(text);
    // Assess
    expect(error.line).toBe(3);
    expect(error.field).toBe(field);
    expect(error.source).toBe('drill.csv');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(new RegExp(`^drill\\.csv:3: ${field}: `));
    expect(error.message).toMatch(message);
  });
});
