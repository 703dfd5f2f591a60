/** The spread of a model's in-sample errors at each horizon: empirical prediction-interval widths. */

/** A model's forecast of step `origin + h` made at the end of step `origin` (in-sample, from its recorded state). */
export type InSamplePredictor = (origin: number, h: number) => number;

/** Where the in-sample errors are measured. */
export interface SigmaWindow {
  /** First origin whose errors count (the state has settled by then). */
  fromOrigin: number;
  /** First step whose error counts as a target (e.g. the first one the seasonal indices were not averaged over). */
  fromTarget?: number;
}

/** The central 90% interval is where capacity quantiles live (0.75..0.95), so it is matched exactly. */
const Z90 = 1.6448536269514722;
const QUANTILE = 0.9;
const MAX_ORIGINS_PER_HORIZON = 4_032;

/** Horizons measured: every step up to 4, then about 1.5x apart (1, 2, 3, 4, 6, 8, 12, 16, 24, ...), and the last. */
export const measuredHorizons = (steps: number): number[] => {
  const out = [1, 2, 3].filter((h) => h <= steps);
  for (let h = 4; h <= steps; h *= 2) out.push(...[h, (h * 3) / 2].filter((x) => x <= steps));
  if (steps > 0 && out[out.length - 1] !== steps) out.push(steps);
  return out;
};

const quantileOf = (values: number[], q: number): number => {
  values.sort((a, b) => a - b);
  const rank = q * (values.length - 1);
  const lo = Math.floor(rank);
  const a = values[lo] as number;
  const b = values[Math.min(values.length - 1, lo + 1)] as number;
  return a + (b - a) * (rank - lo);
};

/**
 * Sigma per horizon 1..`steps`: at each measured horizon, the 90th percentile of the absolute in-sample errors
 * divided by z(0.95), so the normal interval point +/- 1.645 sigma covers 90% of the errors the model really
 * made, heavy tails included (an RMS would be pulled up by one holiday and miss the calibration at 90%).
 * Between measured horizons sigma is interpolated; beyond the last one it grows like sqrt(h); it never decreases.
 *
 * @param y the history, NaN for a gap (gaps have no error)
 * @param fallback sigma at horizon 1 when no error could be measured at all
 * @returns `steps` values, each >= 0 and >= the one before
 */
export const horizonSigmas = (y: Float64Array, steps: number, predict: InSamplePredictor, window: SigmaWindow, fallback: number): number[] => {
  const n = y.length;
  const known: { h: number; sigma: number }[] = [];
  for (const h of measuredHorizons(steps)) {
    const first = Math.max(window.fromOrigin, (window.fromTarget ?? 0) - h, n - h - MAX_ORIGINS_PER_HORIZON);
    const errors: number[] = [];
    for (let origin = first; origin + h < n; origin += 1) {
      const actual = y[origin + h] as number;
      if (actual !== actual) continue;
      const predicted = Math.max(0, predict(origin, h));
      errors.push(Math.abs(actual - predicted));
    }
    if (errors.length >= 2) known.push({ h, sigma: quantileOf(errors, QUANTILE) / Z90 });
  }
  return completeCurve(known, steps, fallback);
};

/** Fill 1..steps from the measured points: linear between them, sqrt(h) growth outside them, never decreasing. */
const completeCurve = (known: readonly { h: number; sigma: number }[], steps: number, fallback: number): number[] => {
  const anchors = known.length > 0 ? known : [{ h: 1, sigma: Math.max(0, fallback) }];
  const out: number[] = [];
  let k = 0;
  let running = 0;
  for (let h = 1; h <= steps; h += 1) {
    while (k + 1 < anchors.length && (anchors[k + 1] as { h: number }).h <= h) k += 1;
    const a = anchors[k] as { h: number; sigma: number };
    const b = anchors[k + 1];
    let sigma: number;
    if (h < a.h) sigma = a.sigma * Math.sqrt(h / a.h);
    else if (b === undefined) sigma = a.sigma * Math.sqrt(h / a.h);
    else sigma = a.sigma + ((b.sigma - a.sigma) * (h - a.h)) / (b.h - a.h);
    running = Math.max(running, Number.isFinite(sigma) ? sigma : running);
    out.push(running);
  }
  return out;
};
