/** A quantile of a forecast per step, by the normal approximation around its point forecast. */
import type { Forecast } from './forecast-types';
import { normalQuantile } from './normal-quantile';

/**
 * `point + z(q) * sigma` per step, clipped at 0 (demand is never negative): the demand each step stays below with
 * probability `q`. The intervals are calibrated where they are used (sigma matches the 90% central interval of
 * the in-sample errors), so q between 0.05 and 0.95 is what this reads best.
 *
 * @param q probability in (0, 1)
 * @throws RangeError when `q` is not inside (0, 1): a caller's bug, not a situation to decide around
 * @example
 * ```ts
 * forecastQuantile({ ...forecast, point: [100], sigma: [10] }, 0.9); // [112.8]
 * ```
 */
export const forecastQuantile = (forecast: Forecast, q: number): number[] => {
  if (!(q > 0 && q < 1)) throw new RangeError(`forecast quantile ${q} must be strictly between 0 and 1`);
  const z = normalQuantile(q);
  return forecast.point.map((point, i) => Math.max(0, point + z * (forecast.sigma[i] ?? 0)));
};
