/** A trace's resolution (its most common spacing) and the gaps where datapoints are missing. */

export interface TraceSpacing {
  /** Most common spacing between consecutive starts, seconds; the smallest one on a tie. */
  resolutionSeconds: number;
  /** Places where consecutive starts are further apart than the resolution. */
  gaps: number;
  /** Time inside those gaps beyond one resolution, seconds. */
  gapSeconds: number;
}

/**
 * Resolution and gaps of strictly increasing interval starts (at least two).
 *
 * The mode, not the minimum, so that one odd short spacing (a DST seam, a late datapoint) does not redefine the
 * width of every interval; and not the mean, which missing datapoints would inflate.
 */
export const traceSpacing = (startsMs: Float64Array): TraceSpacing => {
  const counts = new Map<number, number>();
  for (let i = 1; i < startsMs.length; i += 1) {
    const spacing = (startsMs[i] ?? 0) - (startsMs[i - 1] ?? 0);
    counts.set(spacing, (counts.get(spacing) ?? 0) + 1);
  }
  let resolutionMs = Infinity;
  let best = 0;
  for (const [spacing, count] of counts) {
    if (count > best || (count === best && spacing < resolutionMs)) {
      resolutionMs = spacing;
      best = count;
    }
  }
  let gaps = 0;
  let gapMs = 0;
  for (const [spacing, count] of counts) {
    if (spacing > resolutionMs) {
      gaps += count;
      gapMs += (spacing - resolutionMs) * count;
    }
  }
  return { resolutionSeconds: resolutionMs / 1000, gaps, gapSeconds: gapMs / 1000 };
};
