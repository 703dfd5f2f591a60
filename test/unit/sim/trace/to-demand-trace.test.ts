// Resampling traces of any resolution onto 10-s steps: spreading, summing, repetition, rescale and option errors.
import { describe, expect, it } from 'vitest';
import { loadDefaultTrace } from '../../../../sim/scenarios/default-trace';
import { parseTraceCsv } from '../../../../sim/trace/parse-trace-csv';
import { TraceError } from '../../../../sim/trace/trace-error';
import { toDemandTrace } from '../../../../sim/trace/to-demand-trace';
import { caught, sum, T0_MS, tracePoints } from './trace-csv-factory';

const STEP = 10;
const DAY = 86_400;
// Uneven integer counts, so a misplaced interval changes the result.
const counts = (n: number): number[] => Array.from({ length: n }, (_, i) => ((i * 7919) % 97) + (i % 3 === 0 ? 0 : 13));

describe('toDemandTrace resolutions', () => {
  it.each([
    [1, 120],
    [60, 30],
    [300, 24],
    [1800, 48],
    [86_400, 3],
  ])('conserves the requests of a %i-s trace on 10-s steps', (resolution, n) => {
    // Prepare
    const values = counts(n);
    const points = tracePoints(values, resolution);
    // Act
    const demand = toDemandTrace(points, { stepSeconds: STEP, durationSeconds: n * resolution });
    // Assess
    expect(demand.arrivals.length).toBe((n * resolution) / STEP);
    expect(sum(demand.arrivals)).toBeCloseTo(sum(values), 6);
    expect(demand.repeated).toBe(false);
    expect(demand.sourceResolutionSeconds).toBe(resolution);
    expect([demand.startMs, demand.stepSeconds, demand.source]).toEqual([T0_MS, STEP, `${resolution}s.csv`]);
  });

  it('spreads a 1-day interval evenly over its 8,640 steps', () => {
    // Prepare
    const points = tracePoints([864_000, 1_728_000], DAY);
    // Act
    const { arrivals } = toDemandTrace(points, { stepSeconds: STEP, durationSeconds: 2 * DAY });
    // Assess
    expect(arrivals.length).toBe(17_280);
    expect(arrivals.subarray(0, 8640).every((a) => Math.abs(a - 100) < 1e-9)).toBe(true);
    expect(arrivals.subarray(8640).every((a) => Math.abs(a - 200) < 1e-9)).toBe(true);
  });

  it('sums a 1-s trace into 10-s steps', () => {
    // Prepare: 1, 2, ..., 20 requests in consecutive seconds
    const points = tracePoints(Array.from({ length: 20 }, (_, i) => i + 1), 1);
    // Act
    const { arrivals } = toDemandTrace(points, { stepSeconds: STEP, durationSeconds: 20 });
    // Assess
    expect(Array.from(arrivals)).toEqual([55, 155]);
  });

  it('shares an interval that straddles two steps pro rata', () => {
    // Prepare: 25-s intervals at 1 and 2 requests/s
    const points = tracePoints([25, 50], 25);
    // Act
    const { arrivals } = toDemandTrace(points, { stepSeconds: STEP, durationSeconds: 50 });
    // Assess: [20, 30) takes 5 s of each
    expect(Array.from(arrivals)).toEqual([10, 10, 15, 20, 20]);
  });

  it('puts no requests in the steps of a missing datapoint', () => {
    // Prepare: 60-s data, 00:02 missing
    const text = 'timestamp,value\n2026-11-02T00:00:00Z,60\n2026-11-02T00:01:00Z,60\n2026-11-02T00:03:00Z,60\n';
    // Act
    const { arrivals } = toDemandTrace(parseTraceCsv(text, 'gap.csv'), { stepSeconds: 30, durationSeconds: 240 });
    // Assess
    expect(Array.from(arrivals)).toEqual([30, 30, 30, 30, 0, 0, 30, 30]);
  });

  it('starts at startMs inside the trace', () => {
    // Prepare
    const points = tracePoints([10, 20, 30, 40], STEP);
    // Act
    const demand = toDemandTrace(points, { stepSeconds: STEP, startMs: T0_MS + 15_000, durationSeconds: 20 });
    // Assess
    expect(Array.from(demand.arrivals)).toEqual([25, 35]);
    expect(demand.startMs).toBe(T0_MS + 15_000);
  });
});

describe('toDemandTrace repetition', () => {
  it('repeats a short trace whole, from its start, and says so', () => {
    // Prepare: one hour of 5-minute data, a 2.5-hour run
    const values = counts(12);
    const points = tracePoints(values, 300);
    // Act
    const demand = toDemandTrace(points, { stepSeconds: STEP, durationSeconds: 9000 });
    // Assess
    expect(demand.repeated).toBe(true);
    expect(Array.from(demand.arrivals.subarray(360, 720))).toEqual(Array.from(demand.arrivals.subarray(0, 360)));
    expect(Array.from(demand.arrivals.subarray(720))).toEqual(Array.from(demand.arrivals.subarray(0, 180)));
    expect(sum(demand.arrivals)).toBeCloseTo(2 * sum(values) + sum(values.slice(0, 6)), 6);
  });

  it('wraps to the trace start, not to startMs, when a run starting mid-trace runs past the end', () => {
    // Prepare
    const points = tracePoints([1, 2, 3, 4], STEP);
    // Act
    const demand = toDemandTrace(points, { stepSeconds: STEP, startMs: T0_MS + 20_000, durationSeconds: 60 });
    // Assess
    expect(Array.from(demand.arrivals)).toEqual([3, 4, 1, 2, 3, 4]);
    expect(demand.repeated).toBe(true);
  });

  it('fills a 40-day run at 10-s steps from the embedded five weeks', () => {
    // Prepare
    const weeks = loadDefaultTrace();
    // Act
    const demand = toDemandTrace(weeks, { stepSeconds: STEP, durationSeconds: 40 * DAY });
    // Assess: the five weeks (302,400 steps), then the first five days again
    expect(demand.arrivals.length).toBe(345_600);
    expect(demand.repeated).toBe(true);
    const { arrivals } = demand;
    expect(arrivals.subarray(302_400).every((a, k) => a === arrivals[k])).toBe(true);
    expect(sum(demand.arrivals.subarray(0, 302_400))).toBeCloseTo(sum(weeks.requests), 4);
  });
});

describe('toDemandTrace rescale', () => {
  it('maps the trace onto the requested peak and trough, both hit', () => {
    // Prepare
    const weeks = loadDefaultTrace();
    // Act
    const { arrivals } = toDemandTrace(weeks, { stepSeconds: STEP, durationSeconds: 35 * DAY, rescale: { peakQps: 1000, troughQps: 50 } });
    // Assess
    const rates = Array.from(arrivals, (a) => a / STEP);
    expect(rates.reduce((m, r) => Math.max(m, r), -Infinity)).toBeCloseTo(1000, 9);
    expect(rates.reduce((m, r) => Math.min(m, r), Infinity)).toBeCloseTo(50, 9);
  });

  it('takes the peak at the source resolution, so averaging fine intervals into a step stays below it', () => {
    // Prepare: 1-s trace alternating 0 and 10 requests
    const points = tracePoints(Array.from({ length: 20 }, (_, i) => (i % 2) * 10), 1);
    // Act
    const { arrivals } = toDemandTrace(points, { stepSeconds: STEP, durationSeconds: 20, rescale: { peakQps: 100, troughQps: 0 } });
    // Assess: each second maps to 0 or 100 requests/s; a 10-s step holds five of each
    expect(Array.from(arrivals)).toEqual([500, 500]);
  });

  it('makes a flat trace flat at the peak', () => {
    // Act
    const { arrivals } = toDemandTrace(tracePoints([7, 7, 7], 60), { stepSeconds: 60, durationSeconds: 180, rescale: { peakQps: 40, troughQps: 5 } });
    // Assess
    expect(Array.from(arrivals)).toEqual([2400, 2400, 2400]);
  });

  it('counts a missing datapoint as zero, hence the trough', () => {
    // Prepare
    const text = '2026-11-02T00:00:00Z,60\n2026-11-02T00:01:00Z,120\n2026-11-02T00:03:00Z,60\n';
    // Act
    const { arrivals } = toDemandTrace(parseTraceCsv(text, 'gap.csv'), { stepSeconds: 60, durationSeconds: 240, rescale: { peakQps: 10, troughQps: 2 } });
    // Assess: source rates 1, 2, 0, 1 requests/s map to 6, 10, 2, 6
    expect(Array.from(arrivals)).toEqual([360, 600, 120, 360]);
  });
});

describe('toDemandTrace options', () => {
  const points = tracePoints([1, 2, 3], 60);
  it.each([
    ['stepSeconds', { stepSeconds: 0, durationSeconds: 60 }],
    ['durationSeconds', { stepSeconds: 10, durationSeconds: -1 }],
    ['startMs', { stepSeconds: 10, durationSeconds: 60, startMs: T0_MS - 1 }],
    ['startMs', { stepSeconds: 10, durationSeconds: 60, startMs: T0_MS + 180_000 }],
    ['rescale', { stepSeconds: 10, durationSeconds: 60, rescale: { peakQps: 5, troughQps: 10 } }],
  ])('rejects a bad %s, naming it', (field, options) => {
    // Act
    const error = caught(() => toDemandTrace(points, options));
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    expect((error as TraceError).field).toBe(field);
    expect((error as TraceError).message).toMatch(new RegExp(`^60s\\.csv: ${field}: `));
  });
});
