// Runs the cost ledger contract on the DynamoDB adapter against dynalite (the ledger's table), plus how SDK failures surface.
import { DynamoDBClient, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbCostLedger } from '../../layers/adapters/aws/dynamodb-cost-ledger';
import { LedgerError } from '../../layers/adapters/aws/ledger-error';
import { TEST_CREDENTIALS as credentials, useDynalite } from '../helpers/dynalite';
import { createLedgerTable } from '../helpers/ledger-table';
import { describeCostLedgerContract } from './cost-ledger.contract';

const dynamo = useDynalite();
let tables = 0;

/** Each subject gets its own table: the incident listings share one partition, so tests would see each other's. */
const freshCostLedger = async (): Promise<DynamoDbCostLedger> => {
  tables += 1;
  const tableName = `gpu-fleet-autopilot-test-costs-${tables}`;
  await createLedgerTable(dynamo.client(), tableName);
  return new DynamoDbCostLedger({ client: dynamo.client(), tableName });
};

describeCostLedgerContract('DynamoDbCostLedger', freshCostLedger);

describe('DynamoDbCostLedger storage', () => {
  it('stores a sample with a TTL 400 days after its time, under its own partition of the ledger table', async () => {
    // Prepare
    tables += 1;
    const tableName = `gpu-fleet-autopilot-test-costs-${tables}`;
    await createLedgerTable(dynamo.client(), tableName);
    const costs = new DynamoDbCostLedger({ client: dynamo.client(), tableName });
    const atMs = Date.UTC(2026, 10, 28, 14, 0);
    // Act
    await costs.saveCostSample({ fleetId: 'fleet-a', atMs, intervalSeconds: 300, pools: [], spendUsdPerHour: 0, liveUnits: 0 });
    // Assess
    const doc = DynamoDBDocumentClient.from(dynamo.client());
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: 'COST-SAMPLES#fleet-a', sk: `SAMPLE#00${atMs}` } }));
    expect(Item?.expiresAt).toBe(atMs / 1000 + 400 * 86_400);
  });

  it('reports throttling as a retryable LedgerError saying what it was doing', async () => {
    // Prepare
    const error = new ThrottlingException({
      message: 'Throughput exceeds the current capacity of your table or index.',
      $metadata: { httpStatusCode: 400, requestId: 'KJ5T0TGQ1UI2BNCBR6TS9JK2BVVV4KQNSO5AEMVJF66Q9ASUAAJG' },
    });
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
    const mock = mockClient(doc);
    mock.on(PutCommand).rejects(error);
    mock.on(GetCommand).rejects(error);
    const costs = new DynamoDbCostLedger({ client: doc, tableName: 'gpu-fleet-autopilot-dev-ledger' });
    // Act
    const onWrite = await costs.saveSpendWatch({ fleetId: 'fleet-a', version: 1, lastRunAtMs: 0 }).catch((e: unknown) => e);
    const onRead = await costs.getCostIncident('a1b2c3d4').catch((e: unknown) => e);
    // Assess
    expect(onWrite).toBeInstanceOf(LedgerError);
    expect(onWrite).toMatchObject({ retryable: true, cause: error, message: `saving spend watch of fleet fleet-a: ThrottlingException: ${error.message}` });
    expect(onRead).toMatchObject({ name: 'LedgerError', retryable: true, message: expect.stringMatching(/^reading cost incident a1b2c3d4: /) });
    mock.restore();
  });
});
