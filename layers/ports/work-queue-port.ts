/** What the worker agent needs from its SQS work queue: receive, keep, hand back, delete, and reply. */
import { PortError } from './port-error';

export class WorkQueueError extends PortError {
  override readonly name = 'WorkQueueError';
}

export interface WorkMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  /** Message attributes (String / Number values), e.g. the reply queue of the request/reply pattern. */
  attributes: Record<string, string>;
  /** ApproximateReceiveCount: how many times SQS has handed this message out, this time included. */
  receiveCount: number;
  /** SentTimestamp, epoch ms: when the request entered the queue (its queue wait starts there). */
  sentAtMs: number;
}

export interface ReceiveRequest {
  maxMessages: number;
  /** Long polling, 0-20 s. */
  waitTimeSeconds: number;
  visibilityTimeoutSeconds: number;
  /** Lets a draining agent abandon an in-flight long poll at once. */
  abortSignal?: AbortSignal;
}

/**
 * One SQS queue as a consumer sees it. Every method rejects with {@link WorkQueueError} (`retryable` for
 * throttling and server errors).
 */
export interface WorkQueuePort {
  receive(queueUrl: string, request: ReceiveRequest): Promise<WorkMessage[]>;
  delete(queueUrl: string, receiptHandle: string): Promise<void>;
  /** Keep a message invisible longer (heartbeat), or make it visible again now (0: release). */
  changeVisibility(queueUrl: string, receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void>;
  /** ChangeMessageVisibilityBatch (up to 10 a call; the adapter splits): returns the handles that failed. */
  changeVisibilityBatch(queueUrl: string, receiptHandles: string[], visibilityTimeoutSeconds: number): Promise<string[]>;
  send(queueUrl: string, body: string, attributes?: Record<string, string>): Promise<void>;
}
