// Thins a report series to a point budget for charts, keeping the peaks and dips a reader looks for.

/** A series as the charts take it: parallel arrays of times and values. */
export interface SeriesPoints {
  tMs: number[];
  values: number[];
}

/**
 * At most `maxPoints` points: the series is cut into `maxPoints / 2` buckets and each keeps its minimum and
 * its maximum, in time order, so a one-point demand spike or SLO dip survives (an average would hide it).
 * Non-finite values (an interval with nothing served) are dropped. O(n), one pass.
 */
export const downsampleMinMax = (tMs: readonly number[], values: readonly number[], maxPoints: number): SeriesPoints => {
  const n = Math.min(tMs.length, values.length);
  const out: SeriesPoints = { tMs: [], values: [] };
  const push = (i: number): void => {
    out.tMs.push(tMs[i] ?? 0);
    out.values.push(values[i] ?? 0);
  };
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) push(i);
    return out;
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const v = values[i] ?? Number.NaN;
      if (!Number.isFinite(v)) continue;
      if (lo < 0 || v < (values[lo] ?? v)) lo = i;
      if (hi < 0 || v > (values[hi] ?? v)) hi = i;
    }
    if (lo < 0) continue;
    push(Math.min(lo, hi));
    if (lo !== hi) push(Math.max(lo, hi));
  }
  return out;
};

/** At most `max` items, evenly spaced through the list (first and last kept), for event markers. */
export const evenlySpaced = <T>(items: readonly T[], max: number): T[] => {
  if (items.length <= max) return [...items];
  if (max <= 1) return items.slice(0, Math.max(0, max));
  const picked: T[] = [];
  for (let k = 0; k < max; k++) {
    const item = items[Math.round((k * (items.length - 1)) / (max - 1))];
    if (item !== undefined) picked.push(item);
  }
  return picked;
};
