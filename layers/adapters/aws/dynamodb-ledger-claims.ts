/** Idempotency claims in the ledger table: a lease per key, completed once the work is done, released on failure. */
import type { ClaimResult } from '../../ports/ledger-port';
import { epochSecondsCeil, epochSecondsFloor, ledgerKeys } from './dynamodb-ledger-keys';
import type { LedgerTable } from './dynamodb-ledger-table';

/** A claim freed between our conditional write and our read is tried again this many times in all. */
const CLAIM_ATTEMPTS = 3;
/** How long a completion is remembered when its in-progress claim was already gone (released, or its TTL passed). */
const ORPHAN_COMPLETION_TTL_SECONDS = 24 * 60 * 60;

/** The claim rules of LedgerPort (`claim`, `completeClaim`, `releaseClaim`), each a conditional write. */
export class LedgerClaims {
  constructor(private readonly table: LedgerTable) {}

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

  async complete(key: string, nowMs: number): Promise<void> {
    const orphanExpiresAt = epochSecondsCeil(nowMs) + ORPHAN_COMPLETION_TTL_SECONDS;
    await this.table.update(`completing claim ${key}`, {
      Key: ledgerKeys.claim(key),
      UpdateExpression:
        'SET #status = :completed, completedAtMs = :nowMs, expiresAt = if_not_exists(expiresAt, :orphanExpiresAt) REMOVE leaseUntilMs',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':completed': 'completed', ':nowMs': nowMs, ':orphanExpiresAt': orphanExpiresAt },
    });
  }

  async release(key: string): Promise<void> {
    // Only an in-progress claim is released: a completed one must keep saying so.
    await this.table.deleteIf(`releasing claim ${key}`, {
      Key: ledgerKeys.claim(key),
      ConditionExpression: '#status = :inProgress',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':inProgress': 'in-progress' },
    });
  }
}
