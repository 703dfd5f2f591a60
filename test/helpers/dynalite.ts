/** Runs dynalite (a DynamoDB emulator on LevelDB) in-process on 127.0.0.1 and a free port, in memory. */
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll } from 'vitest';

export interface LocalDynamoDb {
  /** `http://127.0.0.1:<port>`: give it to `new DynamoDBClient({ endpoint })`. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts a DynamoDB emulator for one test file; `stop()` closes it and its open connections. Tables are
 * ACTIVE as soon as CreateTable returns, so tests need no waiter.
 *
 * @example
 * const dynamo = await startDynalite();
 * const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
 * afterAll(() => dynamo.stop());
 */
export const startDynalite = async (): Promise<LocalDynamoDb> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of SDK clients would otherwise hold the server open.
        server.closeAllConnections();
      }),
  };
};

/** Credentials the emulators accept (AWS's documented example keys). */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/**
 * One dynalite for the calling test file, started before its tests and stopped after them, with a DynamoDB client
 * on it (no retries, so a failure shows at once). Call at the top level of the file; use the getter inside tests.
 *
 * @example
 * const dynamo = useDynalite();
 * it('…', async () => { await createLedgerTable(dynamo.client(), 'table'); });
 */
export const useDynalite = (): { client: () => DynamoDBClient } => {
  let server: LocalDynamoDb | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    server = await startDynalite();
    client = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });
  return {
    client: () => {
      if (!client) throw new Error('useDynalite: the client exists only inside the tests of the file that called it');
      return client;
    },
  };
};
