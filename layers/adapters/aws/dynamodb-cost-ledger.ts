/** The cost ledger on the ledger's DynamoDB table: spend samples, cost incidents and the spend-rate check's state. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CostIncident } from '../../core/cost/cost-incident';
import type { CostSample } from '../../core/cost/cost-sample';
import type { SpendWatchState } from '../../core/cost/spend-watch-state';
import { CostLedgerConflictError, type CostLedgerPort } from '../../ports/cost-ledger-port';
import { LedgerCostIncidents } from './dynamodb-cost-incidents';
import { COST_RETENTION_MS, costKeys } from './dynamodb-cost-ledger-keys';
import { LedgerFleetStates, type FleetStateKind } from './dynamodb-ledger-fleet-states';
import { epochSecondsCeil, plainData, withoutStorageAttributes } from './dynamodb-ledger-keys';
import { LedgerTable } from './dynamodb-ledger-table';

export interface DynamoDbCostLedgerOptions {
  /** A plain DynamoDBClient is wrapped in a document client; a document client is used as given. */
  client: DynamoDBDocumentClient | DynamoDBClient;
  /** The ledger table (infra/ledger-table.yml): the cost items use their own key prefixes (`costKeys`). */
  tableName: string;
}

/** The spend-rate check's state: one item per fleet, no expiry, saved with version = stored + 1 by the caller. */
const SPEND_WATCHES: FleetStateKind = {
  noun: 'spend watch',
  key: costKeys.spendWatch,
  conflict: (fleetId) => new CostLedgerConflictError(`spend watch of fleet ${fleetId}`),
};

/**
 * CostLedgerPort on DynamoDB. Reads are strongly consistent; versioned saves are ConditionExpressions, so
 * concurrent runs are serialized by DynamoDB. Samples and incidents carry `expiresAt` (the table's TTL attribute)
 * 400 days after their time. SDK failures surface as LedgerError (`retryable` says whether a later attempt may work).
 *
 * @example
 * const costs = new DynamoDbCostLedger({ client: new DynamoDBClient({ retryMode: 'adaptive' }), tableName });
 * await costs.saveCostSample(sample);
 */
export class DynamoDbCostLedger implements CostLedgerPort {
  private readonly table: LedgerTable;
  private readonly incidents: LedgerCostIncidents;
  private readonly watches: LedgerFleetStates<SpendWatchState>;

  constructor({ client, tableName }: DynamoDbCostLedgerOptions) {
    const doc = client instanceof DynamoDBDocumentClient ? client : DynamoDBDocumentClient.from(client);
    this.table = new LedgerTable(doc, tableName);
    this.incidents = new LedgerCostIncidents(this.table);
    this.watches = new LedgerFleetStates(this.table, SPEND_WATCHES);
  }

  async saveCostSample(sample: CostSample): Promise<void> {
    await this.table.put(`saving cost sample of fleet ${sample.fleetId} at ${sample.atMs}`, {
      ...plainData(sample),
      ...costKeys.sample(sample.fleetId, sample.atMs),
      expiresAt: epochSecondsCeil(sample.atMs + COST_RETENTION_MS),
    });
  }

  async listCostSamples(fleetId: string, fromMs: number, toMs: number): Promise<CostSample[]> {
    if (!(fromMs < toMs)) return [];
    const { from, to } = costKeys.samplesBetween(fromMs, toMs);
    const items = await this.table.queryAll(`listing cost samples of fleet ${fleetId}`, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': costKeys.samplesPartition(fleetId), ':from': from, ':to': to },
    });
    return items
      .map((item) => withoutStorageAttributes<CostSample>(item))
      .filter((s) => s.atMs >= fromMs && s.atMs < toMs)
      .sort((a, b) => a.atMs - b.atMs);
  }

  async getCostIncident(anomalyId: string): Promise<CostIncident | undefined> {
    return this.incidents.get(anomalyId);
  }

  async saveCostIncident(incident: CostIncident): Promise<void> {
    await this.incidents.save(incident);
  }

  async listCostIncidents(sinceMs: number): Promise<CostIncident[]> {
    return this.incidents.listSince(sinceMs);
  }

  async getSpendWatch(fleetId: string): Promise<SpendWatchState | undefined> {
    return this.watches.get(fleetId);
  }

  async saveSpendWatch(state: SpendWatchState): Promise<void> {
    await this.watches.save(state, state.version - 1);
  }
}
