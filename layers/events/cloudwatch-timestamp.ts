/** Strict parsing of the timestamps CloudWatch writes in alarm states: `2019-10-02T17:04:40.989+0000`. */
import { z } from 'zod';

// ISO 8601 date and time with an explicit zone. CloudWatch writes `+0000` (no colon); `Z` and `+00:00` are accepted
// too, so a timestamp re-serialized by other tooling still reads.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

const offsetMinutes = (zone: string): number | undefined => {
  if (zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(-2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
};

/**
 * Epoch milliseconds of a CloudWatch alarm timestamp, or `undefined` when the text is not one or names no real
 * instant (31 Feb, 24:00).
 *
 * @example `parseCloudWatchTimestamp('2019-10-02T17:04:40.989+0000') === Date.UTC(2019, 9, 2, 17, 4, 40, 989)`
 */
export const parseCloudWatchTimestamp = (text: string): number | undefined => {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction = '', zone = ''] = match;
  const [year, month, day, hour, minute, second] = [yearText, monthText, dayText, hourText, minuteText, secondText].map(Number);
  if (year === undefined || month === undefined || day === undefined || hour === undefined) return undefined;
  if (minute === undefined || second === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = offsetMinutes(zone);
  if (offset === undefined) return undefined;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  // Date rolls 31 Feb over into March; a roll-over means the date did not exist.
  if (instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== day) return undefined;
  return instant.getTime() - offset * 60_000;
};

/** A CloudWatch alarm timestamp, parsed to epoch milliseconds. */
export const CloudWatchTimestampSchema = z.string().transform((text, ctx) => {
  const epochMs = parseCloudWatchTimestamp(text);
  if (epochMs === undefined) {
    ctx.issues.push({ code: 'custom', input: text, message: 'expected a CloudWatch timestamp like "2019-10-02T17:04:40.989+0000"' });
    return z.NEVER;
  }
  return epochMs;
});
