/** The starting state of Holt-Winters from the first weeks (or days) of history, by robust seasonal means. */
import type { HwState } from './holt-winters-double';

/**
 * Mean of the values without the lowest and the highest (from three values on): one odd cycle (a holiday, the days
 * after a level shift) cannot bend it, and with four weeks it is the mean of the middle two, which loses little
 * against the plain mean on ordinary noise (variance 0.30 against 0.25 sigma^2).
 */
export const robustMean = (values: number[]): number => {
  if (values.length === 0) return 0;
  const kept = values.length >= 3 ? [...values].sort((a, b) => a - b).slice(1, -1) : values;
  return kept.reduce((a, b) => a + b, 0) / kept.length;
};

const MAD_TO_SIGMA = 1.4826;

const medianOf = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** The level of each cycle: the mean of its present values less the profile (NaN with no present value). */
const cycleLevels = (y: Float64Array, cycles: number, period: number, profile: Float64Array): Float64Array => {
  const levels = new Float64Array(cycles);
  for (let c = 0; c < cycles; c += 1) {
    let sum = 0;
    let count = 0;
    for (let p = 0; p < period; p += 1) {
      const v = y[c * period + p] as number;
      if (v !== v) continue;
      sum += v - (profile[p] as number);
      count += 1;
    }
    levels[c] = count > 0 ? sum / count : Number.NaN;
  }
  return levels;
};

/**
 * Per phase, the robust mean over cycles of the value less its cycle's level, centred to sum to 0 over seen phases;
 * and the noise of those means: the variance of one deviation (from the pooled median absolute residual, so a
 * holiday does not inflate it) over the cycles less one (which also undoes the residuals' shrink toward the mean).
 */
const profileOf = (y: Float64Array, cycles: number, period: number, levels: Float64Array): { profile: Float64Array; noise: number } => {
  const profile = new Float64Array(period);
  const seen: number[] = [];
  const residuals: number[] = [];
  for (let p = 0; p < period; p += 1) {
    const deviations: number[] = [];
    for (let c = 0; c < cycles; c += 1) {
      const v = y[c * period + p] as number;
      const level = levels[c] as number;
      if (v === v && level === level) deviations.push(v - level);
    }
    if (deviations.length === 0) continue;
    const mean = robustMean(deviations);
    profile[p] = mean;
    seen.push(p);
    if (deviations.length >= 2) for (const d of deviations) residuals.push(Math.abs(d - mean));
  }
  const centre = seen.reduce((sum, p) => sum + (profile[p] as number), 0) / Math.max(1, seen.length);
  for (const p of seen) profile[p] = (profile[p] as number) - centre;
  return { profile, noise: (MAD_TO_SIGMA * medianOf(residuals)) ** 2 / Math.max(1, cycles - 1) };
};

/**
 * Shrink each weekly index toward its moving average over `halfWidth` steps each side (about an hour in all), by how
 * far it stands out of the noise: a time-of-week estimated from four weeks is noisy, and most of what sets one weekday apart changes over
 * hours, not minutes; a real step (a weekend starting at midnight) stands far out of the noise and is kept.
 * Positive-part James-Stein per index: keep the share 1 - noise / deviation^2 of its deviation from the average.
 */
export const shrinkWeekly = (weekly: Float64Array, halfWidth: number, noise: number): Float64Array => {
  const m = weekly.length;
  if (noise <= 0 || halfWidth < 1 || m === 0) return weekly;
  const out = new Float64Array(m);
  let sum = 0;
  for (let j = -halfWidth; j <= halfWidth; j += 1) sum += weekly[(j + m) % m] as number;
  for (let k = 0; k < m; k += 1) {
    const smooth = sum / (2 * halfWidth + 1);
    const deviation = (weekly[k] as number) - smooth;
    const keep = deviation !== 0 ? Math.max(0, 1 - noise / (deviation * deviation)) : 0;
    out[k] = smooth + keep * deviation;
    sum += (weekly[(k + halfWidth + 1) % m] as number) - (weekly[(k - halfWidth + m) % m] as number);
  }
  return out;
};

/**
 * The state before the first step, from the first `cycles` whole cycles of the longest season (weeks, or days for
 * the daily-only model): each cycle gets its own level, and each time of the cycle the robust mean, over cycles,
 * of its value less that level. So a level shift or a holiday inside the span moves one cycle's level or is
 * dropped as the odd one out, instead of being averaged into the indices (which no later level change would undo).
 * The daily index is the mean of the profile per time of day; the weekly index is the rest. Gaps (NaN) are skipped.
 *
 * @param y the history, NaN for a gap
 * @param daily steps per day; `weekly` 0 for the daily-only model
 * @param cycles whole cycles to average over (at most what `y` holds)
 */
export const initialState = (y: Float64Array, daily: number, weekly: number, cycles: number): HwState => {
  const period = weekly > 0 ? weekly : daily;
  const whole = Math.max(1, Math.min(cycles, Math.floor(y.length / period)));
  let profile: Float64Array = new Float64Array(period);
  let levels = cycleLevels(y, whole, period, profile);
  // Levels first from raw means, then again net of the profile: a cycle with gaps is not biased by which phases it lacks.
  profile = profileOf(y, whole, period, levels).profile;
  levels = cycleLevels(y, whole, period, profile);
  const estimate = profileOf(y, whole, period, levels);
  profile = estimate.profile;
  const dailyIndex = new Float64Array(daily);
  for (let p = 0; p < daily; p += 1) {
    let sum = 0;
    for (let k = p; k < period; k += daily) sum += profile[k] as number;
    dailyIndex[p] = sum / (period / daily);
  }
  const raw = weekly > 0 ? profile.map((v, k) => v - (dailyIndex[k % daily] as number)) : new Float64Array(0);
  // Half an hour each side, at least one step: 6 steps of 5 minutes, 1 of 30 minutes.
  const weeklyIndex = shrinkWeekly(raw, Math.ceil(daily / 48), estimate.noise);
  const level = Number.isNaN(levels[0] as number) ? [...levels].find((l) => !Number.isNaN(l)) ?? 0 : (levels[0] as number);
  return { level, daily: dailyIndex, weekly: weeklyIndex, dayPhase: 0, weekPhase: 0, lastError: 0, ...scaleOf(y, levels, profile) };
};

/** Mean absolute residual of the starting state over its span (the first clipping unit), and its floor. */
const scaleOf = (y: Float64Array, levels: Float64Array, profile: Float64Array): { scale: number; scaleFloor: number } => {
  let residuals = 0;
  let magnitude = 0;
  let count = 0;
  for (let i = 0; i < levels.length * profile.length; i += 1) {
    const v = y[i] as number;
    if (v !== v) continue;
    residuals += Math.abs(v - (levels[Math.floor(i / profile.length)] as number) - (profile[i % profile.length] as number));
    magnitude += Math.abs(v);
    count += 1;
  }
  const scaleFloor = 1e-3 * (count > 0 ? magnitude / count : 0) + 1e-9;
  return { scale: Math.max(scaleFloor, count > 0 ? residuals / count : 0), scaleFloor };
};
