/** Seasonal-naive forecasts: each future step is the same step one day earlier (the yardstick of MASE). */
import type { DemandSeries } from './forecast-types';
import { imputeGaps } from './impute-gaps';
import { seasonLengths } from './season-lengths';

/**
 * Where step `index + h` of a series of `daily` steps a day is read by seasonal-naive from the end of step `index`:
 * the last day seen at that time of day (one day back for h <= daily, two for the next day, and so on).
 */
export const naiveSource = (index: number, h: number, daily: number): number => index + h - daily * Math.ceil(h / daily);

/**
 * The next `horizonSteps` steps of `series`, each the value of the same time of day in the last day of the
 * history; gaps are filled from the same time on neighbouring days first. With less than a day of history, or a
 * step that does not divide a day, every step is the last value (plain naive). No datapoint at all: `[]`.
 *
 * @example
 * ```ts
 * seasonalNaive({ startMs: 0, stepSeconds: 43_200, values: [10, 30, 12, 31] }, 3); // [12, 31, 12]
 * ```
 */
export const seasonalNaive = (series: DemandSeries, horizonSteps: number): number[] => {
  const seasons = seasonLengths(series.stepSeconds);
  const daily = 'daily' in seasons ? seasons.daily : 0;
  const { values, present } = imputeGaps(series.values, daily);
  if (present === 0) return [];
  const last = values.length - 1;
  const out: number[] = [];
  for (let h = 1; h <= Math.max(0, Math.floor(horizonSteps)); h += 1) {
    const source = daily > 0 && values.length >= daily ? naiveSource(last, h, daily) : last;
    out.push(Math.max(0, values[source] as number));
  }
  return out;
};
