/** Behaviour of the SQS twin that the contract cannot show on a real-time emulator: time passing, limits, failures. */
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryQueue } from '../../../layers/twins/in-memory-queue';

const START_MS = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('InMemoryQueue', () => {
  let now: number;
  let sqs: InMemoryQueue;
  let url: string;

  beforeEach(() => {
    now = START_MS;
    sqs = new InMemoryQueue({ clock: { nowMs: () => now }, region: 'eu-west-1', accountId: '111122223333' });
    url = sqs.createQueue('bert-large-work', { visibilityTimeoutSeconds: 30 });
  });

  it('names queues with the SQS URL of its region and account', () => {
    // Assess
    expect(url).toBe('https://sqs.eu-west-1.amazonaws.com/111122223333/bert-large-work');
  });

  it('returns the existing queue, messages kept, when a queue is created again', async () => {
    // Prepare
    sqs.send(url, 'a');

    // Act
    const again = sqs.createQueue('bert-large-work');

    // Assess
    expect(again).toBe(url);
    expect((await sqs.stats(url)).visibleMessages).toBe(1);
  });

  it('makes a received message visible again when its visibility timeout ends', async () => {
    // Prepare
    sqs.send(url, 'a');
    sqs.receive(url);

    // Act
    now += 29_999;
    const before = await sqs.stats(url);
    now += 1;
    const after = await sqs.stats(url);

    // Assess
    expect(before).toMatchObject({ visibleMessages: 0, inFlightMessages: 1 });
    expect(after).toMatchObject({ visibleMessages: 1, inFlightMessages: 0 });
  });

  it('hands a message out again after its timeout, with a new receipt handle and a higher receive count', () => {
    // Prepare
    sqs.send(url, 'a');
    const [first] = sqs.receive(url);
    now += 30_000;

    // Act
    const [second] = sqs.receive(url);

    // Assess
    expect(second?.messageId).toBe(first?.messageId);
    expect(second?.receiveCount).toBe(2);
    expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
  });

  it('makes a delayed message visible when its delay ends', async () => {
    // Prepare
    sqs.send(url, 'a', { delaySeconds: 60 });

    // Act
    const during = await sqs.stats(url);
    now += 60_000;
    const after = await sqs.stats(url);

    // Assess
    expect(during).toMatchObject({ visibleMessages: 0, delayedMessages: 1 });
    expect(after).toMatchObject({ visibleMessages: 1, delayedMessages: 0 });
  });

  it("applies the queue's default delay to messages sent without one", async () => {
    // Prepare
    const delayQueue = sqs.createQueue('delay-queue', { delaySeconds: 5 });

    // Act
    sqs.send(delayQueue, 'a');

    // Assess
    expect((await sqs.stats(delayQueue)).delayedMessages).toBe(1);
  });

  it('receives oldest first and no more than asked', () => {
    // Prepare
    for (const body of ['a', 'b', 'c']) sqs.send(url, body);

    // Act
    const received = sqs.receive(url, { maxMessages: 2 });

    // Assess
    expect(received.map((m) => m.body)).toEqual(['a', 'b']);
  });

  it('deletes nothing when given a receipt handle older than the latest receive', async () => {
    // Prepare
    sqs.send(url, 'a');
    const [first] = sqs.receive(url);
    now += 30_000;
    sqs.receive(url);

    // Act
    sqs.delete(url, first?.receiptHandle ?? '');

    // Assess
    expect((await sqs.stats(url)).inFlightMessages).toBe(1);
  });

  it('rejects a receipt handle it never issued', () => {
    // Act
    const act = () => sqs.delete(url, 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a');

    // Assess
    expect(act).toThrow(expect.objectContaining({ code: 'ReceiptHandleIsInvalid', retryable: false }));
  });

  it('rejects changing the visibility of a message that is no longer in flight', () => {
    // Prepare
    sqs.send(url, 'a');
    const [message] = sqs.receive(url);
    now += 30_000;

    // Act
    const act = () => sqs.changeVisibility(url, message?.receiptHandle ?? '', 60);

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: 'QueueError', code: 'MessageNotInflight' }));
  });

  it('rejects limits SQS rejects: more than 10 messages, a delay over 15 minutes', () => {
    // Act
    const tooMany = () => sqs.receive(url, { maxMessages: 11 });
    const tooLate = () => sqs.send(url, 'a', { delaySeconds: 901 });

    // Assess
    expect(tooMany).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
    expect(tooLate).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
  });

  it('drops messages older than the retention period', async () => {
    // Prepare
    const shortLived = sqs.createQueue('short-lived', { retentionSeconds: 60 });
    sqs.send(shortLived, 'a');

    // Act
    now += 60_001;
    const stats = await sqs.stats(shortLived);

    // Assess
    expect(stats.visibleMessages).toBe(0);
  });

  it('fails as told, with a retryable throttling error, then answers again', async () => {
    // Prepare
    sqs.failNext('throttling');

    // Act
    const failed = sqs.stats(url);

    // Assess
    await expect(failed).rejects.toMatchObject({ name: 'QueueError', code: 'ThrottlingException', retryable: true });
    await expect(sqs.stats(url)).resolves.toMatchObject({ visibleMessages: 0 });
  });

  it('forgets queues and pending failures on reset', async () => {
    // Prepare
    sqs.failNext('unavailable', 3);

    // Act
    sqs.reset();

    // Assess
    await expect(sqs.stats(url)).rejects.toMatchObject({ code: 'QueueDoesNotExist' });
  });
});
