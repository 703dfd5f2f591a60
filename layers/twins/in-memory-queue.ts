/** Twin of Amazon SQS standard queues: messages with delays, visibility timeouts and deletes; depth derived from them. */
import type { QueueStats } from '../core/observed';
import type { ClockPort } from '../ports/clock-port';
import { QueueError, type QueuePort } from '../ports/queue-port';

/** A message handed out by `receive`, hidden from other consumers until its visibility timeout ends. */
export interface ReceivedMessage {
  messageId: string;
  body: string;
  /** Changes on every receive; only the latest one deletes the message (as in SQS). */
  receiptHandle: string;
  receiveCount: number;
}

/** What the twin can be told to make `stats` fail with. */
export type QueueFailure = 'throttling' | 'unavailable';

interface StoredMessage {
  messageId: string;
  body: string;
  sentAtMs: number;
  availableAtMs: number;
  receiveCount: number;
  receiptHandle?: string;
}

interface StoredQueue {
  visibilityTimeoutSeconds: number;
  delaySeconds: number;
  retentionSeconds: number;
  messages: Map<string, StoredMessage>;
}

// SQS limits (CreateQueue / SendMessage / ReceiveMessage / ChangeMessageVisibility API reference).
const MAX_DELAY_SECONDS = 900;
const MAX_VISIBILITY_SECONDS = 43_200;
const MAX_RECEIVE = 10;

/**
 * A real queue model: `stats` counts what its messages are doing at the clock's time, so a simulator that
 * sends, receives and deletes sees the same depth the autopilot reads.
 *
 * @example
 * const sqs = new InMemoryQueue({ clock });
 * const url = sqs.createQueue('bert-large-work');
 * sqs.send(url, '{"request":1}');
 * const [message] = sqs.receive(url, { visibilityTimeoutSeconds: 30 });
 * await sqs.stats(url); // { visibleMessages: 0, inFlightMessages: 1, delayedMessages: 0, ... }
 */
export class InMemoryQueue implements QueuePort {
  private readonly clock: Pick<ClockPort, 'nowMs'>;
  private readonly urlPrefix: string;
  private queues = new Map<string, StoredQueue>();
  private failures: QueueFailure[] = [];
  private sequence = 0;

  constructor(deps: { clock: Pick<ClockPort, 'nowMs'>; region?: string; accountId?: string }) {
    this.clock = deps.clock;
    this.urlPrefix = `https://sqs.${deps.region ?? 'us-east-1'}.amazonaws.com/${deps.accountId ?? '123456789012'}/`;
  }

  /** Creates the queue (or returns the existing one of that name) and gives its URL. */
  createQueue(name: string, options: { visibilityTimeoutSeconds?: number; delaySeconds?: number; retentionSeconds?: number } = {}): string {
    const url = this.urlPrefix + name;
    if (!this.queues.has(url)) {
      this.queues.set(url, {
        visibilityTimeoutSeconds: inRange('VisibilityTimeout', options.visibilityTimeoutSeconds ?? 30, 0, MAX_VISIBILITY_SECONDS),
        delaySeconds: inRange('DelaySeconds', options.delaySeconds ?? 0, 0, MAX_DELAY_SECONDS),
        retentionSeconds: inRange('MessageRetentionPeriod', options.retentionSeconds ?? 345_600, 60, 1_209_600),
        messages: new Map(),
      });
    }
    return url;
  }

  /** Sends a message; a delay (the message's, else the queue's) keeps it out of reach until it ends. */
  send(queueUrl: string, body: string, options: { delaySeconds?: number } = {}): string {
    const queue = this.queue(queueUrl);
    const delaySeconds = inRange('DelaySeconds', options.delaySeconds ?? queue.delaySeconds, 0, MAX_DELAY_SECONDS);
    const now = this.clock.nowMs();
    const messageId = `msg-${++this.sequence}`;
    queue.messages.set(messageId, { messageId, body, sentAtMs: now, availableAtMs: now + delaySeconds * 1000, receiveCount: 0 });
    return messageId;
  }

  /** Receives up to `maxMessages` visible messages, oldest first, and hides them for the visibility timeout. */
  receive(queueUrl: string, options: { maxMessages?: number; visibilityTimeoutSeconds?: number } = {}): ReceivedMessage[] {
    const queue = this.queue(queueUrl);
    const max = inRange('MaxNumberOfMessages', options.maxMessages ?? 1, 1, MAX_RECEIVE);
    const timeout = inRange('VisibilityTimeout', options.visibilityTimeoutSeconds ?? queue.visibilityTimeoutSeconds, 0, MAX_VISIBILITY_SECONDS);
    const now = this.clock.nowMs();
    const received: ReceivedMessage[] = [];
    for (const message of queue.messages.values()) {
      if (received.length === max) break;
      if (message.availableAtMs > now) continue;
      message.receiveCount += 1;
      message.receiptHandle = `${message.messageId}#${message.receiveCount}`;
      message.availableAtMs = now + timeout * 1000;
      received.push({ messageId: message.messageId, body: message.body, receiptHandle: message.receiptHandle, receiveCount: message.receiveCount });
    }
    return received;
  }

  /** Deletes the message; a stale handle (the message was received again since) succeeds and deletes nothing. */
  delete(queueUrl: string, receiptHandle: string): void {
    const queue = this.queue(queueUrl);
    const message = queue.messages.get(messageIdOf(receiptHandle));
    if (message?.receiptHandle === receiptHandle) queue.messages.delete(message.messageId);
  }

  /** Sets a new visibility timeout, counted from now, on a message that is in flight (0 releases it at once). */
  changeVisibility(queueUrl: string, receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const queue = this.queue(queueUrl);
    const timeout = inRange('VisibilityTimeout', visibilityTimeoutSeconds, 0, MAX_VISIBILITY_SECONDS);
    const now = this.clock.nowMs();
    const message = queue.messages.get(messageIdOf(receiptHandle));
    if (message?.receiptHandle !== receiptHandle || message.availableAtMs <= now) {
      throw new QueueError(`changing visibility in queue ${queueUrl}: message is not in flight`, 'MessageNotInflight', false);
    }
    message.availableAtMs = now + timeout * 1000;
  }

  async stats(queueUrl: string): Promise<QueueStats> {
    const failure = this.failures.shift();
    if (failure) {
      const code = failure === 'throttling' ? 'ThrottlingException' : 'ServiceUnavailable';
      throw new QueueError(`reading depth of queue ${queueUrl}: ${code} (twin)`, code, true);
    }
    const queue = this.queue(queueUrl);
    const now = this.clock.nowMs();
    const stats: QueueStats = { queueUrl, visibleMessages: 0, inFlightMessages: 0, delayedMessages: 0 };
    for (const message of queue.messages.values()) {
      if (message.availableAtMs <= now) stats.visibleMessages += 1;
      else if (message.receiptHandle !== undefined) stats.inFlightMessages += 1;
      else stats.delayedMessages += 1;
    }
    return stats;
  }

  /** Makes the next `times` calls to `stats` fail with a retryable QueueError. */
  failNext(failure: QueueFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  reset(): void {
    this.queues = new Map();
    this.failures = [];
    this.sequence = 0;
  }

  private queue(queueUrl: string): StoredQueue {
    const queue = this.queues.get(queueUrl);
    if (!queue) {
      throw new QueueError(`using queue ${queueUrl}: The specified queue does not exist.`, 'QueueDoesNotExist', false);
    }
    // Messages past the retention period are gone, as SQS deletes them.
    const oldestKeptMs = this.clock.nowMs() - queue.retentionSeconds * 1000;
    for (const message of queue.messages.values()) {
      if (message.sentAtMs < oldestKeptMs) queue.messages.delete(message.messageId);
    }
    return queue;
  }
}

const messageIdOf = (receiptHandle: string): string => {
  const match = /^(msg-\d+)#\d+$/.exec(receiptHandle);
  if (!match?.[1]) throw new QueueError(`using receipt handle ${receiptHandle}: it is not valid`, 'ReceiptHandleIsInvalid', false);
  return match[1];
};

const inRange = (name: string, value: number, min: number, max: number): number => {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new QueueError(`validating ${name}: ${value} is not an integer in [${min}, ${max}]`, 'InvalidParameterValue', false);
  }
  return value;
};
