// Synthetic demand series for the forecaster's tests: a known daily and weekly cycle, optional seeded noise.
import type { DemandSeries } from '../../layers/core/forecast/forecast-types';
import { seededRandom } from '../../sim/model/random';

/** Monday 2026-11-02T00:00Z. */
export const MONDAY_MS = Date.UTC(2026, 10, 2);

export interface SeriesShape {
  stepSeconds: number;
  /** Mean demand per step at the daily mean, weekdays. */
  base?: number;
  /** Amplitude of the daily sine, as a share of `base`. */
  dailySwing?: number;
  /** Weekend demand is this much below the weekday demand (per step). */
  weekendDrop?: number;
}

/** The noise-free demand of step `i` (step 0 at Monday 00:00): a daily sine, lower on weekends. */
export const cycleValue = (shape: SeriesShape, i: number): number => {
  const perDay = 86_400 / shape.stepSeconds;
  const base = shape.base ?? 1_000;
  const weekend = Math.floor(i / perDay) % 7 >= 5 ? (shape.weekendDrop ?? 300) : 0;
  return base + base * (shape.dailySwing ?? 0.5) * Math.sin((2 * Math.PI * (i % perDay)) / perDay - Math.PI / 2) - weekend;
};

/** `steps` steps of the cycle, each plus `noise(i)`; `undefined` where `gap(i)` holds. */
export const cycleSeries = (
  shape: SeriesShape,
  steps: number,
  options: { noise?: (i: number) => number; gap?: (i: number) => boolean; startMs?: number } = {},
): DemandSeries => ({
  startMs: options.startMs ?? MONDAY_MS,
  stepSeconds: shape.stepSeconds,
  values: Array.from({ length: steps }, (_, i) => (options.gap?.(i) ? undefined : Math.max(0, cycleValue(shape, i) + (options.noise?.(i) ?? 0)))),
});

/** Independent normal noise of standard deviation `sd`, seeded, the same for the same step on every call. */
export const gaussianNoise = (sd: number, seed: number, steps: number): ((i: number) => number) => {
  const random = seededRandom(seed);
  const draws = Array.from({ length: steps }, () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next()) * sd);
  return (i) => draws[i] ?? 0;
};

export const DAY_5MIN = 288;
export const WEEK_5MIN = 7 * DAY_5MIN;

/** Persistent noise: AR(1) with coefficient `phi` on seeded normal shocks of standard deviation `sd`. */
export const arNoise = (sd: number, phi: number, seed: number, steps: number): ((i: number) => number) => {
  const shocks = gaussianNoise(sd, seed, steps);
  const values: number[] = [];
  for (let i = 0; i < steps; i += 1) values.push(phi * (values[i - 1] ?? 0) + shocks(i));
  return (i) => values[i] ?? 0;
};
