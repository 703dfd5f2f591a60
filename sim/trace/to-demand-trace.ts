/** Resample a parsed trace onto the simulation's step grid: spread coarse intervals, sum fine ones, repeat if short. */
import type { DemandTrace } from '../model/trace';
import type { Rescale } from './rate-segments';
import { rateSegments } from './rate-segments';
import { TraceError } from './trace-error';
import type { TracePoints } from './trace-points';
import { formatUtc } from './utc-timestamp';

export interface DemandTraceOptions {
  /** Width of one simulation step, seconds (the engine uses <= 10). */
  stepSeconds: number;
  /** Start of step 0, epoch ms; defaults to the trace start. Must fall inside the trace. */
  startMs?: number;
  /** Length of the run, seconds; the last step is whole even if it passes the end. */
  durationSeconds: number;
  /** Map the source's per-interval rate linearly from [min, max] onto [troughQps, peakQps]. */
  rescale?: Rescale;
}

const validate = (points: TracePoints, options: DemandTraceOptions, startMs: number): void => {
  const fail = (field: string, detail: string): TraceError => new TraceError(`${field}: ${detail}`, { source: points.source, field });
  if (!(options.stepSeconds > 0) || !Number.isFinite(options.stepSeconds)) {
    throw fail('stepSeconds', `${options.stepSeconds} must be a positive number of seconds`);
  }
  if (!(options.durationSeconds > 0) || !Number.isFinite(options.durationSeconds)) {
    throw fail('durationSeconds', `${options.durationSeconds} must be a positive number of seconds`);
  }
  const traceStart = points.startsMs[0] ?? 0;
  if (!Number.isFinite(startMs) || startMs < traceStart || startMs >= points.endMs) {
    const shown = Number.isFinite(startMs) ? formatUtc(startMs) : String(startMs);
    throw fail('startMs', `${shown} is outside the trace (${formatUtc(traceStart)} to ${formatUtc(points.endMs)})`);
  }
  const { rescale } = options;
  if (rescale !== undefined && !(rescale.troughQps >= 0 && rescale.peakQps >= rescale.troughQps && Number.isFinite(rescale.peakQps))) {
    throw fail('rescale', `troughQps ${rescale.troughQps} and peakQps ${rescale.peakQps} must satisfy 0 <= trough <= peak`);
  }
};

/**
 * The requests arriving in each step of a run.
 *
 * Each source interval's requests are spread evenly over the time it covers, and each step receives the share of
 * every interval it overlaps (pro rata). So a 1-day interval is spread over 8,640 steps of 10 s, ten 1-s
 * intervals are summed into one 10-s step, and without rescale or repetition the total is conserved. A run
 * longer than what is left of the trace wraps to the trace's start (the whole trace again, cyclically) and sets
 * `repeated`. One pass over the steps with a cursor into the intervals: no allocation per step.
 *
 * @throws TraceError naming the option at fault (stepSeconds, durationSeconds, startMs, rescale)
 *
 * @example
 * ```ts
 * const demand = toDemandTrace(parseTraceCsv(text, 'week.csv'), { stepSeconds: 10, durationSeconds: 7 * 86_400 });
 * demand.arrivals.length; // 60480
 * ```
 */
export const toDemandTrace = (points: TracePoints, options: DemandTraceOptions): DemandTrace => {
  const startMs = options.startMs ?? points.startsMs[0] ?? 0;
  validate(points, options, startMs);
  const { stepSeconds, durationSeconds } = options;
  const { startSeconds, endSeconds, rateQps, periodSeconds, count } = rateSegments(points, options.rescale);
  const offset = (startMs - (points.startsMs[0] ?? 0)) / 1000;
  // The tolerance keeps 0.7 / 0.1 = 6.999... from becoming 7 steps + 1.
  const steps = Math.max(1, Math.ceil(durationSeconds / stepSeconds - 1e-9));
  const arrivals = new Float64Array(steps);

  // Cursor: the first segment (of cycle `cycle`) not yet wholly consumed.
  let segment = 0;
  while (segment < count - 1 && (endSeconds[segment] ?? 0) <= offset) segment += 1;
  let cycle = 0;
  let repeated = false;
  for (let k = 0; k < steps; k += 1) {
    const from = offset + k * stepSeconds;
    const to = offset + (k + 1) * stepSeconds;
    let sum = 0;
    for (;;) {
      const base = cycle * periodSeconds;
      const segStart = base + (startSeconds[segment] ?? 0);
      if (segStart >= to) break;
      const segEnd = base + (endSeconds[segment] ?? 0);
      const lo = segStart > from ? segStart : from;
      const hi = segEnd < to ? segEnd : to;
      if (hi > lo) {
        sum += (rateQps[segment] ?? 0) * (hi - lo);
        if (cycle > 0) repeated = true;
      }
      if (segEnd > to) break;
      segment += 1;
      if (segment === count) {
        segment = 0;
        cycle += 1;
      }
    }
    arrivals[k] = sum;
  }
  return {
    startMs,
    stepSeconds,
    arrivals,
    source: points.source,
    repeated,
    sourceResolutionSeconds: points.resolutionSeconds,
  };
};
