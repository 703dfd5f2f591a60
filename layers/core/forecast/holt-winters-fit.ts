/** Fit the Holt-Winters weights by minimising the in-sample one-step (and one-hour) loss: a coarse grid, then a pattern search. */
import type { HwParams, HwState } from './holt-winters-double';
import { copyState, runHoltWinters } from './holt-winters-double';

/** The fitted weights and their mean in-sample loss. */
export interface FittedHw {
  params: HwParams;
  meanLoss: number;
}

type Vector = [number, number, number, number];

const GRID: readonly (readonly number[])[] = [
  [0.02, 0.1, 0.3],
  [0.02, 0.1, 0.3],
  [0.02, 0.1, 0.3],
  [0, 0.5, 0.9],
];
const UPPER: Vector = [1, 1, 1, 0.98];
const START_STEP = 0.08;
const MIN_STEP = 0.004;
const MAX_EVALUATIONS = 200;

const toParams = ([alpha, delta, omega, phi]: Vector): HwParams => ({ alpha, delta, omega, phi });

/**
 * Weights in [0, 1] (phi in [0, 0.98]) minimising the Huber loss of the one-step errors over the whole history
 * (plus those at `horizons`, see {@link runHoltWinters}).
 *
 * The loss surface of exponential smoothing is smooth and has few local minima in these bounds, so a 3^4 grid
 * finds the basin and a coordinate pattern search (halving its step) settles in it, at a few hundred runs of the
 * recursion. With `weekly` off (the daily-only model), omega stays 0.
 *
 * @param y the history, NaN for a gap
 * @param init the state before the first step (from `initialState`)
 */
export const fitHoltWinters = (y: Float64Array, init: HwState, withWeekly: boolean, horizons: readonly number[] = []): FittedHw => {
  const lossOf = (v: Vector): number => {
    const { loss, count } = runHoltWinters(y, copyState(init), toParams(v), undefined, horizons);
    return count > 0 ? loss / count : 0;
  };
  let best: Vector = [0.1, 0.1, 0, 0.5];
  let bestLoss = Infinity;
  for (const a of GRID[0] ?? []) {
    for (const d of GRID[1] ?? []) {
      for (const w of withWeekly ? (GRID[2] ?? []) : [0]) {
        for (const f of GRID[3] ?? []) {
          const v: Vector = [a, d, w, f];
          const loss = lossOf(v);
          if (loss < bestLoss) {
            best = v;
            bestLoss = loss;
          }
        }
      }
    }
  }
  let step = START_STEP;
  let evaluations = 0;
  const free = withWeekly ? [0, 1, 2, 3] : [0, 1, 3];
  while (step >= MIN_STEP && evaluations < MAX_EVALUATIONS) {
    let improved = false;
    for (const k of free) {
      for (const sign of [1, -1]) {
        const candidate: Vector = [...best];
        candidate[k] = Math.min(UPPER[k] as number, Math.max(0, (best[k] as number) + sign * step));
        if (candidate[k] === best[k]) continue;
        const loss = lossOf(candidate);
        evaluations += 1;
        if (loss < bestLoss) {
          best = candidate;
          bestLoss = loss;
          improved = true;
          break;
        }
      }
    }
    if (!improved) step /= 2;
  }
  return { params: toParams(best), meanLoss: bestLoss };
};
