/** Contract of WorkQueuePort: what the worker agent relies on from SQS, on the twin and on the SQS emulator. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkQueuePort } from '../../layers/ports/work-queue-port';
import { describeWorkQueueEdgeContract } from './work-queue-edges.contract';
import { LONG_VISIBILITY_SECONDS, nextQueueName, receiveExactly, shortPoll, type WorkQueueContractSubject } from './work-queue-subject';

export type { WorkQueueContractSubject } from './work-queue-subject';

export const describeWorkQueueContract = (implementation: string, makeSubject: () => Promise<WorkQueueContractSubject>): void => {
  describe(`WorkQueuePort contract: ${implementation}`, () => {
    let subject: WorkQueueContractSubject;
    let port: WorkQueuePort;
    let queueUrl: string;

    beforeEach(async () => {
      subject = await makeSubject();
      port = subject.port;
      queueUrl = await subject.createQueue(nextQueueName('bert-large-work'));
    });
    afterEach(async () => {
      await subject.close?.();
    });

    it('receives a sent message with its body, attributes, receive count and sent time', async () => {
      // Prepare
      const before = subject.nowMs();
      await port.send(queueUrl, '{"inputs":[{"name":"INPUT0"}]}', { replyTo: 'https://sqs.example/replies', correlationId: 'req-42' });
      const after = subject.nowMs();

      // Act
      const [message, ...others] = await receiveExactly(port, queueUrl, 1);

      // Assess
      expect(others).toEqual([]);
      expect(message).toMatchObject({
        body: '{"inputs":[{"name":"INPUT0"}]}',
        attributes: { replyTo: 'https://sqs.example/replies', correlationId: 'req-42' },
        receiveCount: 1,
      });
      expect(message?.sentAtMs).toBeGreaterThanOrEqual(before - 1000);
      expect(message?.sentAtMs).toBeLessThanOrEqual(after + 1000);
      expect(message?.receiptHandle).toEqual(expect.any(String));
    });

    it('gives a message sent without attributes an empty attribute map', async () => {
      // Prepare
      await port.send(queueUrl, 'plain');

      // Act
      const [message] = await receiveExactly(port, queueUrl, 1);

      // Assess
      expect(message?.attributes).toEqual({});
    });

    it('answers a short poll on an empty queue with no messages', async () => {
      // Act
      const received = await port.receive(queueUrl, shortPoll());

      // Assess
      expect(received).toEqual([]);
    });

    it('returns from a long poll with a message sent while it waits', async () => {
      // Prepare
      const polling = port.receive(queueUrl, { maxMessages: 1, waitTimeSeconds: 5, visibilityTimeoutSeconds: LONG_VISIBILITY_SECONDS });

      // Act
      await port.send(queueUrl, 'arrived during the poll');

      // Assess
      expect((await polling).map((m) => m.body)).toEqual(['arrived during the poll']);
    });

    it('answers a long poll with the messages already waiting, without waiting to fill the batch', async () => {
      // Prepare
      for (const body of ['a', 'b', 'c']) await port.send(queueUrl, body);

      // Act
      const received = await port.receive(queueUrl, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: LONG_VISIBILITY_SECONDS });

      // Assess
      expect(received.map((m) => m.body).sort()).toEqual(['a', 'b', 'c']);
    });

    it('never hands out a deleted message again', async () => {
      // Prepare: a zero visibility timeout puts the message straight back in view, unless it is deleted.
      await port.send(queueUrl, 'served');
      const [message] = await receiveExactly(port, queueUrl, 1, 0);

      // Act
      await port.delete(queueUrl, message?.receiptHandle ?? '');

      // Assess
      expect(await port.receive(queueUrl, shortPoll())).toEqual([]);
    });

    it('keeps a message hidden while heartbeats extend its visibility, and shows the others again when theirs ends', async () => {
      // Prepare
      await port.send(queueUrl, 'long request');
      await port.send(queueUrl, 'abandoned request');
      const received = await receiveExactly(port, queueUrl, 2, 1);
      const kept = received.find((m) => m.body === 'long request');

      // Act
      await port.changeVisibility(queueUrl, kept?.receiptHandle ?? '', LONG_VISIBILITY_SECONDS);
      await subject.passSeconds(2);

      // Assess
      const again = await port.receive(queueUrl, shortPoll());
      expect(again.map((m) => [m.body, m.receiveCount])).toEqual([['abandoned request', 2]]);
    });

    it('makes a released message (visibility 0) visible at once, counted as received once more', async () => {
      // Prepare
      await port.send(queueUrl, 'handed back');
      const [first] = await receiveExactly(port, queueUrl, 1);

      // Act
      await port.changeVisibility(queueUrl, first?.receiptHandle ?? '', 0);

      // Assess
      const [again] = await receiveExactly(port, queueUrl, 1);
      expect(again).toMatchObject({ messageId: first?.messageId, body: 'handed back', receiveCount: 2 });
      expect(again?.receiptHandle).not.toBe(first?.receiptHandle);
    });

    it('releases a batch larger than 10 and returns only the handle that failed', async () => {
      // Prepare
      for (let i = 0; i < 12; i += 1) await port.send(queueUrl, `request-${i}`);
      const held = await receiveExactly(port, queueUrl, 12);
      const handles = held.map((m) => m.receiptHandle);
      const bogus = 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a';
      handles.splice(5, 0, bogus);

      // Act
      const failed = await port.changeVisibilityBatch(queueUrl, handles, 0);

      // Assess
      expect(failed).toEqual([bogus]);
      const again = await receiveExactly(port, queueUrl, 12);
      expect(new Set(again.map((m) => m.messageId))).toEqual(new Set(held.map((m) => m.messageId)));
      expect(again.every((m) => m.receiveCount === 2)).toBe(true);
    });

    it('rejects a heartbeat on a message that was deleted, as not retryable', async () => {
      // Prepare
      await port.send(queueUrl, 'done');
      const [message] = await receiveExactly(port, queueUrl, 1);
      await port.delete(queueUrl, message?.receiptHandle ?? '');

      // Act
      const heartbeat = port.changeVisibility(queueUrl, message?.receiptHandle ?? '', 60);

      // Assess
      await expect(heartbeat).rejects.toMatchObject({ name: 'WorkQueueError', retryable: false });
    });

    describeWorkQueueEdgeContract(() => ({ subject, queueUrl }));
  });
};
