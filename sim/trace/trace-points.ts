/** A parsed demand trace at its own resolution: requests per source interval, before resampling onto steps. */

/**
 * Requests counted per interval, as read from a trace file.
 *
 * Point `i` covers `[startsMs[i], startsMs[i] + min(resolution, startsMs[i+1] - startsMs[i]))`; the last point covers
 * one resolution. Time between a point's end and the next point's start is a gap: zero requests (CloudWatch exports
 * omit empty periods rather than writing zeros).
 */
export interface TracePoints {
  /** File path or scenario name, named in errors and in the report. */
  source: string;
  /** Start of each interval, epoch ms (UTC), strictly increasing. */
  startsMs: Float64Array;
  /** Requests in each interval, non-negative. */
  requests: Float64Array;
  /** The most common spacing between consecutive points, seconds (the smallest one on a tie). */
  resolutionSeconds: number;
  /** End of the last interval, epoch ms: the trace spans `[startsMs[0], endMs)`. */
  endMs: number;
  /** How many times consecutive points are further apart than the resolution (missing datapoints). */
  gaps: number;
  /** Total time inside those gaps, seconds: counted as zero requests. */
  gapSeconds: number;
}
