/** What the work-queue twin adds beyond the contract: long polls on the clock, failure injection, shared state. */
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryQueue } from '../../../layers/twins/in-memory-queue';
import { InMemoryWorkQueue } from '../../../layers/twins/in-memory-work-queue';
import { ManualClock } from '../../../layers/twins/manual-clock';

const START_MS = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('InMemoryWorkQueue', () => {
  let clock: ManualClock;
  let queue: InMemoryQueue;
  let work: InMemoryWorkQueue;
  let url: string;

  beforeEach(() => {
    clock = new ManualClock(START_MS);
    queue = new InMemoryQueue({ clock });
    work = new InMemoryWorkQueue({ queue, clock, pollStepMs: 500 });
    url = queue.createQueue('bert-large-work');
  });

  it('waits the whole long poll on the clock when nothing arrives', async () => {
    // Act
    const received = await work.receive(url, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60 });

    // Assess
    expect(received).toEqual([]);
    expect(clock.nowMs() - START_MS).toBe(20_000);
  });

  it('answers a long poll at once with the messages already waiting', async () => {
    // Prepare
    for (const body of ['a', 'b', 'c']) queue.send(url, body);

    // Act
    const received = await work.receive(url, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60 });

    // Assess
    expect(received).toHaveLength(3);
    expect(clock.nowMs()).toBe(START_MS);
  });

  it('returns a delayed message at the poll step after its delay ends', async () => {
    // Prepare
    queue.send(url, 'late', { delaySeconds: 3 });

    // Act
    const received = await work.receive(url, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60 });

    // Assess
    expect(received.map((m) => m.body)).toEqual(['late']);
    expect(clock.nowMs() - START_MS).toBe(3_000);
  });

  it('answers a long poll whose signal aborts at once, with no messages, before the wait ends', async () => {
    // Prepare
    const controller = new AbortController();
    const polling = work.receive(url, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60, abortSignal: controller.signal });

    // Act
    setImmediate(() => controller.abort());

    // Assess
    expect(await polling).toEqual([]);
    expect(clock.nowMs() - START_MS).toBeLessThan(20_000);
  });

  it('shows what the port receives in the queue twin the simulator reads depth from', async () => {
    // Prepare
    await work.send(url, 'a');
    await work.send(url, 'b');

    // Act
    await work.receive(url, { maxMessages: 1, waitTimeSeconds: 0, visibilityTimeoutSeconds: 60 });

    // Assess
    expect(await queue.stats(url)).toMatchObject({ visibleMessages: 1, inFlightMessages: 1 });
  });

  it('fails only the operation it was told to, retryably, and counts every call', async () => {
    // Prepare
    work.failNext('throttling', { operation: 'delete' });
    await work.send(url, 'a');
    const [message] = await work.receive(url, { maxMessages: 1, waitTimeSeconds: 0, visibilityTimeoutSeconds: 60 });

    // Act
    const first = work.delete(url, message?.receiptHandle ?? '');

    // Assess
    await expect(first).rejects.toMatchObject({ name: 'WorkQueueError', code: 'ThrottlingException', retryable: true });
    await expect(work.delete(url, message?.receiptHandle ?? '')).resolves.toBeUndefined();
    expect(work.calls).toMatchObject({ send: 1, receive: 1, delete: 2 });
  });

  it('rejects a long poll over 20 seconds and more than 10 message attributes, as SQS does', async () => {
    // Prepare
    const attributes = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, 'x']));

    // Act
    const polling = work.receive(url, { maxMessages: 10, waitTimeSeconds: 21, visibilityTimeoutSeconds: 60 });
    const sending = work.send(url, 'too many', attributes);

    // Assess
    await expect(polling).rejects.toMatchObject({ name: 'WorkQueueError', code: 'InvalidParameterValue', retryable: false });
    await expect(sending).rejects.toMatchObject({ name: 'WorkQueueError', code: 'InvalidParameterValue', retryable: false });
  });

  it('refuses a redrive policy naming a dead-letter queue that does not exist', () => {
    // Act
    const creating = () =>
      queue.createQueue('orphan', { redrivePolicy: { deadLetterQueueUrl: `${url}-dlq`, maxReceiveCount: 5 } });

    // Assess
    expect(creating).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
  });

  it('keeps the enqueue time when a message moves to the dead-letter queue, as SQS does for standard queues', async () => {
    // Prepare
    const dlq = queue.createQueue('bert-large-dlq');
    const redriven = queue.createQueue('bert-large-redriven', { redrivePolicy: { deadLetterQueueUrl: dlq, maxReceiveCount: 1 } });
    await work.send(redriven, 'poison');
    await work.receive(redriven, { maxMessages: 1, waitTimeSeconds: 0, visibilityTimeoutSeconds: 30 });
    clock.advance(30_000);

    // Act
    const fromSource = await work.receive(redriven, { maxMessages: 1, waitTimeSeconds: 0, visibilityTimeoutSeconds: 30 });

    // Assess
    expect(fromSource).toEqual([]);
    const [dead] = await work.receive(dlq, { maxMessages: 1, waitTimeSeconds: 0, visibilityTimeoutSeconds: 30 });
    expect(dead).toMatchObject({ body: 'poison', sentAtMs: START_MS, receiveCount: 1 });
  });

  it('forgets injected failures and counts on reset', async () => {
    // Prepare
    work.failNext('unavailable', { times: 3 });

    // Act
    work.reset();

    // Assess
    await expect(work.send(url, 'a')).resolves.toBeUndefined();
    expect(work.calls.send).toBe(1);
  });
});
