// Builds trace CSV text for tests: regular intervals from a start, with a header line.
import { parseTraceCsv } from '../../../../sim/trace/parse-trace-csv';
import type { TracePoints } from '../../../../sim/trace/trace-points';

export const T0_MS = Date.UTC(2026, 10, 2); // a Monday, 2026-11-02T00:00:00Z

/** `timestamp,value` lines, one per value, `resolutionSeconds` apart from `startMs`. */
export const traceCsv = (values: readonly number[], resolutionSeconds: number, startMs = T0_MS): string =>
  ['timestamp,value', ...values.map((v, i) => `${new Date(startMs + i * resolutionSeconds * 1000).toISOString()},${v}`)].join('\n');

/** Parsed points of {@link traceCsv}. */
export const tracePoints = (values: readonly number[], resolutionSeconds: number, startMs = T0_MS): TracePoints =>
  parseTraceCsv(traceCsv(values, resolutionSeconds, startMs), `${resolutionSeconds}s.csv`);

export const sum = (values: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < values.length; i += 1) total += values[i] ?? 0;
  return total;
};

/** What `act` threw, or undefined when it returned. */
export const caught = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
};
