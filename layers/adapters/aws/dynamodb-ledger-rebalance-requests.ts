/** The fleets' rebalance requests in the ledger table: one item per fleet and reason, the latest request kept. */
import { REBALANCE_REQUEST_RETENTION_MS, type RebalanceRequest } from '../../core/rebalance-request';
import { epochSecondsCeil, ledgerKeys, plainData, withoutStorageAttributes } from './dynamodb-ledger-keys';
import type { LedgerTable } from './dynamodb-ledger-table';

/**
 * In the fleet's partition, beside its states: the rebalancer lists them with one Query. A request stays until a newer
 * one of the same reason replaces it or its TTL (`expiresAt`, REBALANCE_REQUEST_RETENTION_MS after it was made) ends
 * it; TTL deletes lazily, so a listing at a given time leaves out what has expired by then.
 */
export class LedgerRebalanceRequests {
  constructor(private readonly table: LedgerTable) {}

  /** A request older than the stored one of its reason fails the condition and changes nothing. */
  async record(request: RebalanceRequest): Promise<void> {
    await this.table.putIf(`recording the ${request.reason} rebalance request of fleet ${request.fleetId}`, {
      Item: { ...plainData(request), ...ledgerKeys.rebalanceRequest(request.fleetId, request.reason), expiresAt: epochSecondsCeil(request.requestedAtMs + REBALANCE_REQUEST_RETENTION_MS) },
      ConditionExpression: 'attribute_not_exists(pk) OR requestedAtMs <= :requestedAtMs',
      ExpressionAttributeValues: { ':requestedAtMs': request.requestedAtMs },
    });
  }

  /** Oldest first (ties by reason); with `nowMs`, without those expired by then (an item written before the TTL never expires). */
  async list(fleetId: string, nowMs?: number): Promise<RebalanceRequest[]> {
    const items = await this.table.queryAll(`listing rebalance requests of fleet ${fleetId}`, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ledgerKeys.fleetPartition(fleetId), ':prefix': ledgerKeys.rebalanceRequestPrefix },
    });
    return items
      .filter((item) => nowMs === undefined || item.expiresAt === undefined || Number(item.expiresAt) * 1000 > nowMs)
      .map((item) => withoutStorageAttributes<RebalanceRequest>(item))
      .sort((a, b) => a.requestedAtMs - b.requestedAtMs || a.reason.localeCompare(b.reason));
  }
}
