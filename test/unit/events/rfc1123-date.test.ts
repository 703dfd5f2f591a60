// Strict RFC 1123 date parsing for AWS Health startTime/endTime.
import { describe, expect, it } from 'vitest';
import { parseRfc1123Date } from '../../../layers/events/rfc1123-date';

describe('parseRfc1123Date', () => {
  it.each([
    ['Sun, 05 Jun 2016 05:01:10 GMT', Date.UTC(2016, 5, 5, 5, 1, 10)],
    ['Sat, 11 Jun 2016 05:30:57 GMT', Date.UTC(2016, 5, 11, 5, 30, 57)],
    ['Mon, 29 Feb 2016 00:00:00 GMT', Date.UTC(2016, 1, 29)],
    ['Fri, 1 Jan 2021 23:59:59 GMT', Date.UTC(2021, 0, 1, 23, 59, 59)],
  ])('reads %j', (text, epochMs) => {
    expect(parseRfc1123Date(text)).toBe(epochMs);
  });

  it('accepts the day name of AWS samples even when it disagrees with the date (05 Jun 2016 was a Sunday)', () => {
    expect(parseRfc1123Date('Sat, 05 Jun 2016 15:10:09 GMT')).toBe(Date.UTC(2016, 5, 5, 15, 10, 9));
  });

  it('keeps a two-digit year as written instead of moving it to the 1900s', () => {
    expect(new Date(parseRfc1123Date('Thu, 01 Jan 0099 00:00:00 GMT') ?? Number.NaN).getUTCFullYear()).toBe(99);
  });

  it.each([
    'Sun, 29 Feb 2015 00:00:00 GMT',
    'Sat, 31 Apr 2016 00:00:00 GMT',
    'Sat, 05 jun 2016 15:10:09 GMT',
    'Sat, 05 Jun 2016 15:60:09 GMT',
    'Sat, 05 Jun 2016 15:10:60 GMT',
    'Sat, 05 Jun 16 15:10:09 GMT',
    'Sat, 05 Jun 2016 15:10 GMT',
    'Sat, 05 Jun 2016 15:10:09 +0000',
    'Sat, 00 Jun 2016 15:10:09 GMT',
    'Saturday, 05 Jun 2016 15:10:09 GMT',
    ' Sat, 05 Jun 2016 15:10:09 GMT',
    '2016-06-05T15:10:09Z',
    '',
  ])('rejects %j', (text) => {
    expect(parseRfc1123Date(text)).toBeUndefined();
  });
});
