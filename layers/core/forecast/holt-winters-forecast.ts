/** Holt-Winters end to end: initialise, fit, forecast, and the prediction-interval widths from in-sample errors. */
import type { HwParams, HwState, HwTrace } from './holt-winters-double';
import { copyState, forecastFromState, runHoltWinters } from './holt-winters-double';
import { fitHoltWinters } from './holt-winters-fit';
import { initialState } from './holt-winters-init';
import type { InSamplePredictor } from './horizon-sigma';
import { horizonSigmas } from './horizon-sigma';

/** Season lengths in steps; `weekly` 0 for the daily-only model. */
export interface HwSeasons {
  daily: number;
  weekly: number;
}

export interface HwForecast {
  point: number[];
  sigma: number[];
  params: HwParams;
}

/** Weeks (double-seasonal) or days (daily-only) the starting indices are averaged over, at most. */
const INIT_WEEKS = 4;
const INIT_DAYS = 7;

/**
 * The forecast of step `origin + h` as the model stood at the end of step `origin`, read back from a recorded run:
 * the index of a phase at that time is the one last written a whole number of seasons before the target.
 */
const inSamplePredictor = (trace: HwTrace, init: HwState, p: HwParams): InSamplePredictor => {
  const m1 = init.daily.length;
  const m2 = init.weekly.length;
  const indexAt = (written: Float64Array, start: Float64Array, m: number, target: number, h: number): number => {
    const at = target - m * Math.ceil(h / m);
    return at >= 0 ? (written[at] as number) : (start[target % m] as number);
  };
  return (origin, h) => {
    const target = origin + h;
    const daily = indexAt(trace.daily, init.daily, m1, target, h);
    const weekly = m2 > 0 ? indexAt(trace.weekly, init.weekly, m2, target, h) : 0;
    return (trace.level[origin] as number) + daily + weekly + p.phi ** h * (trace.error[origin] as number);
  };
};

/**
 * Fit and forecast `steps` steps after the end of `y` (NaN = gap, the first value present).
 *
 * The starting indices average up to four weeks (or seven days): with the usual four weeks of history that is all
 * of it, which estimates each time-of-week far better than the first two weeks alone, and the smoothing weights
 * then decide how fast the indices move. Errors of steps the indices were averaged over would understate the
 * error ahead, so sigma comes from a second run started from one cycle fewer, scored only on the steps after it:
 * errors the model made on data its indices had not seen.
 *
 * @param lossHorizons horizons fitted besides one step (see {@link runHoltWinters})
 * @param known weights to use instead of fitting them (an earlier fit on the same series)
 */
export const holtWintersForecast = (y: Float64Array, seasons: HwSeasons, steps: number, lossHorizons: readonly number[], known?: HwParams): HwForecast => {
  const longest = seasons.weekly > 0 ? seasons.weekly : seasons.daily;
  const cycles = Math.max(1, Math.min(seasons.weekly > 0 ? INIT_WEEKS : INIT_DAYS, Math.floor(y.length / longest)));
  const init = initialState(y, seasons.daily, seasons.weekly, cycles);
  // Fitting is ~99% of the work; weights fitted a few hours ago on nearly the same history are as good.
  const params = known ?? fitHoltWinters(y, init, seasons.weekly > 0, lossHorizons).params;
  const state = copyState(init);
  runHoltWinters(y, state, params);
  const point = forecastFromState(state, params, steps).map((v) => (v > 0 ? v : 0));
  const unseen = Math.max(1, cycles - 1);
  const n = y.length;
  const trace: HwTrace = { level: new Float64Array(n), daily: new Float64Array(n), weekly: new Float64Array(n), error: new Float64Array(n) };
  const holdout = initialState(y, seasons.daily, seasons.weekly, unseen);
  runHoltWinters(y, copyState(holdout), params, trace);
  const window = { fromOrigin: seasons.daily - 1, fromTarget: unseen * longest };
  const sigma = horizonSigmas(y, steps, inSamplePredictor(trace, holdout, params), window, state.scale);
  return { point, sigma, params };
};
