/** What the cost use cases keep in the ledger: spend samples per fleet, cost incidents, and the spend-rate check's memory. */
import type { CostIncident } from '../core/cost/cost-incident';
import type { CostSample } from '../core/cost/cost-sample';
import type { SpendWatchState } from '../core/cost/spend-watch-state';

export type { CostIncident } from '../core/cost/cost-incident';
export type { CostSample } from '../core/cost/cost-sample';
export type { SpendWatchState } from '../core/cost/spend-watch-state';

/** Thrown by a versioned save when the stored version is not the one read: read again and decide again. */
export class CostLedgerConflictError extends Error {
  override readonly name = 'CostLedgerConflictError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`saving ${what}: it was changed concurrently`, options);
  }
}

/**
 * @example
 * await costs.saveCostSample(sample); // idempotent on (fleetId, atMs)
 * const day = await costs.listCostSamples(fleetId, dayStartMs, dayStartMs + 86_400_000);
 */
export interface CostLedgerPort {
  /** Keeps one sample per (fleetId, atMs): saving the same again replaces it. Kept 400 days (chargeback by month). */
  saveCostSample(sample: CostSample): Promise<void>;
  /** Samples with fromMs <= atMs < toMs, oldest first. */
  listCostSamples(fleetId: string, fromMs: number, toMs: number): Promise<CostSample[]>;
  getCostIncident(anomalyId: string): Promise<CostIncident | undefined>;
  /** @throws CostLedgerConflictError when the stored version is not `incident.version - 1`. */
  saveCostIncident(incident: CostIncident): Promise<void>;
  /** Incidents opened at or after `sinceMs`, newest first. */
  listCostIncidents(sinceMs: number): Promise<CostIncident[]>;
  getSpendWatch(fleetId: string): Promise<SpendWatchState | undefined>;
  /** @throws CostLedgerConflictError when the stored version is not `state.version - 1`. */
  saveSpendWatch(state: SpendWatchState): Promise<void>;
}
