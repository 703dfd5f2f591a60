/** The ledger in memory: the same rules as the DynamoDB ledger, for the simulator and the tests. */
import type { ForecastState } from '../core/forecast/forecast-state';
import type { GpuAlarmMemory } from '../core/gpu-alarm/gpu-alarm-memory';
import { isOpen, type Incident } from '../core/incident';
import type { AtRiskPool } from '../core/observed';
import { rebalanceRequestExpired, type RebalanceRequest } from '../core/rebalance-request';
import type { RebalanceState } from '../core/rebalancer/rebalance-state';
import { IncidentConflictError, type ActionRecord, type ClaimResult, type LedgerPort } from '../ports/ledger-port';
import { InMemoryFleetLedger } from './in-memory-fleet-ledger';
import { InMemoryClaims } from './in-memory-ledger-claims';
import { InjectedFailures } from './injected-failures';

/** The ledger methods a failure can be injected into. */
export type LedgerMethod = {
  [K in keyof LedgerPort]: LedgerPort[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof LedgerPort];

/** Stored values are copies through JSON, as the table stores them: callers can't mutate what was saved. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const byTimeThenKey = (a: ActionRecord, b: ActionRecord): number =>
  a.atMs - b.atMs || a.idempotencyKey.localeCompare(b.idempotencyKey);

/**
 * LedgerPort in memory, with the DynamoDB adapter's semantics (leases free at their end instant, a new
 * incident replaces only an ended one, the later at-risk mark wins, lock owners may renew, open incidents are
 * listed per fleet until a day after their last save, fleet states are versioned). Time comes
 * only from the arguments, so a simulated clock drives it.
 *
 * @example
 * const ledger = new InMemoryLedger();
 * ledger.failNext('saveIncident', new Error('ThrottlingException'));
 * await expect(ledger.saveIncident(incident)).rejects.toThrow('ThrottlingException');
 */
export class InMemoryLedger implements LedgerPort {
  private claims = new InMemoryClaims();
  private incidentsByInstance = new Map<string, Incident>();
  private actionsByIncident = new Map<string, Map<string, ActionRecord>>();
  private atRisk = new Map<string, AtRiskPool>();
  private interruptionsByPool = new Map<string, Map<string, number>>();
  private locks = new Map<string, { owner: string; leaseUntilMs: number }>();
  private cooldowns = new Map<string, number>();
  private fleets = new InMemoryFleetLedger();
  private failures = new InjectedFailures<LedgerMethod>();

  /** Forget everything, injected failures included. */
  reset(): void {
    this.claims.clear();
    this.incidentsByInstance.clear();
    this.actionsByIncident.clear();
    this.atRisk.clear();
    this.interruptionsByPool.clear();
    this.locks.clear();
    this.cooldowns.clear();
    this.fleets.clear();
    this.failures.clear();
  }

  /** The next call of `method` throws `error` instead of running (queued: call twice to fail twice). */
  failNext(method: LedgerMethod, error: Error): void {
    this.failures.queue(method, error);
  }

  /** Every instance's current incident, copied. */
  incidents(): Incident[] {
    return [...this.incidentsByInstance.values()].map(copy);
  }

  /** Every recorded action of every incident, oldest first. */
  actions(): ActionRecord[] {
    return [...this.actionsByIncident.values()].flatMap((byKey) => [...byKey.values()].map(copy)).sort(byTimeThenKey);
  }

  async claim(key: string, nowMs: number, leaseMs: number, ttlSeconds: number): Promise<ClaimResult> {
    this.failures.throwNext('claim');
    return this.claims.claim(key, nowMs, leaseMs, ttlSeconds);
  }

  async completeClaim(key: string, nowMs: number): Promise<void> {
    this.failures.throwNext('completeClaim');
    this.claims.complete(key, nowMs);
  }

  async releaseClaim(key: string): Promise<void> {
    this.failures.throwNext('releaseClaim');
    this.claims.release(key);
  }

  async getIncident(instanceId: string): Promise<Incident | undefined> {
    this.failures.throwNext('getIncident');
    const stored = this.incidentsByInstance.get(instanceId);
    return stored === undefined ? undefined : copy(stored);
  }

  async saveIncident(incident: Incident): Promise<void> {
    this.failures.throwNext('saveIncident');
    const stored = this.incidentsByInstance.get(incident.instanceId);
    const accepted =
      incident.version === 1
        ? stored === undefined || (stored.incidentId !== incident.incidentId && !isOpen(stored))
        : stored?.incidentId === incident.incidentId && stored.version === incident.version - 1;
    if (!accepted) throw new IncidentConflictError(incident.incidentId);
    this.incidentsByInstance.set(incident.instanceId, copy(incident));
    this.fleets.trackIncident(incident);
  }

  async recordAction(record: ActionRecord): Promise<void> {
    this.failures.throwNext('recordAction');
    const byKey = this.actionsByIncident.get(record.incidentId) ?? new Map<string, ActionRecord>();
    if (!byKey.has(record.idempotencyKey)) byKey.set(record.idempotencyKey, copy(record));
    this.actionsByIncident.set(record.incidentId, byKey);
  }

  async listActions(incidentId: string): Promise<ActionRecord[]> {
    this.failures.throwNext('listActions');
    return [...(this.actionsByIncident.get(incidentId)?.values() ?? [])].map(copy).sort(byTimeThenKey);
  }

  async markPoolAtRisk(pool: AtRiskPool): Promise<void> {
    this.failures.throwNext('markPoolAtRisk');
    const stored = this.atRisk.get(pool.poolKey);
    if (stored === undefined || stored.untilMs <= pool.untilMs) this.atRisk.set(pool.poolKey, copy(pool));
  }

  async listAtRiskPools(nowMs: number): Promise<AtRiskPool[]> {
    this.failures.throwNext('listAtRiskPools');
    return [...this.atRisk.values()]
      .filter((pool) => pool.untilMs > nowMs)
      .sort((a, b) => (a.poolKey < b.poolKey ? -1 : a.poolKey > b.poolKey ? 1 : 0))
      .map(copy);
  }

  async recordInterruption(poolKey: string, instanceId: string, atMs: number): Promise<void> {
    this.failures.throwNext('recordInterruption');
    const byEvent = this.interruptionsByPool.get(poolKey) ?? new Map<string, number>();
    byEvent.set(`${atMs}#${instanceId}`, atMs);
    this.interruptionsByPool.set(poolKey, byEvent);
  }

  async countInterruptions(poolKey: string, sinceMs: number): Promise<number> {
    this.failures.throwNext('countInterruptions');
    return [...(this.interruptionsByPool.get(poolKey)?.values() ?? [])].filter((atMs) => atMs >= sinceMs).length;
  }

  async acquireLock(name: string, owner: string, nowMs: number, leaseMs: number): Promise<boolean> {
    this.failures.throwNext('acquireLock');
    const held = this.locks.get(name);
    if (held !== undefined && held.leaseUntilMs > nowMs && held.owner !== owner) return false;
    this.locks.set(name, { owner, leaseUntilMs: nowMs + leaseMs });
    return true;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    this.failures.throwNext('releaseLock');
    if (this.locks.get(name)?.owner === owner) this.locks.delete(name);
  }

  async getCooldownUntil(scope: string): Promise<number | undefined> {
    this.failures.throwNext('getCooldownUntil');
    return this.cooldowns.get(scope);
  }

  async setCooldownUntil(scope: string, untilMs: number): Promise<void> {
    this.failures.throwNext('setCooldownUntil');
    this.cooldowns.set(scope, untilMs);
  }

  async listOpenIncidentIds(fleetId: string, nowMs: number): Promise<string[]> {
    this.failures.throwNext('listOpenIncidentIds');
    return this.fleets.openIncidentIds(fleetId, nowMs);
  }

  async getForecastState(fleetId: string): Promise<ForecastState | undefined> {
    this.failures.throwNext('getForecastState');
    return this.fleets.forecastStates.get(fleetId);
  }

  async saveForecastState(state: ForecastState): Promise<void> {
    this.failures.throwNext('saveForecastState');
    this.fleets.forecastStates.save(state, state.version - 1);
  }

  async getGpuAlarmMemory(fleetId: string): Promise<GpuAlarmMemory | undefined> {
    this.failures.throwNext('getGpuAlarmMemory');
    return this.fleets.gpuAlarmMemories.get(fleetId);
  }

  async saveGpuAlarmMemory(memory: GpuAlarmMemory): Promise<void> {
    this.failures.throwNext('saveGpuAlarmMemory');
    this.fleets.gpuAlarmMemories.save({ ...memory, version: memory.version + 1 }, memory.version);
  }

  async requestRebalance(request: RebalanceRequest): Promise<void> {
    this.failures.throwNext('requestRebalance');
    this.fleets.requestRebalance(request);
  }

  async listRebalanceRequests(fleetId: string, nowMs?: number): Promise<RebalanceRequest[]> {
    this.failures.throwNext('listRebalanceRequests');
    // As the table's TTL: a request past its retention is not listed (`expiresAt * 1000 <= nowMs`).
    return this.fleets.rebalanceRequestsOf(fleetId).filter((r) => nowMs === undefined || !rebalanceRequestExpired(r, nowMs));
  }

  async getRebalanceState(fleetId: string): Promise<RebalanceState | undefined> {
    this.failures.throwNext('getRebalanceState');
    return this.fleets.rebalanceStates.get(fleetId);
  }

  async saveRebalanceState(state: RebalanceState): Promise<void> {
    this.failures.throwNext('saveRebalanceState');
    this.fleets.rebalanceStates.save(state, state.version - 1);
  }
}
