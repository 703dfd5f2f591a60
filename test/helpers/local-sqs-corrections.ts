// Where local-aws-sqs 2.0.2 departs from the SQS API reference, the corrections that make it answer like SQS.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { createRequestHandler } from 'local-aws-sqs';

type EmulatedQueue = ReturnType<typeof createRequestHandler>['service']['Queues'][number];
interface EmulatedEntry {
  record: { attributes: Record<string, string> };
}

const corrected = new WeakSet<EmulatedQueue>();

/** Applies the queue corrections once per emulated queue; call it for every queue before each request. */
export const correctEmulatedQueue = (queue: EmulatedQueue): void => {
  if (corrected.has(queue)) return;
  corrected.add(queue);
  countOnlyAvailableAsVisible(queue);
  keepReceiveCountOnVisibilityChange(queue);
  answerLongPollsOnFirstMessages(queue);
};

/**
 * The emulator counts in-flight messages in `ApproximateNumberOfMessages`, while the GetQueueAttributes
 * reference defines it as the messages available for retrieval.
 */
const countOnlyAvailableAsVisible = (queue: EmulatedQueue): void => {
  const emulated = queue.getAttributes.bind(queue) as (names?: string[]) => Record<string, string> | undefined;
  queue.getAttributes = (names?: string[]) => {
    const attributes = emulated(names);
    const visibleOrInFlight = attributes?.ApproximateNumberOfMessages;
    if (attributes && visibleOrInFlight !== undefined) {
      const inFlight = emulated(['ApproximateNumberOfMessagesNotVisible'])?.ApproximateNumberOfMessagesNotVisible ?? '0';
      attributes.ApproximateNumberOfMessages = String(Number(visibleOrInFlight) - Number(inFlight));
    }
    return attributes;
  };
};

/**
 * The emulator adds one to `ApproximateReceiveCount` on every ChangeMessageVisibility, so heartbeats and releases
 * would count as receives and push a message to its DLQ early. SQS counts receives only. The emulator creates
 * each stored message through `newRecord`, which is how the live record is reached to undo the extra count.
 */
const keepReceiveCountOnVisibilityChange = (queue: EmulatedQueue): void => {
  const live = new Map<string, EmulatedEntry>();
  const newRecord = queue.newRecord;
  queue.newRecord = (message, delay) => {
    const entry = newRecord(message, delay) as EmulatedEntry;
    if (typeof message.MessageId === 'string') live.set(message.MessageId, entry);
    return entry;
  };
  const changeVisibility = queue.changeVisibility.bind(queue);
  queue.changeVisibility = (receiptHandle, visibilityTimeout) => {
    const changed = changeVisibility(receiptHandle, visibilityTimeout);
    const attributes = changed ? live.get(emulatedMessageId(receiptHandle))?.record.attributes : undefined;
    if (attributes) attributes.ApproximateReceiveCount = String(Number(attributes.ApproximateReceiveCount) - 1);
    return changed;
  };
};

/**
 * The emulator holds a long poll until it has MaxNumberOfMessages or the wait ends, so 3 waiting messages come
 * back only after 20 s when 10 were asked for, and a message whose visibility ends during the poll is returned
 * twice in one answer. SQS answers as soon as any message is there. Here a long poll is a series of the
 * emulator's short polls (about 40 ms each) that ends at the first that finds messages.
 */
const answerLongPollsOnFirstMessages = (queue: EmulatedQueue): void => {
  const receive = queue.receive.bind(queue) as (params: Record<string, unknown>) => Promise<unknown[]>;
  queue.receive = async (params: Record<string, unknown>) => {
    const waitSeconds = Number(params.WaitTimeSeconds ?? queue.ReceiveMessageWaitTimeSeconds);
    const deadlineMs = Date.now() + waitSeconds * 1000;
    for (;;) {
      const received = await receive({ ...params, WaitTimeSeconds: 0 });
      if (received.length > 0 || Date.now() >= deadlineMs) return received;
      await new Promise<void>((resolve) => setTimeout(resolve, 20).unref());
    }
  };
};

// The emulator's receipt handles are base64 of a UUID followed by JSON naming the message.
const emulatedMessageId = (receiptHandle: string): string => {
  const text = Buffer.from(receiptHandle, 'base64').toString('utf-8');
  const parsed = JSON.parse(text.slice(text.indexOf('{'))) as { MessageId?: unknown };
  return String(parsed.MessageId);
};

/**
 * The emulator reads ReceiveMessage's system attribute names only from the deprecated `AttributeNames`; current
 * SDKs send `MessageSystemAttributeNames`. The request is read and replayed with both fields.
 */
export const withSystemAttributeNames = async (request: IncomingMessage): Promise<IncomingMessage> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let body = Buffer.concat(chunks);
  if (request.headers['x-amz-target'] === 'AmazonSQS.ReceiveMessage') {
    const input = parsedObject(body);
    if (input?.MessageSystemAttributeNames !== undefined && input.AttributeNames === undefined) {
      body = Buffer.from(JSON.stringify({ ...input, AttributeNames: input.MessageSystemAttributeNames }));
    }
  }
  const replayed = Readable.from(body.length > 0 ? [body] : []);
  return Object.assign(replayed, { headers: request.headers, method: request.method, url: request.url }) as unknown as IncomingMessage;
};

// A body that is not a JSON object goes to the emulator as it came, for it to reject.
const parsedObject = (body: Buffer): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(body.toString('utf-8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
