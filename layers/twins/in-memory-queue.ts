/** Twin of Amazon SQS standard queues: delays, visibility timeouts, deletes, attributes, redrive; depth derived from them. */
import type { QueueStats } from '../core/observed';
import type { ClockPort } from '../ports/clock-port';
import { QueueError, type QueuePort } from '../ports/queue-port';
import {
  checkedAttributes,
  checkedRedrivePolicy,
  inRange,
  MAX_DELAY_SECONDS,
  MAX_RECEIVE,
  MAX_VISIBILITY_SECONDS,
  messageIdOf,
  type RedrivePolicy,
} from './sqs-twin-limits';

export type { RedrivePolicy } from './sqs-twin-limits';

/** A message handed out by `receive`, hidden from other consumers until its visibility timeout ends. */
export interface ReceivedMessage {
  messageId: string;
  body: string;
  /** Changes on every receive; only the latest one deletes the message (as in SQS). */
  receiptHandle: string;
  receiveCount: number;
  /** SentTimestamp: when the message entered its first queue (a move to the DLQ keeps it, as SQS does). */
  sentAtMs: number;
  /** The String message attributes it was sent with. */
  attributes: Record<string, string>;
}

/** What the twin can be told to make `stats` fail with. */
export type QueueFailure = 'throttling' | 'unavailable';

interface StoredMessage {
  messageId: string;
  body: string;
  attributes: Record<string, string>;
  sentAtMs: number;
  availableAtMs: number;
  receiveCount: number;
  receiptHandle?: string;
}

interface StoredQueue {
  visibilityTimeoutSeconds: number;
  delaySeconds: number;
  retentionSeconds: number;
  redrivePolicy?: RedrivePolicy;
  messages: Map<string, StoredMessage>;
}

/** What `createQueue` accepts. The dead-letter queue must already exist, as CreateQueue checks `deadLetterTargetArn`. */
export interface QueueOptions { visibilityTimeoutSeconds?: number; delaySeconds?: number; retentionSeconds?: number; redrivePolicy?: RedrivePolicy }

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
  createQueue(name: string, options: QueueOptions = {}): string {
    const url = this.urlPrefix + name;
    if (!this.queues.has(url)) {
      const redrive = options.redrivePolicy && checkedRedrivePolicy(options.redrivePolicy, (dlq) => this.queues.has(dlq));
      this.queues.set(url, {
        visibilityTimeoutSeconds: inRange('VisibilityTimeout', options.visibilityTimeoutSeconds ?? 30, 0, MAX_VISIBILITY_SECONDS),
        delaySeconds: inRange('DelaySeconds', options.delaySeconds ?? 0, 0, MAX_DELAY_SECONDS),
        retentionSeconds: inRange('MessageRetentionPeriod', options.retentionSeconds ?? 345_600, 60, 1_209_600),
        ...(redrive ? { redrivePolicy: redrive } : {}),
        messages: new Map(),
      });
    }
    return url;
  }

  /** Sends a message; a delay (the message's, else the queue's) keeps it out of reach until it ends. */
  send(queueUrl: string, body: string, options: { delaySeconds?: number; attributes?: Record<string, string> } = {}): string {
    const queue = this.queue(queueUrl);
    const delaySeconds = inRange('DelaySeconds', options.delaySeconds ?? queue.delaySeconds, 0, MAX_DELAY_SECONDS);
    const attributes = checkedAttributes(options.attributes ?? {});
    const now = this.clock.nowMs();
    const messageId = `msg-${++this.sequence}`;
    queue.messages.set(messageId, { messageId, body, attributes, sentAtMs: now, availableAtMs: now + delaySeconds * 1000, receiveCount: 0 });
    return messageId;
  }

  /**
   * Receives up to `maxMessages` visible messages, oldest first, and hides them for the visibility timeout. A
   * message already received `maxReceiveCount` times moves to the dead-letter queue instead of being returned.
   */
  receive(queueUrl: string, options: { maxMessages?: number; visibilityTimeoutSeconds?: number } = {}): ReceivedMessage[] {
    const queue = this.queue(queueUrl);
    const max = inRange('MaxNumberOfMessages', options.maxMessages ?? 1, 1, MAX_RECEIVE);
    const timeout = inRange('VisibilityTimeout', options.visibilityTimeoutSeconds ?? queue.visibilityTimeoutSeconds, 0, MAX_VISIBILITY_SECONDS);
    const now = this.clock.nowMs();
    const received: ReceivedMessage[] = [];
    for (const message of queue.messages.values()) {
      if (received.length === max) break;
      if (message.availableAtMs > now) continue;
      if (this.moveToDeadLetterQueue(queue, message, now)) continue;
      message.receiveCount += 1;
      message.receiptHandle = `${message.messageId}#${message.receiveCount}`;
      message.availableAtMs = now + timeout * 1000;
      const { messageId, body, receiptHandle, receiveCount, sentAtMs } = message;
      received.push({ messageId, body, receiptHandle, receiveCount, sentAtMs, attributes: { ...message.attributes } });
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

  // The DLQ gets the same message id, body, attributes and enqueue time; its receive count starts again.
  private moveToDeadLetterQueue(queue: StoredQueue, message: StoredMessage, now: number): boolean {
    const policy = queue.redrivePolicy;
    const deadLetterQueue = policy && message.receiveCount >= policy.maxReceiveCount && this.queues.get(policy.deadLetterQueueUrl);
    if (!deadLetterQueue) return false;
    queue.messages.delete(message.messageId);
    const { messageId, body, attributes, sentAtMs } = message;
    deadLetterQueue.messages.set(messageId, { messageId, body, attributes, sentAtMs, availableAtMs: now, receiveCount: 0 });
    return true;
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
