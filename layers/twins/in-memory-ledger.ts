/** The ledger in memory: the same rules as the DynamoDB ledger, for the simulator and the tests. */
import { isOpen, type Incident } from '../core/incident';
import type { AtRiskPool } from '../core/observed';
import { IncidentConflictError, type ActionRecord, type ClaimResult, type LedgerPort } from '../ports/ledger-port';

/** The ledger methods a failure can be injected into. */
export type LedgerMethod = {
  [K in keyof LedgerPort]: LedgerPort[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof LedgerPort];

interface ClaimState {
  status: 'in-progress' | 'completed';
  leaseUntilMs: number;
  /** Epoch seconds, as the table's TTL attribute: the claim is forgotten once `expiresAtS * 1000 <= now`. */
  expiresAtS: number;
}

/** Same as the DynamoDB ledger: a completion whose claim was already gone is remembered for a day. */
const ORPHAN_COMPLETION_TTL_SECONDS = 24 * 60 * 60;

/** Stored values are copies through JSON, as the table stores them: callers can't mutate what was saved. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const byTimeThenKey = (a: ActionRecord, b: ActionRecord): number =>
  a.atMs - b.atMs || a.idempotencyKey.localeCompare(b.idempotencyKey);

/**
 * LedgerPort in memory, with the DynamoDB adapter's semantics (leases free at their end instant, a new
 * incident replaces only an ended one, the later at-risk mark wins, lock owners may renew). Time comes
 * only from the arguments, so a simulated clock drives it.
 *
 * @example
 * const ledger = new InMemoryLedger();
 * ledger.failNext('saveIncident', new Error('ThrottlingException'));
 * await expect(ledger.saveIncident(incident)).rejects.toThrow('ThrottlingException');
 */
export class InMemoryLedger implements LedgerPort {
  private claims = new Map<string, ClaimState>();
  private incidentsByInstance = new Map<string, Incident>();
  private actionsByIncident = new Map<string, Map<string, ActionRecord>>();
  private atRisk = new Map<string, AtRiskPool>();
  private interruptionsByPool = new Map<string, Map<string, number>>();
  private locks = new Map<string, { owner: string; leaseUntilMs: number }>();
  private cooldowns = new Map<string, number>();
  private failures = new Map<LedgerMethod, Error[]>();

  /** Forget everything, injected failures included. */
  reset(): void {
    this.claims.clear();
    this.incidentsByInstance.clear();
    this.actionsByIncident.clear();
    this.atRisk.clear();
    this.interruptionsByPool.clear();
    this.locks.clear();
    this.cooldowns.clear();
    this.failures.clear();
  }

  /** The next call of `method` throws `error` instead of running (queued: call twice to fail twice). */
  failNext(method: LedgerMethod, error: Error): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
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
    this.maybeFail('claim');
    const held = this.claims.get(key);
    const taken =
      held !== undefined &&
      held.expiresAtS * 1000 > nowMs &&
      (held.status === 'completed' || held.leaseUntilMs > nowMs);
    if (taken) return held.status;
    this.claims.set(key, {
      status: 'in-progress',
      leaseUntilMs: nowMs + leaseMs,
      expiresAtS: Math.ceil(nowMs / 1000) + ttlSeconds,
    });
    return 'acquired';
  }

  async completeClaim(key: string, nowMs: number): Promise<void> {
    this.maybeFail('completeClaim');
    const expiresAtS = this.claims.get(key)?.expiresAtS ?? Math.ceil(nowMs / 1000) + ORPHAN_COMPLETION_TTL_SECONDS;
    this.claims.set(key, { status: 'completed', leaseUntilMs: nowMs, expiresAtS });
  }

  async releaseClaim(key: string): Promise<void> {
    this.maybeFail('releaseClaim');
    if (this.claims.get(key)?.status === 'in-progress') this.claims.delete(key);
  }

  async getIncident(instanceId: string): Promise<Incident | undefined> {
    this.maybeFail('getIncident');
    const stored = this.incidentsByInstance.get(instanceId);
    return stored === undefined ? undefined : copy(stored);
  }

  async saveIncident(incident: Incident): Promise<void> {
    this.maybeFail('saveIncident');
    const stored = this.incidentsByInstance.get(incident.instanceId);
    const accepted =
      incident.version === 1
        ? stored === undefined || (stored.incidentId !== incident.incidentId && !isOpen(stored))
        : stored?.incidentId === incident.incidentId && stored.version === incident.version - 1;
    if (!accepted) throw new IncidentConflictError(incident.incidentId);
    this.incidentsByInstance.set(incident.instanceId, copy(incident));
  }

  async recordAction(record: ActionRecord): Promise<void> {
    this.maybeFail('recordAction');
    const byKey = this.actionsByIncident.get(record.incidentId) ?? new Map<string, ActionRecord>();
    if (!byKey.has(record.idempotencyKey)) byKey.set(record.idempotencyKey, copy(record));
    this.actionsByIncident.set(record.incidentId, byKey);
  }

  async listActions(incidentId: string): Promise<ActionRecord[]> {
    this.maybeFail('listActions');
    return [...(this.actionsByIncident.get(incidentId)?.values() ?? [])].map(copy).sort(byTimeThenKey);
  }

  async markPoolAtRisk(pool: AtRiskPool): Promise<void> {
    this.maybeFail('markPoolAtRisk');
    const stored = this.atRisk.get(pool.poolKey);
    if (stored === undefined || stored.untilMs <= pool.untilMs) this.atRisk.set(pool.poolKey, copy(pool));
  }

  async listAtRiskPools(nowMs: number): Promise<AtRiskPool[]> {
    this.maybeFail('listAtRiskPools');
    return [...this.atRisk.values()]
      .filter((pool) => pool.untilMs > nowMs)
      .sort((a, b) => (a.poolKey < b.poolKey ? -1 : a.poolKey > b.poolKey ? 1 : 0))
      .map(copy);
  }

  async recordInterruption(poolKey: string, instanceId: string, atMs: number): Promise<void> {
    this.maybeFail('recordInterruption');
    const byEvent = this.interruptionsByPool.get(poolKey) ?? new Map<string, number>();
    byEvent.set(`${atMs}#${instanceId}`, atMs);
    this.interruptionsByPool.set(poolKey, byEvent);
  }

  async countInterruptions(poolKey: string, sinceMs: number): Promise<number> {
    this.maybeFail('countInterruptions');
    return [...(this.interruptionsByPool.get(poolKey)?.values() ?? [])].filter((atMs) => atMs >= sinceMs).length;
  }

  async acquireLock(name: string, owner: string, nowMs: number, leaseMs: number): Promise<boolean> {
    this.maybeFail('acquireLock');
    const held = this.locks.get(name);
    if (held !== undefined && held.leaseUntilMs > nowMs && held.owner !== owner) return false;
    this.locks.set(name, { owner, leaseUntilMs: nowMs + leaseMs });
    return true;
  }

  async releaseLock(name: string, owner: string): Promise<void> {
    this.maybeFail('releaseLock');
    if (this.locks.get(name)?.owner === owner) this.locks.delete(name);
  }

  async getCooldownUntil(scope: string): Promise<number | undefined> {
    this.maybeFail('getCooldownUntil');
    return this.cooldowns.get(scope);
  }

  async setCooldownUntil(scope: string, untilMs: number): Promise<void> {
    this.maybeFail('setCooldownUntil');
    this.cooldowns.set(scope, untilMs);
  }

  private maybeFail(method: LedgerMethod): void {
    const [next, ...rest] = this.failures.get(method) ?? [];
    if (next === undefined) return;
    this.failures.set(method, rest);
    throw next;
  }
}
