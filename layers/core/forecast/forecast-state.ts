/** What the forecast scaler remembers per fleet between runs (kept in the ledger, versioned). */
import type { ChatMessage } from '../chat-message';
import type { FittedWeights } from './forecast-types';

/** A forecast made at one run for a later step, kept until the history shows what the step really was. */
export interface PendingPrediction {
  /** Start of the step predicted. */
  atMs: number;
  /** The forecast's point value and the seasonal-naive value for that step (requests per step). */
  point: number;
  naive: number;
}

/** A scored prediction: absolute errors of the model and of seasonal-naive (the MASE scale). */
export interface ScoredPrediction {
  atMs: number;
  modelError: number;
  naiveError: number;
}

export interface ForecastState {
  fleetId: string;
  /** Optimistic concurrency: the stored version + 1 on every save (1 for the first). */
  version: number;
  lastRunAtMs: number;
  /** The Holt-Winters weights of the last fit and when they were fitted: runs in between reuse them. */
  fitted?: { weights: FittedWeights; atMs: number };
  pending: PendingPrediction[];
  scored: ScoredPrediction[];
  /** Capacity removed by scale-in, for the per-hour limit. */
  scaleIns: { atMs: number; units: number }[];
  /** When Slack was last told the model drifts / history is missing (one message per episode). */
  driftAlertedAtMs?: number;
  missingHistoryAlertedAtMs?: number;
  /**
   * When Slack was last told of a large action the guard held (dry-run, kill switch): the fleet does not change, so
   * every run would ask for it again; told once per episode, which ends at a run with no such action.
   */
  heldActionAlertedAtMs?: number;
  /**
   * What the run's capacity plan needs within the launch lead time, capacity units: the gpu-alarm function never
   * scales in below it and scales out at least to it while the run is recent (lastRunAtMs).
   */
  lastLeadUnits?: number;
  /** Slack messages that could not be delivered: sent again at the next run (oldest first, a few at most). */
  unsent?: ChatMessage[];
}

/** A fleet's state before its first run. */
export const emptyForecastState = (fleetId: string): ForecastState => ({
  fleetId,
  version: 0,
  lastRunAtMs: 0,
  pending: [],
  scored: [],
  scaleIns: [],
});
