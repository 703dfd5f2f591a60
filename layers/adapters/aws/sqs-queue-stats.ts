/** QueuePort on Amazon SQS: a work queue's depth from GetQueueAttributes. */
import { GetQueueAttributesCommand, type QueueAttributeName, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueStats } from '../../core/observed';
import { QueueError, type QueuePort } from '../../ports/queue-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

const VISIBLE = 'ApproximateNumberOfMessages';
const IN_FLIGHT = 'ApproximateNumberOfMessagesNotVisible';
const DELAYED = 'ApproximateNumberOfMessagesDelayed';
const ATTRIBUTE_NAMES: QueueAttributeName[] = [VISIBLE, IN_FLIGHT, DELAYED];

/**
 * Reads the three approximate counters of a queue in one GetQueueAttributes call.
 * SQS documents them as eventually consistent (up to a minute behind); decisions treat them as estimates.
 *
 * @example
 * const queue = new SqsQueueStats({ sqs: new SQSClient({}) });
 * const { visibleMessages, inFlightMessages } = await queue.stats(queueUrl);
 */
export class SqsQueueStats implements QueuePort {
  private readonly sqs: SQSClient;

  constructor(deps: { sqs: SQSClient }) {
    this.sqs = deps.sqs;
  }

  /** @throws QueueError, `retryable` for throttling and server or network faults, not for a missing queue. */
  async stats(queueUrl: string): Promise<QueueStats> {
    let attributes: Partial<Record<string, string>> | undefined;
    try {
      const output = await this.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ATTRIBUTE_NAMES }),
      );
      attributes = output.Attributes;
    } catch (error) {
      throw new QueueError(
        `reading depth of queue ${queueUrl}: ${error instanceof Error ? error.message : String(error)}`,
        awsErrorName(error),
        isRetryableAwsError(error),
        { cause: error },
      );
    }
    return {
      queueUrl,
      visibleMessages: counter(attributes, VISIBLE, queueUrl),
      inFlightMessages: counter(attributes, IN_FLIGHT, queueUrl),
      delayedMessages: counter(attributes, DELAYED, queueUrl),
    };
  }
}

// A missing or garbled counter is an error, not a zero: a zero depth would read as "idle, scale in".
const counter = (attributes: Partial<Record<string, string>> | undefined, name: string, queueUrl: string): number => {
  const raw = attributes?.[name];
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw new QueueError(
      `reading depth of queue ${queueUrl}: attribute ${name} is ${raw === undefined ? 'missing' : `"${raw}"`}`,
      'MalformedResponse',
      false,
    );
  }
  return Number(raw);
};
