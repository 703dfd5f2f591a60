/** WorkQueuePort contract, continued: redrive to a dead-letter queue, aborted long polls, failures. */
import { expect, it } from 'vitest';
import { nextQueueName, receiveExactly, shortPoll, type WorkQueueContractSubject } from './work-queue-subject';

/** Registers its cases inside the main contract's describe, reading the subject and queue its beforeEach made. */
export const describeWorkQueueEdgeContract = (current: () => { subject: WorkQueueContractSubject; queueUrl: string }): void => {
  it('moves a message to the dead-letter queue on the receive after maxReceiveCount, with its body and attributes', async () => {
    // Prepare
    const { subject } = current();
    const port = subject.port;
    const deadLetterQueueUrl = await subject.createQueue(nextQueueName('bert-large-dlq'));
    const queueUrl = await subject.createQueue(nextQueueName('bert-large-redriven'), { deadLetterQueueUrl, maxReceiveCount: 2 });
    await port.send(queueUrl, 'poison', { replyTo: 'https://sqs.example/replies' });
    for (let receive = 1; receive <= 2; receive += 1) {
      const [message] = await receiveExactly(port, queueUrl, 1);
      expect(message?.receiveCount).toBe(receive);
      await port.changeVisibility(queueUrl, message?.receiptHandle ?? '', 0);
    }

    // Act
    const fromSource = await port.receive(queueUrl, shortPoll());

    // Assess
    expect(fromSource).toEqual([]);
    const [dead] = await receiveExactly(port, deadLetterQueueUrl, 1);
    expect(dead).toMatchObject({ body: 'poison', attributes: { replyTo: 'https://sqs.example/replies' } });
  });

  it('keeps counting receives below maxReceiveCount in the source queue', async () => {
    // Prepare
    const { subject } = current();
    const port = subject.port;
    const deadLetterQueueUrl = await subject.createQueue(nextQueueName('bert-large-dlq'));
    const queueUrl = await subject.createQueue(nextQueueName('bert-large-redriven'), { deadLetterQueueUrl, maxReceiveCount: 3 });
    await port.send(queueUrl, 'flaky');
    for (let receive = 1; receive <= 2; receive += 1) {
      const [message] = await receiveExactly(port, queueUrl, 1);
      await port.changeVisibility(queueUrl, message?.receiptHandle ?? '', 0);
    }

    // Act
    const [third] = await receiveExactly(port, queueUrl, 1);

    // Assess
    expect(third).toMatchObject({ body: 'flaky', receiveCount: 3 });
    expect(await port.receive(deadLetterQueueUrl, shortPoll())).toEqual([]);
  });

  it('resolves a receive whose signal is already aborted with no messages, and takes none', async () => {
    // Prepare
    const { subject, queueUrl } = current();
    await subject.port.send(queueUrl, 'not taken');
    const controller = new AbortController();
    controller.abort();

    // Act
    const received = await subject.port.receive(queueUrl, { ...shortPoll(), abortSignal: controller.signal });

    // Assess
    expect(received).toEqual([]);
    const [message] = await receiveExactly(subject.port, queueUrl, 1);
    expect(message).toMatchObject({ body: 'not taken', receiveCount: 1 });
  });

  it('resolves a long poll aborted while it waits with no messages rather than an error', async () => {
    // Prepare
    const { subject, queueUrl } = current();
    const controller = new AbortController();
    const polling = subject.port.receive(queueUrl, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60, abortSignal: controller.signal });

    // Act
    setImmediate(() => controller.abort());

    // Assess
    await expect(polling).resolves.toEqual([]);
  });

  it('fails retryably when the service cannot answer', async () => {
    // Prepare
    const { subject, queueUrl } = current();

    // Act
    const receiving = subject.unavailablePort.receive(queueUrl, shortPoll());

    // Assess
    await expect(receiving).rejects.toMatchObject({ name: 'WorkQueueError', retryable: true });
  });

  it('rejects a receive from a queue that does not exist, as not retryable', async () => {
    // Prepare
    const { subject } = current();

    // Act
    const receiving = subject.port.receive(subject.missingQueueUrl, shortPoll());

    // Assess
    await expect(receiving).rejects.toMatchObject({ name: 'WorkQueueError', retryable: false });
  });
};
