/** The forecaster's contract: a demand history in, point forecasts with their error spread out. */

/**
 * A demand history on a regular grid, oldest first: `values[i]` is the demand (requests summed over the step)
 * of the step starting at `startMs + i * stepSeconds * 1000`; `undefined` is a step with no datapoint (a gap).
 */
export interface DemandSeries {
  startMs: number;
  stepSeconds: number;
  values: readonly (number | undefined)[];
}

/** Which model produced a forecast: the richest one the history supports. */
export type ForecastModel =
  /** Taylor (2003): level, daily and weekly seasonal components, AR(1) error adjustment. */
  | 'double-seasonal-holt-winters'
  /** Holt-Winters with the daily cycle only (less than two weeks of history). */
  | 'daily-holt-winters'
  /** The value of the same step one day earlier (one to two days of history). */
  | 'seasonal-naive'
  /** The recent mean (less than a day of history). */
  | 'flat'
  /** No usable history at all: no forecast. */
  | 'none';

export interface Forecast {
  model: ForecastModel;
  /** Why this model, in words for Slack and logs ("3.2 days of history: the weekly cycle needs 14"). */
  note: string;
  /** Start of the first forecast step (= the end of the history). */
  startMs: number;
  stepSeconds: number;
  /** Point forecast per step (requests per step), never negative, never NaN. */
  point: number[];
  /** Standard deviation of the forecast error per step (grows with the horizon), never negative. */
  sigma: number[];
  /** Share of the history's steps that had a datapoint, 0..1. */
  coverage: number;
  /** The Holt-Winters weights used (Holt-Winters models only): kept so later runs can skip the fit. */
  fit?: FittedWeights;
}

/** Smoothing weights of a Holt-Winters model, and the model they were fitted for. */
export interface FittedWeights {
  model: 'double-seasonal-holt-winters' | 'daily-holt-winters';
  alpha: number;
  delta: number;
  omega: number;
  phi: number;
}
