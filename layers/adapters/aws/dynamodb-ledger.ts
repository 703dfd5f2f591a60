/** The ledger on one DynamoDB table: claims, incidents, actions, pool risk, interruptions, locks, cooldowns. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Incident } from '../../core/incident';
import type { AtRiskPool } from '../../core/observed';
import { IncidentConflictError, type ActionRecord, type ClaimResult, type LedgerPort } from '../../ports/ledger-port';
import { epochSecondsCeil, epochSecondsFloor, ledgerKeys, plainData, withoutStorageAttributes } from './dynamodb-ledger-keys';
import { LedgerTable } from './dynamodb-ledger-table';

export interface DynamoDbLedgerOptions {
  /** A plain DynamoDBClient is wrapped in a document client; a document client is used as given. */
  client: DynamoDBDocumentClient | DynamoDBClient;
  tableName: string;
}

/** Interruption history is kept 90 days: the Spot advisor's buckets look back one month, risk scores a quarter. */
const INTERRUPTION_RETENTION_MS = 90 * 24 * 3600 * 1000;
/** A claim freed between our conditional write and our read is tried again this many times in all. */
const CLAIM_ATTEMPTS = 3;
/** How long a completion is remembered when its in-progress claim was already gone (released, or its TTL passed). */
const ORPHAN_COMPLETION_TTL_SECONDS = 24 * 60 * 60;

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

  constructor({ client, tableName }: DynamoDbLedgerOptions) {
    const doc = client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client);
    this.table = new LedgerTable(doc, tableName);
  }

  async claim(key: string, nowMs: number, leaseMs: number, ttlSeconds: number): Promise<ClaimResult> {
    const doing = `claiming key ${key}`;
    const lease = { claimedAtMs: nowMs, leaseUntilMs: nowMs + leaseMs, expiresAt: epochSecondsCeil(nowMs) + ttlSeconds };
    const item = { ...ledgerKeys.claim(key), status: 'in-progress', ...lease };
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
      const acquired = await this.table.putIf(doing, {
        Item: item,
        // Free, a lease that ran out, or an item past its TTL that DynamoDB has not deleted yet.
        ConditionExpression:
          'attribute_not_exists(pk) OR (#status = :inProgress AND leaseUntilMs <= :nowMs) OR expiresAt <= :nowSeconds',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'in-progress', ':nowMs': nowMs, ':nowSeconds': epochSecondsFloor(nowMs) },
      });
      if (acquired) return 'acquired';
      // ConditionalCheckFailed says only that the key is taken; the item says by what.
      const held = await this.table.get(doing, ledgerKeys.claim(key));
      if (held?.status === 'completed') return 'completed';
      if (held?.status === 'in-progress' && Number(held.leaseUntilMs) > nowMs) return 'in-progress';
      // Released or deleted between the write and the read: take another turn at the write.
    }
    return 'in-progress';
  }

  async completeClaim(key: string, nowMs: number): Promise<void> {
    const orphanExpiresAt = epochSecondsCeil(nowMs) + ORPHAN_COMPLETION_TTL_SECONDS;
    await this.table.update(`completing claim ${key}`, {
      Key: ledgerKeys.claim(key),
      UpdateExpression:
        'SET #status = :completed, completedAtMs = :nowMs, expiresAt = if_not_exists(expiresAt, :orphanExpiresAt) REMOVE leaseUntilMs',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':completed': 'completed', ':nowMs': nowMs, ':orphanExpiresAt': orphanExpiresAt },
    });
  }

  async releaseClaim(key: string): Promise<void> {
    // Only an in-progress claim is released: a completed one must keep saying so.
    await this.table.deleteIf(`releasing claim ${key}`, {
      Key: ledgerKeys.claim(key),
      ConditionExpression: '#status = :inProgress',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':inProgress': 'in-progress' },
    });
  }

  /** The instance's current incident (its latest one), open or ended. */
  async getIncident(instanceId: string): Promise<Incident | undefined> {
    const item = await this.table.get(`reading incident of instance ${instanceId}`, ledgerKeys.incident(instanceId));
    return item === undefined ? undefined : withoutStorageAttributes<Incident>(item);
  }

  /**
   * Version 1 creates the instance's incident, or replaces one that has ended (closed or stood down);
   * replacing an open one would mean two invocations opened incidents for one instance at once. Version n
   * replaces version n-1 of the same incident. Anything else is an IncidentConflictError.
   */
  async saveIncident(incident: Incident): Promise<void> {
    const isNew = incident.version === 1;
    const saved = await this.table.putIf(`saving incident ${incident.incidentId}`, {
      Item: { ...plainData(incident), ...ledgerKeys.incident(incident.instanceId) },
      ConditionExpression: isNew
        ? 'attribute_not_exists(pk) OR (incidentId <> :incidentId AND phase IN (:closed, :stoodDown))'
        : 'incidentId = :incidentId AND version = :storedVersion',
      ExpressionAttributeValues: isNew
        ? { ':incidentId': incident.incidentId, ':closed': 'closed', ':stoodDown': 'stood-down' }
        : { ':incidentId': incident.incidentId, ':storedVersion': incident.version - 1 },
    });
    if (!saved) throw new IncidentConflictError(incident.incidentId);
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
}
