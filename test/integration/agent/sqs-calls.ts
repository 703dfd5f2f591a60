// Reads the SQS API calls (JSON protocol) a RecordingHttpProxy saw: receives, releases, deletes, replies.
import type { RecordedRequest } from './recording-http-proxy';

/** A message as one ReceiveMessage answer carried it. */
export interface ReceivedRecord {
  messageId: string;
  receiptHandle: string;
  receiveCount: number;
  request: RecordedRequest;
}

const json = (text: string | undefined): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text ?? '');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** The requests of one SQS action (`ReceiveMessage`, `DeleteMessage`, `ChangeMessageVisibilityBatch`, ...). */
export const sqsCalls = (requests: readonly RecordedRequest[], action: string): RecordedRequest[] =>
  requests.filter((r) => r.headers['x-amz-target'] === `AmazonSQS.${action}`);

/** Every message the service handed out, including those a long poll took after its client had left. */
export const receivedMessages = (requests: readonly RecordedRequest[]): ReceivedRecord[] =>
  sqsCalls(requests, 'ReceiveMessage').flatMap((request) =>
    ((json(request.answer).Messages ?? []) as { MessageId: string; ReceiptHandle: string; Attributes?: Record<string, string> }[]).map((m) => ({
      messageId: m.MessageId,
      receiptHandle: m.ReceiptHandle,
      receiveCount: Number(m.Attributes?.ApproximateReceiveCount),
      request,
    })),
  );

/** Receipt handles set to visibility 0 (released) and accepted, with when the service answered. */
export const releasedHandles = (requests: readonly RecordedRequest[]): { receiptHandle: string; answeredAtMs: number }[] =>
  sqsCalls(requests, 'ChangeMessageVisibilityBatch').flatMap((request) => {
    const entries = (json(request.body).Entries ?? []) as { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[];
    const failed = new Set(((json(request.answer).Failed ?? []) as { Id: string }[]).map((f) => f.Id));
    if (request.status !== 200) return [];
    return entries
      .filter((e) => e.VisibilityTimeout === 0 && !failed.has(e.Id))
      .map((e) => ({ receiptHandle: e.ReceiptHandle, answeredAtMs: request.answeredAtMs ?? Number.POSITIVE_INFINITY }));
  });

/** Receipt handles of DeleteMessage calls, with when each reached the service. */
export const deletedHandles = (requests: readonly RecordedRequest[]): { receiptHandle: string; arrivedAtMs: number }[] =>
  sqsCalls(requests, 'DeleteMessage').map((request) => ({ receiptHandle: String(json(request.body).ReceiptHandle), arrivedAtMs: request.arrivedAtMs }));

/** Replies sent (SendMessage), by the request message id they answer, with when the service accepted them. */
export const sentReplies = (requests: readonly RecordedRequest[]): { requestMessageId: string; answeredAtMs: number }[] =>
  sqsCalls(requests, 'SendMessage').map((request) => {
    const attributes = (json(request.body).MessageAttributes ?? {}) as Record<string, { StringValue?: string }>;
    return { requestMessageId: String(attributes.RequestMessageId?.StringValue), answeredAtMs: request.answeredAtMs ?? Number.POSITIVE_INFINITY };
  });
