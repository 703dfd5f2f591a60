/** What the autopilot needs from SQS on the control side: how deep a fleet's work queue is. */
import type { QueueStats } from '../core/observed';

/** Thrown when queue depth cannot be read; `retryable` says whether trying again later may help. */
export class QueueError extends Error {
  constructor(
    message: string,
    /** The AWS error name (`ThrottlingException`, ...) or the twin's equivalent. */
    readonly code: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QueueError';
  }
}

export interface QueuePort {
  /** Approximate depth of the queue (GetQueueAttributes). */
  stats(queueUrl: string): Promise<QueueStats>;
}
