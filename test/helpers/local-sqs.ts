/** Runs local-aws-sqs in-process on 127.0.0.1 and a free port, corrected to answer as the SQS API reference says. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createRequestHandler } from 'local-aws-sqs';
import { correctEmulatedQueue, withSystemAttributeNames } from './local-sqs-corrections';

export interface LocalSqs {
  /** `http://127.0.0.1:<port>`: give it to `new SQSClient({ endpoint })`. */
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts an SQS emulator for one test file; `stop()` closes it and its connections.
 *
 * Where local-aws-sqs 2.0.2 departs from the reference (queue depth counters, receive counts on visibility
 * changes, `MessageSystemAttributeNames`), `local-sqs-corrections.ts` corrects it, so adapters are tested
 * against AWS's meaning, not the emulator's.
 *
 * @example
 * const sqsServer = await startLocalSqs();
 * const sqs = new SQSClient({ endpoint: sqsServer.endpoint, region: 'us-east-1', credentials });
 * afterAll(() => sqsServer.stop());
 */
export const startLocalSqs = async (): Promise<LocalSqs> => {
  const { service, requestHandler } = createRequestHandler({
    port: 0,
    hostname: '127.0.0.1',
    // Tests delete and recreate queues freely; AWS's 60 s wait before reusing a name would only slow them.
    emulateQueueCreationLifecycle: false,
  });
  const server = createServer((request, response) => {
    for (const queue of service.Queues) correctEmulatedQueue(queue);
    withSystemAttributeNames(request).then(
      (replayed) => requestHandler(replayed, response),
      () => response.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Queue URLs are built from the service's port, which must be the one the OS picked.
  service.PORT = port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

/** A real SQS SDK client for the emulator (dummy credentials, no SDK retries: the tests see each answer). */
export const localSqsClient = (endpoint: string): SQSClient =>
  new SQSClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });

/** A port nobody listens on: the SDK gets a real ECONNREFUSED, as when SQS cannot be reached. */
export const closedPortEndpoint = async (): Promise<string> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
};
