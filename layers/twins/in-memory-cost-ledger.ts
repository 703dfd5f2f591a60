/** The cost ledger in memory: spend samples, cost incidents and spend-watch state with the DynamoDB adapter's rules. */
import type { CostIncident } from '../core/cost/cost-incident';
import type { CostSample } from '../core/cost/cost-sample';
import type { SpendWatchState } from '../core/cost/spend-watch-state';
import { CostLedgerConflictError, type CostLedgerPort } from '../ports/cost-ledger-port';
import { InjectedFailures } from './injected-failures';

/** The cost ledger methods a failure can be injected into. */
export type CostLedgerMethod = keyof CostLedgerPort;

/** Stored values are copies through JSON, as the table stores them: callers can't mutate what was saved. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const newestFirst = (a: CostIncident, b: CostIncident): number =>
  b.openedAtMs - a.openedAtMs || (a.anomalyId < b.anomalyId ? -1 : a.anomalyId > b.anomalyId ? 1 : 0);

/** A versioned save is accepted only over the version it was read from (none for version 1). */
function checkVersion(what: string, stored: { version: number } | undefined, next: { version: number }): void {
  const expected = next.version - 1;
  if ((stored?.version ?? 0) !== expected) throw new CostLedgerConflictError(what);
}

/**
 * CostLedgerPort in memory: one sample per (fleetId, atMs), saving again replaces it; incidents and spend-watch
 * states are versioned (a save must carry the stored version + 1). Time comes only from the arguments, so a
 * simulated clock drives it.
 *
 * @example
 * const costs = new InMemoryCostLedger();
 * costs.failNext('saveCostSample', new Error('ThrottlingException'));
 * await expect(costs.saveCostSample(sample)).rejects.toThrow('ThrottlingException');
 */
export class InMemoryCostLedger implements CostLedgerPort {
  private samplesByFleet = new Map<string, Map<number, CostSample>>();
  private incidentsById = new Map<string, CostIncident>();
  private watches = new Map<string, SpendWatchState>();
  private failures = new InjectedFailures<CostLedgerMethod>();

  /** Forget everything, injected failures included. */
  reset(): void {
    this.samplesByFleet.clear();
    this.incidentsById.clear();
    this.watches.clear();
    this.failures.clear();
  }

  /** The next call of `method` throws `error` instead of running (queued: call twice to fail twice). */
  failNext(method: CostLedgerMethod, error: Error): void {
    this.failures.queue(method, error);
  }

  /** Every stored sample of every fleet, oldest first, copied. */
  samples(): CostSample[] {
    return [...this.samplesByFleet.values()]
      .flatMap((byAt) => [...byAt.values()])
      .sort((a, b) => a.atMs - b.atMs || (a.fleetId < b.fleetId ? -1 : a.fleetId > b.fleetId ? 1 : 0))
      .map(copy);
  }

  /** Every stored incident, newest first, copied. */
  incidents(): CostIncident[] {
    return [...this.incidentsById.values()].sort(newestFirst).map(copy);
  }

  async saveCostSample(sample: CostSample): Promise<void> {
    this.failures.throwNext('saveCostSample');
    const byAt = this.samplesByFleet.get(sample.fleetId) ?? new Map<number, CostSample>();
    byAt.set(sample.atMs, copy(sample));
    this.samplesByFleet.set(sample.fleetId, byAt);
  }

  async listCostSamples(fleetId: string, fromMs: number, toMs: number): Promise<CostSample[]> {
    this.failures.throwNext('listCostSamples');
    return [...(this.samplesByFleet.get(fleetId)?.values() ?? [])]
      .filter((s) => s.atMs >= fromMs && s.atMs < toMs)
      .sort((a, b) => a.atMs - b.atMs)
      .map(copy);
  }

  async getCostIncident(anomalyId: string): Promise<CostIncident | undefined> {
    this.failures.throwNext('getCostIncident');
    const stored = this.incidentsById.get(anomalyId);
    return stored === undefined ? undefined : copy(stored);
  }

  async saveCostIncident(incident: CostIncident): Promise<void> {
    this.failures.throwNext('saveCostIncident');
    checkVersion(`cost incident ${incident.anomalyId}`, this.incidentsById.get(incident.anomalyId), incident);
    this.incidentsById.set(incident.anomalyId, copy(incident));
  }

  async listCostIncidents(sinceMs: number): Promise<CostIncident[]> {
    this.failures.throwNext('listCostIncidents');
    return [...this.incidentsById.values()].filter((i) => i.openedAtMs >= sinceMs).sort(newestFirst).map(copy);
  }

  async getSpendWatch(fleetId: string): Promise<SpendWatchState | undefined> {
    this.failures.throwNext('getSpendWatch');
    const stored = this.watches.get(fleetId);
    return stored === undefined ? undefined : copy(stored);
  }

  async saveSpendWatch(state: SpendWatchState): Promise<void> {
    this.failures.throwNext('saveSpendWatch');
    checkVersion(`spend watch of ${state.fleetId}`, this.watches.get(state.fleetId), state);
    this.watches.set(state.fleetId, copy(state));
  }
}
