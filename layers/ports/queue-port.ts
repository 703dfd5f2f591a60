/** What the autopilot needs from SQS on the control side: how deep a fleet's work queue is. */
import type { QueueStats } from '../core/observed';

export interface QueuePort {
  /** Approximate depth of the queue (GetQueueAttributes). */
  stats(queueUrl: string): Promise<QueueStats>;
}
