/** Runs the WorkQueuePort contract against the SQS twin (InMemoryWorkQueue over InMemoryQueue) on a manual clock. */
import { InMemoryQueue } from '../../layers/twins/in-memory-queue';
import { InMemoryWorkQueue } from '../../layers/twins/in-memory-work-queue';
import { ManualClock } from '../../layers/twins/manual-clock';
import { describeWorkQueueContract } from './work-queue.contract';

describeWorkQueueContract('InMemoryWorkQueue', async () => {
  const clock = new ManualClock(Date.UTC(2026, 2, 1, 12, 0, 0));
  const queue = new InMemoryQueue({ clock });
  const port = new InMemoryWorkQueue({ queue, clock });
  const unavailable = new InMemoryWorkQueue({ queue, clock });
  unavailable.failNext('unavailable', { times: 100 });
  return {
    port,
    unavailablePort: unavailable,
    createQueue: async (name, redrive) => queue.createQueue(name, redrive ? { redrivePolicy: redrive } : {}),
    missingQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/no-such-queue',
    nowMs: () => clock.nowMs(),
    passSeconds: async (seconds) => clock.advance(seconds * 1000),
  };
});
