/** Runs local-aws-sqs in-process on 127.0.0.1 and a free port, with SQS's documented queue-depth counters. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from 'local-aws-sqs';

export interface LocalSqs {
  /** `http://127.0.0.1:<port>`: give it to `new SQSClient({ endpoint })`. */
  endpoint: string;
  stop(): Promise<void>;
}

type EmulatedQueue = ReturnType<typeof createRequestHandler>['service']['Queues'][number];

/**
 * Starts an SQS emulator for one test file; `stop()` closes it and its connections.
 *
 * local-aws-sqs 2.0.2 counts in-flight messages in `ApproximateNumberOfMessages`, while the GetQueueAttributes
 * reference defines it as the messages available for retrieval. Each emulated queue's attribute read is
 * corrected here, so adapters are tested against AWS's meaning, not the emulator's.
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
    for (const queue of service.Queues) countOnlyAvailableAsVisible(queue);
    void requestHandler(request, response);
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

const corrected = new WeakSet<EmulatedQueue>();

const countOnlyAvailableAsVisible = (queue: EmulatedQueue): void => {
  if (corrected.has(queue)) return;
  corrected.add(queue);
  const emulated = queue.getAttributes.bind(queue) as (names?: string[]) => Record<string, string> | undefined;
  queue.getAttributes = (names?: string[]) => {
    const attributes = emulated(names);
    const visibleOrInFlight = attributes?.ApproximateNumberOfMessages;
    if (attributes && visibleOrInFlight !== undefined) {
      const inFlight = emulated(['ApproximateNumberOfMessagesNotVisible'])?.ApproximateNumberOfMessagesNotVisible ?? '0';
      attributes.ApproximateNumberOfMessages = String(Number(visibleOrInFlight) - Number(inFlight));
    }
    return attributes;
  };
};
