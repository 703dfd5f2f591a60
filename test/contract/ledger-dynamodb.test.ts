// Runs the ledger contract on the DynamoDB adapter against dynalite, plus how SDK failures surface.
import {
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbLedger } from '../../layers/adapters/aws/dynamodb-ledger';
import { LedgerError } from '../../layers/adapters/aws/ledger-error';
import { REBALANCE_REQUEST_RETENTION_MS } from '../../layers/core/rebalance-request';
import { TEST_CREDENTIALS as credentials, useDynalite } from '../helpers/dynalite';
import { makeIncident } from '../helpers/incident-fixtures';
import { createLedgerTable } from '../helpers/ledger-table';
import { describeLedgerContract } from './ledger.contract';

const dynamo = useDynalite();
let tables = 0;

/** Each subject gets its own table: the at-risk pools share one partition, so tests would see each other's. */
const freshLedger = async (wrap: (c: DynamoDBClient) => DynamoDBClient | DynamoDBDocumentClient) => {
  tables += 1;
  const tableName = `gpu-fleet-autopilot-test-ledger-${tables}`;
  await createLedgerTable(dynamo.client(), tableName);
  return new DynamoDbLedger({ client: wrap(dynamo.client()), tableName });
};

describeLedgerContract('DynamoDbLedger', () => freshLedger((c) => c));

describe('DynamoDbLedger', () => {
  it('works the same on a document client the caller configured', async () => {
    // Prepare
    const ledger = await freshLedger((c) => DynamoDBDocumentClient.from(c, { marshallOptions: { removeUndefinedValues: false } }));
    const incident = makeIncident({ version: 1, spotAction: undefined });
    // Act
    await ledger.saveIncident(incident);
    // Assess
    expect(await ledger.getIncident(incident.instanceId)).toEqual(incident);
  });

  it('gives a rebalance request the TTL attribute, its retention after it was made', async () => {
    // Prepare
    const tableName = `gpu-fleet-autopilot-test-ledger-ttl`;
    await createLedgerTable(dynamo.client(), tableName);
    const ledger = new DynamoDbLedger({ client: dynamo.client(), tableName });
    const requestedAtMs = Date.UTC(2026, 10, 29, 8, 0, 0, 500);
    // Act
    await ledger.requestRebalance({ fleetId: 'fleet-6f2a9c4e', reason: 'memory-pressure', detail: 'GPU memory 92% used', requestedAtMs, eventId: 'e-1', minGpuMemoryGiB: 18.4 });
    // Assess
    const stored = await DynamoDBDocumentClient.from(dynamo.client()).send(new GetCommand({ TableName: tableName, Key: { pk: 'FLEET#fleet-6f2a9c4e', sk: 'REBALANCE-REQUEST#memory-pressure' } }));
    expect(stored.Item?.expiresAt).toBe(Math.ceil((requestedAtMs + REBALANCE_REQUEST_RETENTION_MS) / 1000));
  });

  it('reports a missing table as a LedgerError that a retry will not fix, saying what it was doing', async () => {
    // Prepare
    const ledger = new DynamoDbLedger({ client: dynamo.client(), tableName: 'gpu-fleet-autopilot-test-no-such-table' });
    // Act
    const failure = await ledger.claim('evt-5a7f2e4c', 0, 60_000, 86_400).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(LedgerError);
    expect(failure).toMatchObject({ retryable: false, cause: { name: 'ResourceNotFoundException' } });
    expect((failure as LedgerError).message).toMatch(/^claiming key evt-5a7f2e4c: ResourceNotFoundException: /);
  });
});

describe('DynamoDbLedger on throttling and server faults', () => {
  const metadata = { httpStatusCode: 400, requestId: 'KJ5T0TGQ1UI2BNCBR6TS9JK2BVVV4KQNSO5AEMVJF66Q9ASUAAJG' };
  const throttles = [
    new ThrottlingException({ message: 'Throughput exceeds the current capacity of your table or index.', $metadata: metadata }),
    new ProvisionedThroughputExceededException({
      message: 'The level of configured provisioned throughput for the table was exceeded.',
      $metadata: metadata,
    }),
    new InternalServerError({ message: 'Internal server error', $metadata: { ...metadata, httpStatusCode: 500 } }),
  ];

  it.each(throttles.map((error) => [error.name, error] as const))('maps %s to a retryable LedgerError', async (_, error) => {
    // Prepare
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
    const mock = mockClient(doc);
    mock.on(PutCommand).rejects(error);
    mock.on(GetCommand).rejects(error);
    const ledger = new DynamoDbLedger({ client: doc, tableName: 'gpu-fleet-autopilot-dev-ledger' });
    // Act
    const onWrite = await ledger.saveIncident(makeIncident({ version: 1 })).catch((e: unknown) => e);
    const onRead = await ledger.getCooldownUntil('fleet-6f2a9c4e/scale-in').catch((e: unknown) => e);
    // Assess
    expect(onWrite).toBeInstanceOf(LedgerError);
    expect(onWrite).toMatchObject({ retryable: true, cause: error });
    expect((onWrite as LedgerError).message).toBe(`saving incident spot-i-0a1b2c3d4e5f60718: ${error.name}: ${error.message}`);
    expect(onRead).toMatchObject({ name: 'LedgerError', retryable: true, message: expect.stringMatching(/^reading cooldown /) });
    mock.restore();
  });
});
