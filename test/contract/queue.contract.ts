/** Contract of QueuePort: the depth counters follow what the queue's messages are doing, on the twin and on SQS. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueuePort } from '../../layers/ports/queue-port';

/** One implementation under test, with the SQS operations a producer and a consumer would perform on it. */
export interface QueueContractSubject {
  port: QueuePort;
  /** A port over the same kind of service that cannot answer (throttled or unreachable). */
  unavailablePort: QueuePort;
  createQueue(name: string): Promise<string>;
  /** URL of a queue that does not exist (same account and region as the created ones). */
  missingQueueUrl: string;
  send(queueUrl: string, options?: { delaySeconds?: number }): Promise<void>;
  /** Receives exactly `count` messages and returns their receipt handles. */
  receive(queueUrl: string, count: number, visibilityTimeoutSeconds: number): Promise<string[]>;
  deleteMessage(queueUrl: string, receiptHandle: string): Promise<void>;
  changeVisibility(queueUrl: string, receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void>;
  close?(): Promise<void>;
}

// Far above any receive wait, so no message comes back into view while a test is looking at it.
const LONG_VISIBILITY_SECONDS = 300;

let queueCounter = 0;

export const describeQueueContract = (implementation: string, makeSubject: () => Promise<QueueContractSubject>): void => {
  describe(`QueuePort contract: ${implementation}`, () => {
    let subject: QueueContractSubject;
    let queueUrl: string;

    beforeEach(async () => {
      subject = await makeSubject();
      queueCounter += 1;
      queueUrl = await subject.createQueue(`bert-large-work-${queueCounter}`);
    });
    afterEach(async () => {
      await subject.close?.();
    });

    it('reports a new queue as empty', async () => {
      // Act
      const stats = await subject.port.stats(queueUrl);

      // Assess
      expect(stats).toEqual({ queueUrl, visibleMessages: 0, inFlightMessages: 0, delayedMessages: 0 });
    });

    it('counts sent messages as visible', async () => {
      // Prepare
      for (let i = 0; i < 3; i += 1) await subject.send(queueUrl);

      // Act
      const stats = await subject.port.stats(queueUrl);

      // Assess
      expect(stats).toMatchObject({ visibleMessages: 3, inFlightMessages: 0, delayedMessages: 0 });
    });

    it('counts received messages as in flight, not visible', async () => {
      // Prepare
      for (let i = 0; i < 3; i += 1) await subject.send(queueUrl);
      await subject.receive(queueUrl, 2, LONG_VISIBILITY_SECONDS);

      // Act
      const stats = await subject.port.stats(queueUrl);

      // Assess
      expect(stats).toMatchObject({ visibleMessages: 1, inFlightMessages: 2, delayedMessages: 0 });
    });

    it('stops counting a message once its consumer deletes it', async () => {
      // Prepare
      for (let i = 0; i < 2; i += 1) await subject.send(queueUrl);
      const [first] = await subject.receive(queueUrl, 1, LONG_VISIBILITY_SECONDS);
      await subject.deleteMessage(queueUrl, first ?? '');

      // Act
      const stats = await subject.port.stats(queueUrl);

      // Assess
      expect(stats).toMatchObject({ visibleMessages: 1, inFlightMessages: 0, delayedMessages: 0 });
    });

    it('counts a message released with a zero visibility timeout as visible again', async () => {
      // Prepare
      await subject.send(queueUrl);
      const [handle] = await subject.receive(queueUrl, 1, LONG_VISIBILITY_SECONDS);
      await subject.changeVisibility(queueUrl, handle ?? '', 0);

      // Act
      const stats = await subject.port.stats(queueUrl);

      // Assess
      expect(stats).toMatchObject({ visibleMessages: 1, inFlightMessages: 0, delayedMessages: 0 });
    });

    it('counts messages sent with a delay as delayed until the delay ends', async () => {
      // Prepare
      await subject.send(queueUrl, { delaySeconds: 600 });
      await subject.send(queueUrl);

      // Act
      const stats = await subject.port.stats(queueUrl);

      // Assess
      expect(stats).toMatchObject({ visibleMessages: 1, inFlightMessages: 0, delayedMessages: 1 });
    });

    it('keeps the counters of two queues apart', async () => {
      // Prepare
      const otherUrl = await subject.createQueue(`reranker-work-${queueCounter}`);
      await subject.send(otherUrl);
      await subject.send(otherUrl);

      // Act
      const [mine, other] = await Promise.all([subject.port.stats(queueUrl), subject.port.stats(otherUrl)]);

      // Assess
      expect(mine.visibleMessages).toBe(0);
      expect(other).toMatchObject({ queueUrl: otherUrl, visibleMessages: 2 });
    });

    it('rejects a queue that does not exist with a non-retryable QueueError naming the queue', async () => {
      // Act
      const read = subject.port.stats(subject.missingQueueUrl);

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'QueueError', code: 'QueueDoesNotExist', retryable: false });
      await expect(read).rejects.toThrow(subject.missingQueueUrl);
    });

    it('rejects with a retryable QueueError when the service cannot answer', async () => {
      // Act
      const read = subject.unavailablePort.stats(queueUrl);

      // Assess
      await expect(read).rejects.toMatchObject({ name: 'QueueError', retryable: true });
      await expect(read).rejects.toThrow(/^reading depth of queue /);
    });
  });
};
