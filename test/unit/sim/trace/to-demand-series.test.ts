// A trace as the forecaster's history: requests per aligned step, missing datapoints as gaps, window errors named.
import { describe, expect, it } from 'vitest';
import { parseTraceCsv } from '../../../../sim/trace/parse-trace-csv';
import { TraceError } from '../../../../sim/trace/trace-error';
import { toDemandSeries } from '../../../../sim/trace/to-demand-series';
import { caught, T0_MS, tracePoints } from './trace-csv-factory';

const MIN_MS = 60_000;

describe('toDemandSeries', () => {
  it('spreads a 30-minute count over its six 5-minute steps and sums 1-minute counts into them', () => {
    // Prepare
    const halfHours = tracePoints([600, 1200], 1800);
    const minutes = tracePoints(Array.from({ length: 10 }, (_, i) => i), 60);
    // Act
    const coarse = toDemandSeries(halfHours, { fromMs: T0_MS, toMs: T0_MS + 60 * MIN_MS, stepSeconds: 300 });
    const fine = toDemandSeries(minutes, { fromMs: T0_MS, toMs: T0_MS + 10 * MIN_MS, stepSeconds: 300 });
    // Assess
    expect(coarse).toEqual({ startMs: T0_MS, stepSeconds: 300, values: [100, 100, 100, 100, 100, 100, 200, 200, 200, 200, 200, 200] });
    expect(fine.values).toEqual([0 + 1 + 2 + 3 + 4, 5 + 6 + 7 + 8 + 9]);
  });

  it('makes a step that no datapoint touches a gap (undefined), not a zero; a recorded zero stays 0', () => {
    // Prepare: 5-minute datapoints at 00:00, 00:05 (a zero), then none until 00:20
    const text = ['timestamp,value', '2026-11-02T00:00:00Z,50', '2026-11-02T00:05:00Z,0', '2026-11-02T00:20:00Z,70'].join('\n');
    const points = parseTraceCsv(text, 'gappy.csv');
    // Act
    const series = toDemandSeries(points, { fromMs: T0_MS, toMs: T0_MS + 25 * MIN_MS, stepSeconds: 300 });
    // Assess
    expect(series.values).toEqual([50, 0, undefined, undefined, 70]);
  });

  it.each([
    ['not aligned to the step', T0_MS + MIN_MS, T0_MS + 11 * MIN_MS],
    ['empty', T0_MS + 5 * MIN_MS, T0_MS + 5 * MIN_MS],
    ['past the trace end', T0_MS, T0_MS + 65 * MIN_MS],
    ['before the trace start', T0_MS - 5 * MIN_MS, T0_MS + 5 * MIN_MS],
  ])('rejects a window %s, naming it', (_, fromMs, toMs) => {
    // Prepare
    const points = tracePoints([600, 1200], 1800);
    // Act
    const error = caught(() => toDemandSeries(points, { fromMs, toMs, stepSeconds: 300 }));
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    expect((error as TraceError).field).toBe('window');
  });
});
