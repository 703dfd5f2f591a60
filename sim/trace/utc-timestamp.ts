/** ISO-8601 timestamps of trace files to epoch ms and back; a date-time without a zone is read as UTC. */

// Date, then optional time with optional fraction, then an optional zone (Z, +hh:mm, +hhmm or +hh).
// A space may replace the T, as in CloudWatch console exports and `2014-07-01 00:00:00` style dumps.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Epoch ms of an ISO-8601 date or date-time, or undefined when `text` is not one.
 *
 * Accepted: `2014-07-01T04:00:00Z`, `2014-07-01T04:00:00+00:00`, `2014-07-01T00:00:00-04:00`,
 * `2014-07-01 04:00:00` and `2014-07-01T04:00` (no zone: UTC), `2014-07-01` (midnight UTC, for daily traces).
 * Fractions of a second beyond the millisecond are truncated.
 *
 * @example
 * ```ts
 * parseUtcTimestamp('2014-07-01T04:00:00Z'); // 1404187200000
 * parseUtcTimestamp('07/01/2014 04:00');     // undefined
 * ```
 */
export const parseUtcTimestamp = (text: string): number | undefined => {
  const m = ISO_8601.exec(text);
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11] ?? 0)];
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
};

/** `2014-07-01T05:00:00Z` (milliseconds shown only when there are some), for messages. */
export const formatUtc = (epochMs: number): string => new Date(epochMs).toISOString().replace('.000Z', 'Z');
