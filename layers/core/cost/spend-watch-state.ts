/** What the spend-rate check remembers per fleet between runs (kept in the ledger, versioned). */

export interface SpendWatchState {
  fleetId: string;
  /** Optimistic concurrency: the stored version + 1 on every save (1 for the first). */
  version: number;
  lastRunAtMs: number;
  /** Since when the spend rate has been above its band (unset while inside it). */
  outsideSinceMs?: number;
  /** The spend-rate anomaly raised for the current episode, if any (one per episode). */
  openAnomalyId?: string;
}
