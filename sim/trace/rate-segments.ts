/** A trace as a piecewise-constant request rate over one period, optionally rescaled to a target peak and trough. */
import type { TracePoints } from './trace-points';

/** Contiguous segments tiling `[0, periodSeconds)` from the trace start; gaps are segments of rate 0. */
export interface RateSegments {
  /** Segment starts, seconds from the trace start; `startSeconds[i + 1] === endSeconds[i]`. */
  startSeconds: Float64Array;
  endSeconds: Float64Array;
  /** Requests per second inside each segment. */
  rateQps: Float64Array;
  /** Length of the trace, seconds: one period of repetition. */
  periodSeconds: number;
  count: number;
}

/** Map rates linearly so the lowest becomes `troughQps` and the highest `peakQps`. */
export interface Rescale {
  peakQps: number;
  troughQps: number;
}

/**
 * Segments of a trace: point `i` spreads its requests evenly over its interval; missing time between intervals
 * becomes a rate-0 segment, so the period has no holes and a sweep never has to special-case them.
 */
export const rateSegments = (points: TracePoints, rescale?: Rescale): RateSegments => {
  const { startsMs, requests } = points;
  const origin = startsMs[0] ?? 0;
  const resolutionMs = points.resolutionSeconds * 1000;
  const m = startsMs.length;
  const startSeconds = new Float64Array(2 * m);
  const endSeconds = new Float64Array(2 * m);
  const rateQps = new Float64Array(2 * m);
  let count = 0;
  for (let i = 0; i < m; i += 1) {
    const at = startsMs[i] ?? 0;
    const next = i + 1 < m ? (startsMs[i + 1] ?? 0) : at + resolutionMs;
    const end = Math.min(at + resolutionMs, next);
    startSeconds[count] = (at - origin) / 1000;
    endSeconds[count] = (end - origin) / 1000;
    rateQps[count] = (requests[i] ?? 0) / ((end - at) / 1000);
    count += 1;
    if (next > end) {
      startSeconds[count] = (end - origin) / 1000;
      endSeconds[count] = (next - origin) / 1000;
      rateQps[count] = 0;
      count += 1;
    }
  }
  const segments = {
    startSeconds: startSeconds.subarray(0, count),
    endSeconds: endSeconds.subarray(0, count),
    rateQps: rateQps.subarray(0, count),
    periodSeconds: (points.endMs - origin) / 1000,
    count,
  };
  if (rescale !== undefined) rescaleRates(segments.rateQps, rescale);
  return segments;
};

/**
 * Rescale in place. Rates are taken at the source resolution, so a fine step grid does not add noise to the peak.
 * A flat trace (every rate equal) has no shape to stretch: it becomes flat at `peakQps`, so capacity planned
 * for the run is never below the peak the caller asked for.
 */
const rescaleRates = (rates: Float64Array, { peakQps, troughQps }: Rescale): void => {
  let min = Infinity;
  let max = -Infinity;
  for (const rate of rates) {
    if (rate < min) min = rate;
    if (rate > max) max = rate;
  }
  const span = max - min;
  for (let i = 0; i < rates.length; i += 1) {
    // peak * t + trough * (1 - t) lands exactly on peak at t = 1 and on trough at t = 0.
    const t = span > 0 ? ((rates[i] ?? 0) - min) / span : 1;
    rates[i] = peakQps * t + troughQps * (1 - t);
  }
};
