/** What the autopilot needs from SQS on the control side: how deep a fleet's work queue is. */
import { PortError } from './port-error';
import type { QueueStats } from '../core/observed';

/** Thrown when queue depth cannot be read; `retryable` says whether trying again later may help. */
export class QueueError extends PortError {
  override readonly name = 'QueueError';
}

export interface QueuePort {
  /** Approximate depth of the queue (GetQueueAttributes). */
  stats(queueUrl: string): Promise<QueueStats>;
}
