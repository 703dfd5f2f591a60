/** The ledger (DynamoDB): idempotency claims, incidents, actions with before/after, pool risk, cooldowns, locks. */
import type { ActionStatus, Incident } from '../core/incident';
import type { AtRiskPool } from '../core/observed';

export type ClaimResult = 'acquired' | 'in-progress' | 'completed';

/** One executed (or dry-run, blocked, failed) action, kept for audit and for Slack. */
export interface ActionRecord {
  incidentId: string;
  idempotencyKey: string;
  type: string;
  fleetId: string;
  instanceId?: string;
  reason: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  status: ActionStatus;
  atMs: number;
  error?: string;
}

/** Thrown by saveIncident when the stored version is not the expected one (someone else saved first). */
export class IncidentConflictError extends Error {
  readonly retryable = true;
  constructor(incidentId: string, options?: { cause?: unknown }) {
    super(`saving incident ${incidentId}: it was changed concurrently`, options);
    this.name = 'IncidentConflictError';
  }
}

export interface LedgerPort {
  /**
   * Claim a key for processing (conditional write). `acquired`: go ahead; `in-progress`: another invocation
   * holds an unexpired lease; `completed`: already done. An expired in-progress lease can be acquired again.
   */
  claim(key: string, nowMs: number, leaseMs: number, ttlSeconds: number): Promise<ClaimResult>;
  completeClaim(key: string, nowMs: number): Promise<void>;
  /** Release an in-progress claim so a retry can take it at once (after a failure). */
  releaseClaim(key: string): Promise<void>;

  getIncident(instanceId: string): Promise<Incident | undefined>;
  /** Save with optimistic concurrency: `incident.version` must be the stored version + 1 (1 for a new one). */
  saveIncident(incident: Incident): Promise<void>;

  /** Idempotent on (incidentId, idempotencyKey): a second write with the same key keeps the first. */
  recordAction(record: ActionRecord): Promise<void>;
  listActions(incidentId: string): Promise<ActionRecord[]>;

  markPoolAtRisk(pool: AtRiskPool): Promise<void>;
  /** Pools still at risk at `nowMs` (expired entries are not returned). */
  listAtRiskPools(nowMs: number): Promise<AtRiskPool[]>;
  recordInterruption(poolKey: string, instanceId: string, atMs: number): Promise<void>;
  countInterruptions(poolKey: string, sinceMs: number): Promise<number>;

  /** A short lease on a name (e.g. one fleet's capacity), so read-modify-write of its target is serialized. */
  acquireLock(name: string, owner: string, nowMs: number, leaseMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;

  getCooldownUntil(scope: string): Promise<number | undefined>;
  setCooldownUntil(scope: string, untilMs: number): Promise<void>;
}
