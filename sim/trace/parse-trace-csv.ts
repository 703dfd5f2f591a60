/** Parse a demand trace CSV (`timestamp,value[,ignored...]`) into TracePoints, naming the line and field of any fault. */
import { TraceError } from './trace-error';
import type { TracePoints } from './trace-points';
import { traceSpacing } from './trace-resolution';
import { formatUtc, parseUtcTimestamp } from './utc-timestamp';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

// Console exports quote their fields; no field of ours can hold a comma, so stripping the quotes is enough.
const unquote = (field: string): string => {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
};

const isNumber = (text: string): boolean => DECIMAL.test(text);

/**
 * Read a trace: one line per interval, `timestamp,value`, further columns ignored.
 *
 * - `timestamp`: start of the interval, ISO-8601 (`2014-07-01T04:00:00Z`, `+00:00`, any offset); a date-time
 *   without a zone (`2014-07-01 04:00:00`) is taken as UTC, a bare date as midnight UTC.
 * - `value`: requests in the interval, a non-negative decimal number.
 * - Lines starting with `#` are comments, blank lines are skipped. The first other line is a header when its
 *   second field is not a number and its first is not a timestamp (columns are read by position, not by name).
 * - Timestamps must strictly increase. Spacings wider than the resolution are gaps: zero requests, counted.
 *
 * @param text the file's content
 * @param source file path or scenario name, used in error messages and in the report
 * @throws TraceError naming the source, the line and the field:
 *   `trace.csv line 17: value: "abc" is not a number`
 *
 * @example
 * ```ts
 * const points = parseTraceCsv('timestamp,value\n2026-11-01T00:00:00Z,120\n2026-11-01T00:05:00Z,90\n', 'x.csv');
 * points.resolutionSeconds; // 300
 * ```
 */
export const parseTraceCsv = (text: string, source: string): TracePoints => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const starts: number[] = [];
  const values: number[] = [];
  let previousLine = 0;
  let lastContentLine = 1;
  let seenFirst = false;
  for (let index = 0; index < lines.length; index += 1) {
    const lineNo = index + 1;
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    lastContentLine = lineNo;
    if (line.startsWith('#')) continue;
    const fields = line.split(',').map(unquote);
    const timeText = fields[0] ?? '';
    const valueText = fields[1] ?? '';
    const at = parseUtcTimestamp(timeText);
    const isHeader = !seenFirst && at === undefined && !isNumber(valueText);
    seenFirst = true;
    if (isHeader) continue;
    const fail = (field: string, detail: string): TraceError => new TraceError(`${field}: ${detail}`, { source, line: lineNo, field });
    if (at === undefined) {
      throw fail('timestamp', `"${timeText}" is not ISO-8601 (expected e.g. 2014-07-01T04:00:00Z, or 2014-07-01 04:00:00 read as UTC)`);
    }
    if (valueText === '') throw fail('value', 'missing (expected timestamp,value)');
    if (!isNumber(valueText)) throw fail('value', `"${valueText}" is not a number`);
    const value = Number(valueText);
    if (value < 0) throw fail('value', `${valueText} is negative (requests in an interval cannot be)`);
    const previous = starts[starts.length - 1];
    if (previous !== undefined && at === previous) {
      throw fail('timestamp', `duplicate of line ${previousLine} (${formatUtc(at)})`);
    }
    if (previous !== undefined && at < previous) {
      throw fail('timestamp', `goes backwards (${formatUtc(at)} after ${formatUtc(previous)} on line ${previousLine})`);
    }
    starts.push(at);
    values.push(value);
    previousLine = lineNo;
  }
  if (starts.length < 2) {
    throw new TraceError(`data: a trace needs at least 2 data lines to know its resolution, found ${starts.length}`, {
      source,
      line: lastContentLine,
      field: 'data',
    });
  }
  const startsMs = Float64Array.from(starts);
  const spacing = traceSpacing(startsMs);
  return {
    source,
    startsMs,
    requests: Float64Array.from(values),
    ...spacing,
    endMs: (starts[starts.length - 1] ?? 0) + spacing.resolutionSeconds * 1000,
  };
};
