/** The fleets' rebalance requests in the ledger table: one item per fleet and reason, the latest request kept. */
import type { RebalanceRequest } from '../../core/rebalance-request';
import { ledgerKeys, plainData, withoutStorageAttributes } from './dynamodb-ledger-keys';
import type { LedgerTable } from './dynamodb-ledger-table';

/**
 * In the fleet's partition, beside its states: the rebalancer lists them with one Query. No expiry: a request stays
 * until a newer one of the same reason replaces it (the rebalancer compares its time with its own last look).
 */
export class LedgerRebalanceRequests {
  constructor(private readonly table: LedgerTable) {}

  /** A request older than the stored one of its reason fails the condition and changes nothing. */
  async record(request: RebalanceRequest): Promise<void> {
    await this.table.putIf(`recording the ${request.reason} rebalance request of fleet ${request.fleetId}`, {
      Item: { ...plainData(request), ...ledgerKeys.rebalanceRequest(request.fleetId, request.reason) },
      ConditionExpression: 'attribute_not_exists(pk) OR requestedAtMs <= :requestedAtMs',
      ExpressionAttributeValues: { ':requestedAtMs': request.requestedAtMs },
    });
  }

  /** Oldest first (ties by reason). */
  async list(fleetId: string): Promise<RebalanceRequest[]> {
    const items = await this.table.queryAll(`listing rebalance requests of fleet ${fleetId}`, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ledgerKeys.fleetPartition(fleetId), ':prefix': ledgerKeys.rebalanceRequestPrefix },
    });
    return items
      .map((item) => withoutStorageAttributes<RebalanceRequest>(item))
      .sort((a, b) => a.requestedAtMs - b.requestedAtMs || a.reason.localeCompare(b.reason));
  }
}
