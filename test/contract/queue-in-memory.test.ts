/** Runs the QueuePort contract against the in-memory SQS twin. */
import { InMemoryQueue } from '../../layers/twins/in-memory-queue';
import { describeQueueContract } from './queue.contract';

describeQueueContract('InMemoryQueue', async () => {
  const clock = { nowMs: () => Date.UTC(2026, 2, 1, 12, 0, 0) };
  const twin = new InMemoryQueue({ clock });
  return {
    port: twin,
    unavailablePort: {
      stats: (queueUrl: string) => {
        twin.failNext('unavailable');
        return twin.stats(queueUrl);
      },
    },
    createQueue: async (name) => twin.createQueue(name),
    missingQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/no-such-queue',
    send: async (queueUrl, options) => {
      twin.send(queueUrl, '{"request":"infer"}', options);
    },
    receive: async (queueUrl, count, visibilityTimeoutSeconds) =>
      twin.receive(queueUrl, { maxMessages: count, visibilityTimeoutSeconds }).map((m) => m.receiptHandle),
    deleteMessage: async (queueUrl, receiptHandle) => twin.delete(queueUrl, receiptHandle),
    changeVisibility: async (queueUrl, receiptHandle, seconds) => twin.changeVisibility(queueUrl, receiptHandle, seconds),
  };
});
