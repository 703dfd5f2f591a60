// Visibility changes run one at a time, so a heartbeat never re-hides a message a release made visible.
import { describe, expect, it } from 'vitest';
import { VisibilityKeeper } from '../../../agent/visibility-keeper';
import { WorkQueueError, type WorkQueuePort } from '../../../layers/ports/work-queue-port';
import { RecordingLogger } from '../../../layers/twins/recording-logger';
import { settle, VirtualClock } from '../../../layers/twins/virtual-clock';

/** A queue whose ChangeMessageVisibilityBatch calls take effect only when the test lets them, in any order. */
class GatedQueue implements Pick<WorkQueuePort, 'changeVisibilityBatch'> {
  readonly applied: { handles: string[]; seconds: number }[] = [];
  readonly pending: (() => void)[] = [];
  failures: WorkQueueError[] = [];
  changeVisibilityBatch(_queueUrl: string, handles: string[], seconds: number): Promise<string[]> {
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    return new Promise((resolve) =>
      this.pending.push(() => {
        this.applied.push({ handles, seconds });
        resolve([]);
      }),
    );
  }
}

const keeperOn = (queue: GatedQueue, clock = new VirtualClock()) => {
  const logger = new RecordingLogger();
  const keeper = new VisibilityKeeper({ queue: queue as unknown as WorkQueuePort, queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', clock, logger });
  return { keeper, logger, clock };
};

describe('VisibilityKeeper', () => {
  it('applies a release after a heartbeat already on its way, and a later heartbeat skips the released message', async () => {
    // Prepare
    const queue = new GatedQueue();
    const { keeper } = keeperOn(queue);
    let held = ['h1', 'h2'];
    const heartbeat = keeper.extend(() => held, 60);
    await settle();

    // Act
    held = ['h2'];
    const release = keeper.release(['h1']);
    const nextHeartbeat = keeper.extend(() => held, 60);
    // SQS applies concurrent calls in whatever order they arrive: here, the most recent first.
    while (queue.pending.length > 0 || queue.applied.length < 3) {
      queue.pending.pop()?.();
      await settle();
    }
    await Promise.all([heartbeat, release, nextHeartbeat]);

    // Assess
    expect(queue.applied).toEqual([
      { handles: ['h1', 'h2'], seconds: 60 },
      { handles: ['h1'], seconds: 0 },
      { handles: ['h2'], seconds: 60 },
    ]);
  });

  it('retries a release SQS failed as a whole when the failure is retryable, and reports what it could not release', async () => {
    // Prepare
    const queue = new GatedQueue();
    const { keeper, logger, clock } = keeperOn(queue);
    queue.failures = [new WorkQueueError('throttled', 'ThrottlingException', true)];
    const retried = keeper.release(['h1']);
    await clock.advance(1_000);
    queue.pending.shift()?.();

    // Act
    const failedAfterRetry = await retried;
    queue.failures = [new WorkQueueError('denied', 'AccessDenied', false)];
    const refused = await keeper.release(['h2']);

    // Assess
    expect(failedAfterRetry).toEqual([]);
    expect(queue.applied).toEqual([{ handles: ['h1'], seconds: 0 }]);
    expect(refused).toEqual(['h2']);
    expect(logger.lines.at(-1)?.message).toBe('messages not released; they reappear at their visibility timeout');
  });
});
