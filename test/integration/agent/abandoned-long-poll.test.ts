// SQS fills a long poll whose client went away: the emulator does, and the work-queue twin must too, or tests miss strands.
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { SqsWorkQueue } from '../../../layers/adapters/aws/sqs-work-queue';
import { InMemoryQueue } from '../../../layers/twins/in-memory-queue';
import { InMemoryWorkQueue } from '../../../layers/twins/in-memory-work-queue';
import { VirtualClock } from '../../../layers/twins/virtual-clock';
import { startLocalSqs } from '../../helpers/local-sqs';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('a long poll abandoned by its client (aborted)', () => {
  it('on local-aws-sqs: answers the client nothing, yet takes a message sent before its wait ends, which stays hidden', async () => {
    // Prepare
    const server = await startLocalSqs();
    const sqs = new SQSClient({ region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 });
    try {
      const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'abandoned-poll' }))).QueueUrl ?? '';
      const controller = new AbortController();
      const polling = new SqsWorkQueue({ sqs }).receive(queueUrl, { maxMessages: 10, waitTimeSeconds: 2, visibilityTimeoutSeconds: 60, abortSignal: controller.signal });

      // Act
      setTimeout(() => controller.abort(), 100);
      const answer = await polling;
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'sent after the abort' }));
      await new Promise((resolve) => setTimeout(resolve, 2_200));

      // Assess
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      expect(answer).toEqual([]);
      expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
    } finally {
      sqs.destroy();
      await server.stop();
    }
  });

  it('on the work-queue twin: the same, and it counts the message as taken by an abandoned poll', async () => {
    // Prepare
    const clock = new VirtualClock();
    const queue = new InMemoryQueue({ clock });
    const work = new InMemoryWorkQueue({ queue, clock });
    const queueUrl = queue.createQueue('abandoned-poll');
    const controller = new AbortController();
    const polling = work.receive(queueUrl, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60, abortSignal: controller.signal });

    // Act
    await clock.advance(1_000);
    controller.abort();
    const answer = await polling;
    queue.send(queueUrl, 'sent after the abort');
    await clock.advance(20_000);

    // Assess
    expect(answer).toEqual([]);
    expect(await queue.stats(queueUrl)).toMatchObject({ visibleMessages: 0, inFlightMessages: 1 });
    expect(work.abandonedTakes).toBe(1);
  });
});
