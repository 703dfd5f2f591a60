/** The ledger on one DynamoDB table: claims, incidents, actions, pool risk, interruptions, locks, cooldowns, fleet state. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ForecastState } from '../../core/forecast/forecast-state';
import type { GpuAlarmMemory } from '../../core/gpu-alarm/gpu-alarm-memory';
import type { Incident } from '../../core/incident';
import type { AtRiskPool } from '../../core/observed';
import type { RebalanceRequest } from '../../core/rebalance-request';
import type { RebalanceState } from '../../core/rebalancer/rebalance-state';
import type { ActionRecord, ClaimResult, LedgerPort } from '../../ports/ledger-port';
import { LedgerClaims } from './dynamodb-ledger-claims';
import { FORECAST_STATES, GPU_ALARM_MEMORIES, LedgerFleetStates, REBALANCE_STATES } from './dynamodb-ledger-fleet-states';
import { LedgerIncidents } from './dynamodb-ledger-incidents';
import { LedgerRebalanceRequests } from './dynamodb-ledger-rebalance-requests';
import { epochSecondsCeil, ledgerKeys, plainData, withoutStorageAttributes } from './dynamodb-ledger-keys';
import { LedgerTable } from './dynamodb-ledger-table';

export interface DynamoDbLedgerOptions {
  /** A plain DynamoDBClient is wrapped in a document client; a document client is used as given. */
  client: DynamoDBDocumentClient | DynamoDBClient;
  tableName: string;
}

/** Interruption history is kept 90 days: the Spot advisor's buckets look back one month, risk scores a quarter. */
const INTERRUPTION_RETENTION_MS = 90 * 24 * 3600 * 1000;

/**
 * LedgerPort on DynamoDB (single-table design, see `ledgerKeys`; the table is infra/ledger-table.yml).
 *
 * Every mutual-exclusion rule is a ConditionExpression, so concurrent Lambda invocations are serialized by
 * DynamoDB itself; reads are strongly consistent. Leases and "until" times end at their instant: a lease
 * until T is free at T. Items past their `expiresAt` (epoch seconds, the table's TTL attribute) are treated
 * as gone even while DynamoDB has not deleted them yet.
 * Retries are the SDK's: the caller builds the client with `retryMode: 'adaptive'` (client-side rate
 * limiting on throttles, the better fit for Lambda bursts) or `'standard'`, and `maxAttempts`. The adapter
 * calls once; what still fails is a LedgerError whose `retryable` says if a later attempt may succeed.
 *
 * @example
 * const client = new DynamoDBClient({ retryMode: 'adaptive', maxAttempts: 5 });
 * const ledger = new DynamoDbLedger({ client, tableName: config.ledgerTableName });
 * if ((await ledger.claim(event.id, nowMs, 60_000, 86_400)) !== 'acquired') return;
 */
export class DynamoDbLedger implements LedgerPort {
  private readonly table: LedgerTable;
  private readonly claims: LedgerClaims;
  private readonly incidents: LedgerIncidents;
  private readonly forecastStates: LedgerFleetStates<ForecastState>;
  private readonly gpuAlarmMemories: LedgerFleetStates<GpuAlarmMemory>;
  private readonly rebalanceRequests: LedgerRebalanceRequests;
  private readonly rebalanceStates: LedgerFleetStates<RebalanceState>;

  constructor({ client, tableName }: DynamoDbLedgerOptions) {
    const doc = client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client);
    this.table = new LedgerTable(doc, tableName);
    this.claims = new LedgerClaims(this.table);
    this.incidents = new LedgerIncidents(this.table);
    this.forecastStates = new LedgerFleetStates(this.table, FORECAST_STATES);
    this.gpuAlarmMemories = new LedgerFleetStates(this.table, GPU_ALARM_MEMORIES);
    this.rebalanceRequests = new LedgerRebalanceRequests(this.table);
    this.rebalanceStates = new LedgerFleetStates(this.table, REBALANCE_STATES);
  }

  async claim(key: string, nowMs: number, leaseMs: number, ttlSeconds: number): Promise<ClaimResult> {
    return this.claims.claim(key, nowMs, leaseMs, ttlSeconds);
  }

  async completeClaim(key: string, nowMs: number): Promise<void> {
    await this.claims.complete(key, nowMs);
  }

  async releaseClaim(key: string): Promise<void> {
    await this.claims.release(key);
  }

  /** The instance's current incident (its latest one), open or ended. */
  async getIncident(instanceId: string): Promise<Incident | undefined> {
    return this.incidents.get(instanceId);
  }

  /** Optimistic concurrency on `version` (see LedgerIncidents.save); also lists or unlists the incident as open. */
  async saveIncident(incident: Incident): Promise<void> {
    await this.incidents.save(incident);
  }

  async recordAction(record: ActionRecord): Promise<void> {
    // A duplicate (same incident, same idempotency key) keeps the first record and is not an error.
    await this.table.putIf(`recording action ${record.idempotencyKey} of incident ${record.incidentId}`, {
      Item: { ...plainData(record), ...ledgerKeys.action(record.incidentId, record.idempotencyKey) },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /** Actions of one incident, oldest first (ties by idempotency key). */
  async listActions(incidentId: string): Promise<ActionRecord[]> {
    const items = await this.table.queryAll(`listing actions of incident ${incidentId}`, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ledgerKeys.actionsPartition(incidentId) },
    });
    return items
      .map((item) => withoutStorageAttributes<ActionRecord>(item))
      .sort((a, b) => a.atMs - b.atMs || a.idempotencyKey.localeCompare(b.idempotencyKey));
  }

  /** The later `untilMs` wins: a late, shorter mark never shortens a pool's risk window. */
  async markPoolAtRisk(pool: AtRiskPool): Promise<void> {
    await this.table.putIf(`marking pool ${pool.poolKey} at risk`, {
      Item: { ...plainData(pool), ...ledgerKeys.atRiskPool(pool.poolKey), expiresAt: epochSecondsCeil(pool.untilMs) },
      ConditionExpression: 'attribute_not_exists(pk) OR untilMs <= :untilMs',
      ExpressionAttributeValues: { ':untilMs': pool.untilMs },
    });
  }

  /** Pools at risk at `nowMs`, ordered by pool key. */
  async listAtRiskPools(nowMs: number): Promise<AtRiskPool[]> {
    const items = await this.table.queryAll('listing at-risk pools', {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ledgerKeys.atRiskPartition },
    });
    // TTL deletion is lazy: DynamoDB removes expired items in the background, typically within a couple
    // of days and without a bound, so expired entries still come back here and must be dropped by us.
    return items.map((item) => withoutStorageAttributes<AtRiskPool>(item)).filter((pool) => pool.untilMs > nowMs);
  }

  async recordInterruption(poolKey: string, instanceId: string, atMs: number): Promise<void> {
    // Keyed by (pool, time, instance): recording the same notice twice overwrites it, so it counts once.
    const expiresAt = epochSecondsCeil(atMs + INTERRUPTION_RETENTION_MS);
    const item = { ...ledgerKeys.interruption(poolKey, instanceId, atMs), poolKey, instanceId, atMs, expiresAt };
    await this.table.put(`recording interruption of ${instanceId} in pool ${poolKey}`, item);
  }

  /** Interruptions in the pool at or after `sinceMs`. */
  async countInterruptions(poolKey: string, sinceMs: number): Promise<number> {
    const range = ledgerKeys.interruptionsSince(sinceMs);
    return this.table.count(`counting interruptions in pool ${poolKey}`, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': ledgerKeys.interruptionsPartition(poolKey), ':from': range.from, ':to': range.to },
    });
  }

  /** Exclusive while the lease lasts; the owner that holds it may take it again to extend its lease. */
  async acquireLock(name: string, owner: string, nowMs: number, leaseMs: number): Promise<boolean> {
    const leaseUntilMs = nowMs + leaseMs;
    return this.table.putIf(`acquiring lock ${name}`, {
      Item: { ...ledgerKeys.lock(name), owner, leaseUntilMs, expiresAt: epochSecondsCeil(leaseUntilMs) },
      ConditionExpression: 'attribute_not_exists(pk) OR leaseUntilMs <= :nowMs OR #owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':nowMs': nowMs, ':owner': owner },
    });
  }

  /** Releasing a lock held by another owner, or by nobody, does nothing. */
  async releaseLock(name: string, owner: string): Promise<void> {
    await this.table.deleteIf(`releasing lock ${name}`, {
      Key: ledgerKeys.lock(name),
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'owner' },
      ExpressionAttributeValues: { ':owner': owner },
    });
  }

  /** The last end set for the scope, even when already past (the caller compares it with its clock). */
  async getCooldownUntil(scope: string): Promise<number | undefined> {
    const item = await this.table.get(`reading cooldown ${scope}`, ledgerKeys.cooldown(scope));
    return item === undefined ? undefined : Number(item.untilMs);
  }

  async setCooldownUntil(scope: string, untilMs: number): Promise<void> {
    const item = { ...ledgerKeys.cooldown(scope), scope, untilMs, expiresAt: epochSecondsCeil(untilMs) };
    await this.table.put(`setting cooldown ${scope}`, item);
  }

  /** The fleet's incidents listed as open at `nowMs`: saved open, not yet ended, last saved less than a day ago. */
  async listOpenIncidentIds(fleetId: string, nowMs: number): Promise<string[]> {
    return this.incidents.listOpenIds(fleetId, nowMs);
  }

  async getForecastState(fleetId: string): Promise<ForecastState | undefined> {
    return this.forecastStates.get(fleetId);
  }

  async saveForecastState(state: ForecastState): Promise<void> {
    await this.forecastStates.save(state, state.version - 1);
  }

  async getGpuAlarmMemory(fleetId: string): Promise<GpuAlarmMemory | undefined> {
    return this.gpuAlarmMemories.get(fleetId);
  }

  async saveGpuAlarmMemory(memory: GpuAlarmMemory): Promise<void> {
    await this.gpuAlarmMemories.save({ ...memory, version: memory.version + 1 }, memory.version);
  }

  async requestRebalance(request: RebalanceRequest): Promise<void> {
    await this.rebalanceRequests.record(request);
  }

  async listRebalanceRequests(fleetId: string, nowMs?: number): Promise<RebalanceRequest[]> {
    return this.rebalanceRequests.list(fleetId, nowMs);
  }

  async getRebalanceState(fleetId: string): Promise<RebalanceState | undefined> {
    return this.rebalanceStates.get(fleetId);
  }

  async saveRebalanceState(state: RebalanceState): Promise<void> {
    await this.rebalanceStates.save(state, state.version - 1);
  }
}
