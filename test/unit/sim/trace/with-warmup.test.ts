// Warm-up history: the days before the run, at one-minute steps, on the run's scale, and errors naming warmupDays.
import { describe, expect, it } from 'vitest';
import { TraceError } from '../../../../sim/trace/trace-error';
import { toDemandTrace } from '../../../../sim/trace/to-demand-trace';
import { toDemandTraceWithWarmup } from '../../../../sim/trace/with-warmup';
import { caught, sum, T0_MS, tracePoints } from './trace-csv-factory';

const DAY_MS = 86_400_000;
// Three days of hourly counts: 100, 101, ... so each hour is recognisable.
const points = tracePoints(Array.from({ length: 72 }, (_, i) => 100 + i), 3600);

describe('toDemandTraceWithWarmup', () => {
  it('gives the days before the run as one-minute steps ending at its start, the run itself unchanged', () => {
    // Act
    const demand = toDemandTraceWithWarmup(points, { stepSeconds: 10, startMs: T0_MS + 2 * DAY_MS, durationSeconds: 86_400, warmupDays: 2 });
    // Assess
    const plain = toDemandTrace(points, { stepSeconds: 10, startMs: T0_MS + 2 * DAY_MS, durationSeconds: 86_400 });
    expect(Array.from(demand.arrivals)).toEqual(Array.from(plain.arrivals));
    expect(demand.warmup?.startMs).toBe(T0_MS);
    expect(demand.warmup?.stepSeconds).toBe(60);
    expect(demand.warmup?.arrivals.length).toBe(2 * 1440);
    // The first 48 hours' counts, spread over their minutes: 100 requests in the first hour -> 100/60 a minute.
    expect(sum(demand.warmup?.arrivals ?? [])).toBeCloseTo(sum(Array.from({ length: 48 }, (_, i) => 100 + i)), 6);
    expect(demand.warmup?.arrivals[0]).toBeCloseTo(100 / 60, 9);
  });

  it('rescales history and run together, so they are on one scale', () => {
    // Act
    const demand = toDemandTraceWithWarmup(points, { stepSeconds: 60, startMs: T0_MS + 2 * DAY_MS, durationSeconds: 86_400, warmupDays: 2, rescale: { peakQps: 710, troughQps: 0 } });
    // Assess: the source's 100..171 maps onto 0..710 QPS, 10 QPS per source request an hour
    expect((demand.warmup?.arrivals[0] ?? NaN) / 60).toBeCloseTo(0, 9);
    expect((demand.warmup?.arrivals[60] ?? NaN) / 60).toBeCloseTo(10, 9);
    expect((demand.arrivals[0] ?? NaN) / 60).toBeCloseTo(480, 9);
  });

  it('gives no history for warmupDays 0', () => {
    // Act
    const demand = toDemandTraceWithWarmup(points, { stepSeconds: 10, durationSeconds: 3600, warmupDays: 0 });
    // Assess
    expect(demand.warmup).toBeUndefined();
  });

  it.each([
    [3, /warmupDays: 3 days before the run's start .* reach before the trace's first interval .* at most 2\.00 days are available/],
    [-1, /warmupDays: -1 must be a number of days >= 0/],
  ])('rejects warmupDays %s, naming it', (warmupDays, message) => {
    // Act
    const error = caught(() => toDemandTraceWithWarmup(points, { stepSeconds: 10, startMs: T0_MS + 2 * DAY_MS, durationSeconds: 3600, warmupDays }));
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    expect((error as TraceError).field).toBe('warmupDays');
    expect((error as TraceError).message).toMatch(message);
  });
});
