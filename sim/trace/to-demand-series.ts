/** A trace as the forecaster's input: requests per step on an aligned grid, a step no interval touches being a gap. */
import type { DemandSeries } from '../../layers/core/forecast/forecast-types';
import { toDemandTrace } from './to-demand-trace';
import { TraceError } from './trace-error';
import type { TracePoints } from './trace-points';
import { formatUtc } from './utc-timestamp';

export interface DemandSeriesWindow {
  /** Start and end (exclusive) of the window, epoch ms, both multiples of `stepSeconds` and inside the trace. */
  fromMs: number;
  toMs: number;
  stepSeconds: number;
}

/**
 * The trace's requests per step over the window, as CloudWatch's GetMetricData would return the queue's Sum per
 * period: each interval's requests spread over the time it covers (a 30-minute count over six 5-minute steps),
 * and a step that no interval of the trace overlaps (missing datapoints) is `undefined`, not 0.
 *
 * @throws TraceError naming `window` when the window is empty, not aligned or not inside the trace
 *
 * @example
 * ```ts
 * const history = toDemandSeries(points, { fromMs: Date.UTC(2014, 8, 8), toMs: Date.UTC(2014, 9, 6), stepSeconds: 300 });
 * history.values.length; // 8064
 * ```
 */
export const toDemandSeries = (points: TracePoints, window: DemandSeriesWindow): DemandSeries => {
  const { fromMs, toMs, stepSeconds } = window;
  const stepMs = stepSeconds * 1000;
  const first = points.startsMs[0] ?? 0;
  if (!(stepMs > 0) || fromMs % stepMs !== 0 || toMs % stepMs !== 0 || !(toMs > fromMs) || fromMs < first || toMs > points.endMs) {
    throw new TraceError(
      `window: ${formatUtc(fromMs)} to ${formatUtc(toMs)} by ${stepSeconds} s must be a non-empty, step-aligned span inside the trace (${formatUtc(first)} to ${formatUtc(points.endMs)})`,
      { source: points.source, field: 'window' },
    );
  }
  const steps = Math.round((toMs - fromMs) / stepMs);
  const sums = toDemandTrace(points, { stepSeconds, startMs: fromMs, durationSeconds: steps * stepSeconds }).arrivals;
  const covered = coveredSteps(points, fromMs, stepMs, steps);
  const values: (number | undefined)[] = new Array<number | undefined>(steps);
  for (let k = 0; k < steps; k += 1) values[k] = covered[k] === 1 ? (sums[k] ?? 0) : undefined;
  return { startMs: fromMs, stepSeconds, values };
};

/** 1 for each step that at least one interval of the trace overlaps. */
const coveredSteps = (points: TracePoints, fromMs: number, stepMs: number, steps: number): Uint8Array => {
  const covered = new Uint8Array(steps);
  const { startsMs } = points;
  const resolutionMs = points.resolutionSeconds * 1000;
  for (let i = 0; i < startsMs.length; i += 1) {
    const at = startsMs[i] ?? 0;
    const next = i + 1 < startsMs.length ? (startsMs[i + 1] ?? 0) : at + resolutionMs;
    const end = Math.min(at + resolutionMs, next);
    if (end <= fromMs) continue;
    const firstStep = Math.max(0, Math.floor((at - fromMs) / stepMs));
    const lastStep = Math.min(steps - 1, Math.ceil((end - fromMs) / stepMs) - 1);
    for (let k = firstStep; k <= lastStep; k += 1) covered[k] = 1;
    if (lastStep >= steps - 1) break;
  }
  return covered;
};
