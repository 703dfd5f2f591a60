/** Runs dynalite (a DynamoDB emulator on LevelDB) in-process on 127.0.0.1 and a free port, in memory. */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

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
