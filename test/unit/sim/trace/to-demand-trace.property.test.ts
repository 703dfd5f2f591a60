// Properties of resampling over random traces: conservation, the exact integral over any run, no negative or NaN step.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseTraceCsv } from '../../../../sim/trace/parse-trace-csv';
import type { TracePoints } from '../../../../sim/trace/trace-points';
import { toDemandTrace } from '../../../../sim/trace/to-demand-trace';
import { sum, T0_MS } from './trace-csv-factory';

const RESOLUTIONS = [1, 2, 5, 10, 30, 60, 300, 1800, 3600, 86_400];

/** Random traces through the CSV parser: a resolution, counts (some zero), some spacings of 2 or 3 resolutions (gaps). */
const traceArbitrary = fc
  .record({
    resolution: fc.constantFrom(...RESOLUTIONS),
    rows: fc.array(fc.record({ value: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), skip: fc.constantFrom(1, 1, 1, 1, 2, 3) }), {
      minLength: 2,
      maxLength: 40,
    }),
  })
  .map(({ resolution, rows }) => {
    let at = T0_MS;
    const lines = rows.map(({ value, skip }) => {
      const line = `${new Date(at).toISOString()},${value}`;
      at += skip * resolution * 1000;
      return line;
    });
    return parseTraceCsv(lines.join('\n'), 'random.csv');
  });

const isSane = (arrivals: Float64Array): boolean => arrivals.every((a) => Number.isFinite(a) && a >= 0);

/** Requests in run window [from, to) (seconds from the trace start, unwrapped), straight from the definition. */
const integral = (points: TracePoints, from: number, to: number): number => {
  const origin = points.startsMs[0] ?? 0;
  const period = (points.endMs - origin) / 1000;
  let total = 0;
  for (let cycle = Math.floor(from / period); cycle * period < to; cycle += 1) {
    for (let i = 0; i < points.startsMs.length; i += 1) {
      const start = ((points.startsMs[i] ?? 0) - origin) / 1000;
      const next = i + 1 < points.startsMs.length ? ((points.startsMs[i + 1] ?? 0) - origin) / 1000 : period;
      const end = Math.min(start + points.resolutionSeconds, next);
      const overlap = Math.min(to, cycle * period + end) - Math.max(from, cycle * period + start);
      if (overlap > 0) total += ((points.requests[i] ?? 0) * overlap) / (end - start);
    }
  }
  return total;
};

const close = (actual: number, expected: number): boolean => Math.abs(actual - expected) <= 1e-9 * Math.max(1, expected);

describe('toDemandTrace properties', () => {
  it('conserves the total when the run is the trace, at any step that divides it', () => {
    fc.assert(
      fc.property(traceArbitrary, fc.constantFrom(1, 2, 5, 10), (points, stepCandidate) => {
        // Prepare
        const period = (points.endMs - (points.startsMs[0] ?? 0)) / 1000;
        const stepSeconds = period % stepCandidate === 0 ? stepCandidate : 1;
        // Act
        const demand = toDemandTrace(points, { stepSeconds, durationSeconds: period });
        // Assess
        return isSane(demand.arrivals) && !demand.repeated && close(sum(demand.arrivals), sum(points.requests));
      }),
      { numRuns: 200 },
    );
  });

  it('delivers exactly the requests of the run window, repeated or not, from any start and at any step', () => {
    fc.assert(
      fc.property(
        traceArbitrary,
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 120, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (points, startFraction, stepSeconds, periods) => {
          // Prepare
          const origin = points.startsMs[0] ?? 0;
          const period = (points.endMs - origin) / 1000;
          const startMs = origin + Math.floor(startFraction * period) * 1000;
          const offset = (startMs - origin) / 1000;
          // Act
          const demand = toDemandTrace(points, { stepSeconds, startMs, durationSeconds: Math.max(stepSeconds, periods * period) });
          // Assess
          const runEnd = offset + demand.arrivals.length * stepSeconds;
          const expected = integral(points, offset, runEnd);
          const wrapped = integral(points, Math.max(offset, period), runEnd) > 0;
          return isSane(demand.arrivals) && close(sum(demand.arrivals), expected) && (!wrapped || demand.repeated);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every rescaled step between the trough and the peak', () => {
    fc.assert(
      fc.property(traceArbitrary, fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 5000, noNaN: true }), (points, troughQps, extraQps) => {
        // Prepare
        const peakQps = troughQps + extraQps;
        const period = (points.endMs - (points.startsMs[0] ?? 0)) / 1000;
        // Act
        const { arrivals } = toDemandTrace(points, { stepSeconds: 10, durationSeconds: period, rescale: { peakQps, troughQps } });
        // Assess
        const slack = 1e-9 * Math.max(1, peakQps);
        return isSane(arrivals) && arrivals.every((a) => a / 10 >= troughQps - slack && a / 10 <= peakQps + slack);
      }),
      { numRuns: 200 },
    );
  });
});
