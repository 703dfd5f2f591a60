/** The ledger (DynamoDB): idempotency claims, incidents, actions with before/after, pool risk, cooldowns, locks. */
import type { ActionStatus, Incident } from '../core/incident';
import type { AtRiskPool } from '../core/observed';
import type { ForecastState } from '../core/forecast/forecast-state';
import type { GpuAlarmMemory } from '../core/gpu-alarm/gpu-alarm-memory';
import type { RebalanceRequest } from '../core/rebalance-request';
import type { RebalanceState } from '../core/rebalancer/rebalance-state';

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

/** Thrown by saveForecastState when another run saved the fleet's state first. */
export class ForecastStateConflictError extends Error {
  readonly retryable = true;
  constructor(fleetId: string, options?: { cause?: unknown }) {
    super(`saving the forecast state of fleet ${fleetId}: it was changed concurrently`, options);
    this.name = 'ForecastStateConflictError';
  }
}

/** Thrown by saveGpuAlarmMemory when another invocation saved the fleet's alarm memory since it was read. */
export class GpuAlarmMemoryConflictError extends Error {
  readonly retryable = true;
  constructor(fleetId: string, options?: { cause?: unknown }) {
    super(`saving the gpu-alarm memory of fleet ${fleetId}: it was changed concurrently`, options);
    this.name = 'GpuAlarmMemoryConflictError';
  }
}

/** Thrown by saveRebalanceState when another run saved the fleet's rebalancer state first. */
export class RebalanceStateConflictError extends Error {
  readonly retryable = true;
  constructor(fleetId: string, options?: { cause?: unknown }) {
    super(`saving the rebalancer state of fleet ${fleetId}: it was changed concurrently`, options);
    this.name = 'RebalanceStateConflictError';
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

  /**
   * Incidents of the fleet that are open at `nowMs` (not closed or stood down): the forecast scaler never
   * scales in while one is open. Kept by saveIncident in a per-fleet index.
   */
  listOpenIncidentIds(fleetId: string, nowMs: number): Promise<string[]>;

  getForecastState(fleetId: string): Promise<ForecastState | undefined>;
  /** Save with optimistic concurrency: `state.version` must be the stored version + 1 (1 for the first save). */
  saveForecastState(state: ForecastState): Promise<void>;

  getGpuAlarmMemory(fleetId: string): Promise<GpuAlarmMemory | undefined>;
  /**
   * Save with optimistic concurrency: `memory.version` is the version read (0 when there was none); the ledger stores
   * it as version + 1. @throws GpuAlarmMemoryConflictError when the stored version is another.
   */
  saveGpuAlarmMemory(memory: GpuAlarmMemory): Promise<void>;

  /** Keeps the fleet's latest request per reason: an older one than the stored one changes nothing. */
  requestRebalance(request: RebalanceRequest): Promise<void>;
  /**
   * The fleet's requests, one per reason at most, oldest first. With `nowMs`, requests past their retention
   * (REBALANCE_REQUEST_RETENTION_MS, the table's TTL) are left out, as the TTL would have deleted them.
   */
  listRebalanceRequests(fleetId: string, nowMs?: number): Promise<RebalanceRequest[]>;

  getRebalanceState(fleetId: string): Promise<RebalanceState | undefined>;
  /**
   * Save with optimistic concurrency: `state.version` must be the stored version + 1 (1 for the first save).
   * @throws RebalanceStateConflictError when another run saved first.
   */
  saveRebalanceState(state: RebalanceState): Promise<void>;
}
