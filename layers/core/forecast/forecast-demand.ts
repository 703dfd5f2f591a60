/** The forecaster's entry point: the richest model the history supports, with its prediction-interval widths. */
import { flatForecast, unknownSpread } from './flat-forecast';
import type { DemandSeries, FittedWeights, Forecast, ForecastModel } from './forecast-types';
import { holtWintersForecast } from './holt-winters-forecast';
import { horizonSigmas } from './horizon-sigma';
import { imputeGaps } from './impute-gaps';
import { naiveSource } from './seasonal-naive';
import { seasonLengths } from './season-lengths';

export { forecastQuantile } from './forecast-quantile';
export { seasonalNaive } from './seasonal-naive';

export interface ForecastOptions {
  /** Steps to forecast after the end of the history. */
  horizonSteps: number;
  /**
   * Weights of an earlier fit on this series: used instead of fitting when the same model is chosen again (the
   * state is still updated over the whole history, so the forecast follows every new datapoint).
   */
  fit?: FittedWeights;
}

interface Modelled {
  model: ForecastModel;
  note: string;
  point: number[];
  sigma: number[];
  fit?: FittedWeights;
}

const knownWeights = (fit: FittedWeights | undefined, model: FittedWeights['model']) =>
  fit?.model === model ? { alpha: fit.alpha, delta: fit.delta, omega: fit.omega, phi: fit.phi } : undefined;

const DOUBLE_DAYS = 14;
const DAILY_DAYS = 2;
/** Below this share of steps present in the span, the richer model would mostly read its own imputations. */
const MOSTLY_PRESENT = 0.5;

const fixed = (x: number, digits = 1): string => x.toFixed(digits);
const isFiniteAll = (xs: readonly number[]): boolean => xs.every(Number.isFinite);

const naiveModel = (y: Float64Array, filled: Float64Array, daily: number, steps: number): { point: number[]; sigma: number[] } => {
  const last = filled.length - 1;
  const point = Array.from({ length: steps }, (_, i) => Math.max(0, filled[naiveSource(last, i + 1, daily)] as number));
  const sigma = horizonSigmas(y, steps, (origin, h) => filled[naiveSource(origin, h, daily)] as number, { fromOrigin: daily - 1 }, unknownSpread(filled));
  return { point, sigma };
};

const meanOf = (xs: readonly number[]): number => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The model for a history with a daily cycle, by its length (days) and how much of it is present. */
const seasonalModel = (
  y: Float64Array,
  filled: Float64Array,
  daily: number,
  stepSeconds: number,
  steps: number,
  days: number,
  share: number,
  fit: FittedWeights | undefined,
): Modelled => {
  const history = `${fixed(days)} days of history${share < 1 ? ` (${fixed(100 * share, 0)}% present)` : ''}`;
  const lossHorizons = [Math.round(3_600 / stepSeconds)].filter((h) => h > 1);
  const sparse = share < MOSTLY_PRESENT ? `; too sparse for Holt-Winters (needs ${fixed(100 * MOSTLY_PRESENT, 0)}% present)` : '';
  if (days >= DOUBLE_DAYS && !sparse) {
    const model = 'double-seasonal-holt-winters';
    const hw = holtWintersForecast(y, { daily, weekly: 7 * daily }, steps, lossHorizons, knownWeights(fit, model));
    const { alpha, delta, omega, phi } = hw.params;
    const weights = `alpha ${fixed(alpha, 2)}, delta ${fixed(delta, 2)}, omega ${fixed(omega, 2)}, phi ${fixed(phi, 2)}`;
    if (isFiniteAll(hw.point) && isFiniteAll(hw.sigma)) {
      return { model, note: `${history}: double-seasonal Holt-Winters (daily and weekly cycles; ${weights})`, point: hw.point, sigma: hw.sigma, fit: { model, ...hw.params } };
    }
  }
  const naive = naiveModel(y, filled, daily, steps);
  if (days < DAILY_DAYS || sparse) {
    const why = sparse || `; Holt-Winters needs ${DAILY_DAYS} days`;
    return { model: 'seasonal-naive', note: `${history}: seasonal-naive (the same step a day earlier)${why}`, ...naive };
  }
  const hw = holtWintersForecast(y, { daily, weekly: 0 }, steps, lossHorizons, knownWeights(fit, 'daily-holt-winters'));
  const weekly = days < DOUBLE_DAYS ? `the weekly cycle needs ${DOUBLE_DAYS} days` : 'the double-seasonal fit failed';
  const span = Math.min(Math.max(1, steps), daily);
  const hwError = meanOf(hw.sigma.slice(0, span));
  const naiveError = meanOf(naive.sigma.slice(0, span));
  if (!isFiniteAll(hw.point) || !isFiniteAll(hw.sigma) || naiveError < hwError) {
    const errors = `in-sample error ${fixed(naiveError)} vs ${fixed(hwError)}`;
    return { model: 'seasonal-naive', note: `${history}: seasonal-naive, which fits it better than daily Holt-Winters (${errors}); ${weekly}`, ...naive };
  }
  return {
    model: 'daily-holt-winters',
    note: `${history}: daily-seasonal Holt-Winters; ${weekly}`,
    point: hw.point,
    sigma: hw.sigma,
    fit: { model: 'daily-holt-winters', ...hw.params },
  };
};

/**
 * Forecast the `horizonSteps` steps after the end of `series`, choosing the richest model its history supports:
 *
 * - 14 days or more, mostly present: double-seasonal Holt-Winters (daily and weekly cycles, AR(1) error).
 * - 2 to 14 days: daily-seasonal Holt-Winters, or seasonal-naive when that made the smaller in-sample errors.
 * - 1 to 2 days: seasonal-naive (the same step a day earlier).
 * - less than a day, or a step that does not divide a day: flat at the mean of the last hour.
 * - no datapoint at all: model `none`, empty arrays.
 *
 * Holt-Winters weights minimise the in-sample error one step and one hour ahead (one-step alone lets the level
 * chase noise, which costs accuracy at the lead times that matter); sigma comes from the errors made at each
 * horizon on data the seasonal indices had not been averaged over.
 *
 * The history runs from its first datapoint; gaps inside it are read as the model's own forecast (Holt-Winters) or
 * filled from the same time on neighbouring days, never as zeros. Gaps at the end make the forecast that much
 * further ahead, and its sigma wider. Outputs are never NaN or negative; sigma never decreases with the horizon.
 * `note` says which model and why, in words for Slack and logs.
 *
 * @example
 * ```ts
 * const forecast = forecastDemand({ startMs, stepSeconds: 300, values }, { horizonSteps: 72 });
 * forecast.model; // 'double-seasonal-holt-winters' for 4 weeks of 5-minute sums
 * ```
 */
export const forecastDemand = (series: DemandSeries, options: ForecastOptions): Forecast => {
  const { stepSeconds, values } = series;
  const steps = Number.isFinite(options.horizonSteps) ? Math.max(0, Math.floor(options.horizonSteps)) : 0;
  const startMs = series.startMs + values.length * stepSeconds * 1000;
  const present = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
  const first = values.findIndex(present);
  const last = values.length - 1 - [...values].reverse().findIndex(present);
  const count = values.filter(present).length;
  const coverage = values.length > 0 ? count / values.length : 0;
  if (first < 0) return { model: 'none', note: 'no datapoint in the history: no forecast', startMs, stepSeconds, point: [], sigma: [], coverage };
  const kept = values.slice(first, last + 1);
  const gap = values.length - 1 - last;
  const ahead = steps + gap;
  const seasons = seasonLengths(stepSeconds);
  const daily = 'daily' in seasons ? seasons.daily : 0;
  const filled = imputeGaps(kept, daily).values;
  const y = Float64Array.from(kept, (v) => (present(v) ? v : Number.NaN));
  const days = (kept.length * stepSeconds) / 86_400;
  const lateNote = gap > 0 ? `; the last ${gap} steps have no datapoint, so the forecast starts that far ahead` : '';
  let chosen: Modelled;
  if (!('daily' in seasons)) {
    chosen = { model: 'flat', note: `${seasons.reason}: flat at the recent mean`, ...flatForecast(filled, stepSeconds, ahead) };
  } else if (kept.length < daily) {
    chosen = { model: 'flat', note: `${fixed(days)} days of history: flat at the recent mean; the daily cycle needs 1 day`, ...flatForecast(filled, stepSeconds, ahead) };
  } else {
    chosen = seasonalModel(y, filled, daily, stepSeconds, ahead, days, count / kept.length, options.fit);
  }
  return {
    model: chosen.model,
    note: chosen.note + lateNote,
    startMs,
    stepSeconds,
    point: chosen.point.slice(gap).map((v) => (Number.isFinite(v) && v > 0 ? v : 0)),
    sigma: chosen.sigma.slice(gap),
    coverage,
    ...(chosen.fit ? { fit: chosen.fit } : {}),
  };
};
