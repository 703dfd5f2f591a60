// CloudWatch alarm timestamps (`2019-10-02T17:04:40.989+0000`): the documented form, its near forms, and non-dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudWatchTimestamp } from '../../../layers/events/cloudwatch-timestamp';

describe('parseCloudWatchTimestamp', () => {
  it.each([
    ['2019-10-02T17:04:40.989+0000', Date.UTC(2019, 9, 2, 17, 4, 40, 989)],
    ['2019-10-02T17:04:40.989Z', Date.UTC(2019, 9, 2, 17, 4, 40, 989)],
    ['2019-10-02T17:04:40+00:00', Date.UTC(2019, 9, 2, 17, 4, 40)],
    ['2019-10-02T19:04:40.5+0200', Date.UTC(2019, 9, 2, 17, 4, 40, 500)],
    ['2019-10-02T12:04:40.123456-0500', Date.UTC(2019, 9, 2, 17, 4, 40, 123)],
    ['2024-02-29T00:00:00.000+0000', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, expected) => {
    // Act
    const ms = parseCloudWatchTimestamp(text);

    // Assess
    expect(ms).toBe(expected);
  });

  it.each([
    ['a date without a time', '2019-10-02'],
    ['no zone', '2019-10-02T17:04:40.989'],
    ['the state reason date form', '02/10/19 17:04:40'],
    ['30 February', '2019-02-30T17:04:40.989+0000'],
    ['29 February of a common year', '2023-02-29T00:00:00.000+0000'],
    ['hour 24', '2019-10-02T24:00:00.000+0000'],
    ['a zone beyond 23 hours', '2019-10-02T17:04:40.989+2400'],
    ['an empty string', ''],
  ])('rejects %s', (_label, text) => {
    // Act
    const ms = parseCloudWatchTimestamp(text);

    // Assess
    expect(ms).toBeUndefined();
  });

  it('reads back every instant written the way CloudWatch writes it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        // Act
        const text = new Date(ms).toISOString().replace('Z', '+0000');

        // Assess
        expect(parseCloudWatchTimestamp(text)).toBe(ms);
      }),
    );
  });
});
