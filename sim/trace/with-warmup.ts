/** A run's demand with the days before it as warm-up history: the forecaster's CloudWatch past, never simulated. */
import type { DemandTrace } from '../model/trace';
import { toDemandTrace, type DemandTraceOptions } from './to-demand-trace';
import { TraceError } from './trace-error';
import type { TracePoints } from './trace-points';
import { formatUtc } from './utc-timestamp';

/** CloudWatch keeps SQS metrics as one-minute datapoints: the warm-up is written at that resolution. */
export const WARMUP_STEP_SECONDS = 60;

export interface WarmupOptions extends DemandTraceOptions {
  /** Days of the trace before `startMs` given to the policies as history (0: none). */
  warmupDays: number;
}

/**
 * The run's demand (as {@link toDemandTrace}) plus, in `warmup`, the `warmupDays` before its start in one-minute
 * steps, resampled with the same rescale so history and run are on one scale.
 *
 * @throws TraceError naming `warmupDays` when it is negative or reaches before the trace's first interval,
 *   and every error of {@link toDemandTrace}
 *
 * @example
 * ```ts
 * const demand = toDemandTraceWithWarmup(points, { stepSeconds: 10, startMs: Date.UTC(2014, 9, 6), durationSeconds: 7 * 86_400, warmupDays: 28 });
 * demand.warmup?.arrivals.length; // 40320
 * ```
 */
export const toDemandTraceWithWarmup = (points: TracePoints, options: WarmupOptions): DemandTrace => {
  const trace = toDemandTrace(points, options);
  const { warmupDays } = options;
  if (!(warmupDays >= 0) || !Number.isFinite(warmupDays)) {
    throw new TraceError(`warmupDays: ${warmupDays} must be a number of days >= 0`, { source: points.source, field: 'warmupDays' });
  }
  if (warmupDays === 0) return trace;
  const warmupSeconds = Math.round(warmupDays * 86_400 / WARMUP_STEP_SECONDS) * WARMUP_STEP_SECONDS;
  const fromMs = trace.startMs - warmupSeconds * 1000;
  const first = points.startsMs[0] ?? 0;
  if (fromMs < first) {
    const available = (trace.startMs - first) / 86_400_000;
    throw new TraceError(
      `warmupDays: ${warmupDays} days before the run's start (${formatUtc(trace.startMs)}) reach before the trace's first interval (${formatUtc(first)}); at most ${available.toFixed(2)} days are available`,
      { source: points.source, field: 'warmupDays' },
    );
  }
  const history = toDemandTrace(points, {
    stepSeconds: WARMUP_STEP_SECONDS,
    startMs: fromMs,
    durationSeconds: warmupSeconds,
    ...(options.rescale ? { rescale: options.rescale } : {}),
  });
  return { ...trace, warmup: { startMs: fromMs, stepSeconds: WARMUP_STEP_SECONDS, arrivals: history.arrivals } };
};
