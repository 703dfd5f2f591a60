/** Is the model drifting? Predictions of past runs scored against what the history later showed (MASE-like). */
import type { DemandSeries, Forecast } from './forecast-types';
import type { ForecastState, PendingPrediction, ScoredPrediction } from './forecast-state';

/** Most predictions and scores kept per fleet: a day of 5-minute runs is plenty for a rolling window. */
const MAX_KEPT = 288;

const valueAt = (series: DemandSeries, atMs: number): number | undefined => {
  const index = (atMs - series.startMs) / (series.stepSeconds * 1000);
  return Number.isInteger(index) && index >= 0 && index < series.values.length ? series.values[index] : undefined;
};

/**
 * Moves the pending predictions whose step the history now covers into `scored` (a step with no datapoint is
 * dropped unscored), and keeps the rest pending. Predictions older than the history are dropped.
 */
export const scorePredictions = (
  state: Pick<ForecastState, 'pending' | 'scored'>,
  history: DemandSeries,
): { pending: PendingPrediction[]; scored: ScoredPrediction[] } => {
  const endMs = history.startMs + history.values.length * history.stepSeconds * 1000;
  const pending: PendingPrediction[] = [];
  const scored = [...state.scored];
  for (const p of state.pending) {
    if (p.atMs >= endMs) {
      pending.push(p);
      continue;
    }
    const actual = valueAt(history, p.atMs);
    if (actual === undefined) continue;
    scored.push({ atMs: p.atMs, modelError: Math.abs(actual - p.point), naiveError: Math.abs(actual - p.naive) });
  }
  return { pending: pending.slice(-MAX_KEPT), scored: scored.slice(-MAX_KEPT) };
};

/**
 * Ratio of the model's mean absolute error to seasonal-naive's over the last `window` scored predictions (MASE
 * with the naive forecast of the same steps as the scale). Undefined until `window` predictions are scored, or
 * when naive was exact on all of them (nothing to scale by).
 */
export const driftRatio = (scored: readonly ScoredPrediction[], window: number): number | undefined => {
  if (window <= 0 || scored.length < window) return undefined;
  const recent = scored.slice(-window);
  const naive = recent.reduce((sum, s) => sum + s.naiveError, 0);
  const model = recent.reduce((sum, s) => sum + s.modelError, 0);
  return naive > 0 ? model / naive : undefined;
};

/**
 * The prediction a run keeps for scoring: the forecast `aheadSteps` steps out (an hour by default: the horizon
 * capacity is planned over) and the value seasonal-naive gives the same step (the same step a day earlier).
 */
export const predictionToKeep = (forecast: Forecast, history: DemandSeries, aheadSteps: number): PendingPrediction | undefined => {
  const index = Math.min(aheadSteps, forecast.point.length) - 1;
  const point = forecast.point[index];
  if (index < 0 || point === undefined) return undefined;
  const atMs = forecast.startMs + index * forecast.stepSeconds * 1000;
  const naive = valueAt(history, atMs - 86_400_000);
  return naive === undefined ? undefined : { atMs, point, naive };
};
