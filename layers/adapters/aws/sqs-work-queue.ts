/** WorkQueuePort on Amazon SQS: long-poll receive, delete, visibility heartbeat and release, reply send. */
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { WorkQueueError, type ReceiveRequest, type WorkMessage, type WorkQueuePort } from '../../ports/work-queue-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

/** ChangeMessageVisibilityBatch takes at most 10 entries. */
const BATCH_LIMIT = 10;

/**
 * The agent's side of its SQS work queue. Receives ask for every message attribute (the reply queue travels in
 * one) and for `ApproximateReceiveCount` and `SentTimestamp` through `MessageSystemAttributeNames`, the field that
 * replaced the deprecated `AttributeNames`.
 *
 * @example
 * const queue = new SqsWorkQueue({ sqs: new SQSClient({}) });
 * const messages = await queue.receive(url, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60, abortSignal });
 * await queue.changeVisibilityBatch(url, messages.map((m) => m.receiptHandle), 0); // hand them back now
 */
export class SqsWorkQueue implements WorkQueuePort {
  private readonly sqs: SQSClient;

  constructor(deps: { sqs: SQSClient }) {
    this.sqs = deps.sqs;
  }

  /** An abort (a draining agent giving up its long poll) resolves to no messages, not to an error. */
  async receive(queueUrl: string, request: ReceiveRequest): Promise<WorkMessage[]> {
    const command = new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: request.maxMessages,
      WaitTimeSeconds: request.waitTimeSeconds,
      VisibilityTimeout: request.visibilityTimeoutSeconds,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
    });
    let messages: Message[];
    try {
      const output = await this.sqs.send(command, request.abortSignal ? { abortSignal: request.abortSignal } : {});
      messages = output.Messages ?? [];
    } catch (error) {
      if (request.abortSignal?.aborted) return [];
      throw failure(`receiving from queue ${queueUrl}`, error);
    }
    return messages.map((message) => toWorkMessage(queueUrl, message));
  }

  async delete(queueUrl: string, receiptHandle: string): Promise<void> {
    await this.call(`deleting from queue ${queueUrl}`, () =>
      this.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle })),
    );
  }

  async changeVisibility(queueUrl: string, receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void> {
    await this.call(`changing visibility in queue ${queueUrl}`, () =>
      this.sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: visibilityTimeoutSeconds }),
      ),
    );
  }

  /**
   * Sends every chunk of 10 even when one fails, so a drain releases all it can: the handles of a chunk whose call
   * failed count as failed. Only when every call failed does it reject (the queue is gone, access is denied, ...).
   */
  async changeVisibilityBatch(queueUrl: string, receiptHandles: string[], visibilityTimeoutSeconds: number): Promise<string[]> {
    const doing = `changing visibility in queue ${queueUrl}`;
    const failed: string[] = [];
    const errors: unknown[] = [];
    const chunks: string[][] = [];
    for (let i = 0; i < receiptHandles.length; i += BATCH_LIMIT) chunks.push(receiptHandles.slice(i, i + BATCH_LIMIT));
    for (const chunk of chunks) {
      const entries = chunk.map((handle, index) => ({ Id: `m${index}`, ReceiptHandle: handle, VisibilityTimeout: visibilityTimeoutSeconds }));
      try {
        const output = await this.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        for (const entry of output.Failed ?? []) {
          const handle = chunk[Number(entry.Id?.slice(1))];
          if (handle !== undefined) failed.push(handle);
        }
      } catch (error) {
        errors.push(error);
        failed.push(...chunk);
      }
    }
    if (chunks.length > 0 && errors.length === chunks.length) throw failure(doing, errors[0]);
    return failed;
  }

  /** Attributes go as String message attributes (the reply pattern's correlation id, reply queue, ...). */
  async send(queueUrl: string, body: string, attributes: Record<string, string> = {}): Promise<void> {
    const messageAttributes = Object.fromEntries(
      Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
    );
    await this.call(`sending to queue ${queueUrl}`, () =>
      this.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          ...(Object.keys(messageAttributes).length > 0 ? { MessageAttributes: messageAttributes } : {}),
        }),
      ),
    );
  }

  private async call(doing: string, send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      throw failure(doing, error);
    }
  }
}

const failure = (doing: string, error: unknown): WorkQueueError =>
  new WorkQueueError(
    `${doing}: ${error instanceof Error ? error.message : String(error)}`,
    awsErrorName(error),
    isRetryableAwsError(error),
    { cause: error },
  );

// A message without an id, handle or body, or with unreadable counters, is a broken response, not a message.
const toWorkMessage = (queueUrl: string, message: Message): WorkMessage => {
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount);
  const sentAtMs = Number(message.Attributes?.SentTimestamp);
  const { MessageId, ReceiptHandle, Body } = message;
  if (MessageId === undefined || ReceiptHandle === undefined || Body === undefined || !(receiveCount >= 1) || !(sentAtMs > 0)) {
    throw new WorkQueueError(
      `receiving from queue ${queueUrl}: message ${MessageId ?? '(no id)'} lacks its id, handle, body, receive count or sent time`,
      'MalformedResponse',
      false,
    );
  }
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    // String and Number (and their custom subtypes, "Number.float") carry StringValue; Binary has no text form.
    if (value.StringValue !== undefined && !value.DataType?.startsWith('Binary')) attributes[name] = value.StringValue;
  }
  return { messageId: MessageId, receiptHandle: ReceiptHandle, body: Body, attributes, receiveCount, sentAtMs };
};
