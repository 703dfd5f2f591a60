/** Strict parsing of the RFC 1123 dates AWS Health puts in `startTime`/`endTime` ("Sat, 05 Jun 2016 15:10:09 GMT"). */
import { z } from 'zod';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Day name, 1-2 digit day, month name, 4-digit year, hh:mm:ss, and only the GMT zone: the form AWS documents.
const RFC1123_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * Epoch milliseconds of an RFC 1123 date, or `undefined` when the text is not one or names no real instant
 * (31 Feb, 25:00). The day name is required but not checked against the date: AWS's own documented Health sample
 * says "Sat, 05 Jun 2016", a Sunday, and the date itself is what matters.
 *
 * @example `parseRfc1123Date('Sat, 05 Jun 2016 15:10:09 GMT') === Date.UTC(2016, 5, 5, 15, 10, 9)`
 */
export const parseRfc1123Date = (text: string): number | undefined => {
  const match = RFC1123_DATE.exec(text);
  if (!match) return undefined;
  const [, dayText, monthText, yearText, hourText, minuteText, secondText] = match;
  const month = MONTHS.indexOf(monthText ?? '');
  const [day, year, hour, minute, second] = [dayText, yearText, hourText, minuteText, secondText].map(Number);
  if (month < 0 || day === undefined || year === undefined || hour === undefined) return undefined;
  if (minute === undefined || second === undefined) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month, day);
  instant.setUTCHours(hour, minute, second, 0);
  // Date rolls 31 Feb over into March; a roll-over means the date did not exist.
  if (instant.getUTCMonth() !== month || instant.getUTCDate() !== day) return undefined;
  return instant.getTime();
};

/** An RFC 1123 date string, parsed to epoch milliseconds. */
export const Rfc1123DateSchema = z.string().transform((text, ctx) => {
  const epochMs = parseRfc1123Date(text);
  if (epochMs === undefined) {
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: 'expected an RFC 1123 date like "Sat, 05 Jun 2016 15:10:09 GMT"',
    });
    return z.NEVER;
  }
  return epochMs;
});
