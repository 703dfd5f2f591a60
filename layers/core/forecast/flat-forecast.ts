/** The forecast of a history shorter than a day, or without a daily cycle: flat at the recent mean. */
import { horizonSigmas } from './horizon-sigma';

/** Steps averaged for the level: the last hour, at least one step. */
const windowOf = (stepSeconds: number, length: number): number => Math.max(1, Math.min(length, Math.round(3_600 / stepSeconds)));

// With too little history to measure any error, assume the demand may be a quarter off its mean.
const UNKNOWN_SPREAD = 0.25;

/** Sigma to assume when no in-sample error can be measured: the values' own spread, at least a quarter of their mean. */
export const unknownSpread = (values: Float64Array): number => {
  const n = values.length;
  if (n === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.max(Math.sqrt(squares / n), UNKNOWN_SPREAD * Math.abs(mean));
};

/**
 * Every step at the mean of the last hour of `values` (gaps already filled, the last one present); sigma from the
 * errors this same rule made in-sample at each horizon, or, when the history is too short for that, from the
 * values' own spread.
 */
export const flatForecast = (values: Float64Array, stepSeconds: number, steps: number): { point: number[]; sigma: number[] } => {
  const n = values.length;
  const w = windowOf(stepSeconds, n);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i += 1) prefix[i + 1] = (prefix[i] as number) + (values[i] as number);
  const meanEnding = (index: number): number => {
    const from = Math.max(0, index + 1 - w);
    return ((prefix[index + 1] as number) - (prefix[from] as number)) / (index + 1 - from);
  };
  // Summed directly, not from the prefix sums, whose difference loses digits when the history's total is large.
  let recent = 0;
  for (let i = n - w; i < n; i += 1) recent += values[i] as number;
  const level = Math.max(0, recent / w);
  const sigma = horizonSigmas(values, steps, (origin) => meanEnding(origin), { fromOrigin: 0 }, unknownSpread(values));
  return { point: Array.from({ length: steps }, () => level), sigma };
};
