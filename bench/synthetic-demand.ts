/** A seeded synthetic demand series with daily and weekly cycles and count noise (bench timing and bench tests). */
import type { DemandSeries } from '../layers/core/forecast/forecast-types';
import { seededRandom } from '../sim/model/random';

/** Monday 2026-11-02T00:00Z: day 0 of the synthetic weeks. */
const START_MS = Date.UTC(2026, 10, 2);

/**
 * `days` of `stepSeconds` steps: a daytime peak (about 3x the night), weekends at 60%, and noise of the size of
 * counting noise (sqrt of the mean), so the series behaves like request sums from CloudWatch.
 */
export const syntheticDemand = (days: number, stepSeconds: number, seed = 7, peak = 2_000): DemandSeries => {
  const random = seededRandom(seed);
  const perDay = Math.round(86_400 / stepSeconds);
  const values: number[] = [];
  for (let i = 0; i < days * perDay; i += 1) {
    const hour = ((i % perDay) / perDay) * 24;
    const weekend = Math.floor(i / perDay) % 7 >= 5 ? 0.6 : 1;
    const mean = peak * weekend * (0.35 + 0.65 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI)) ** 1.5);
    // Box-Muller: one normal draw per step.
    const normal = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    values.push(Math.max(0, mean + Math.sqrt(mean) * normal));
  }
  return { startMs: START_MS, stepSeconds, values };
};
