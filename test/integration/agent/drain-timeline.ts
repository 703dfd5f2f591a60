// What the fakes recorded around one drain: when the notice was seen, which receives came after, what went back when.
import type { RecordedRequest } from './recording-http-proxy';
import type { RealAgentWorld } from './real-agent-world';
import { deletedHandles, receivedMessages, releasedHandles, sqsCalls } from './sqs-calls';

const SPOT_PATH = '/latest/meta-data/spot/instance-action';

export interface DrainTimeline {
  /** The agent's first read of the spot instance-action that reached IMDS after the notice was posted. */
  firstSpotReadAfterNotice: RecordedRequest | undefined;
  /** When the agent had the notice: that read's answer (or, for SIGTERM, the first read answered after the signal). */
  seenAtMs: number;
  /** Arrival of the agent's next IMDS poll after `seenAtMs` (one poll interval later), or its end when none came. */
  onePollLaterMs: number;
  /** ReceiveMessage calls that reached SQS after that: there must be none. */
  receivesAfterOnePoll: { arrivedAtMs: number }[];
  /** Message ids the agent ever received, deleted, and received without deleting. */
  received: string[];
  deleted: string[];
  unfinished: string[];
  /** Unfinished messages whose last receipt handle was not released (visibility 0) in a call answered before the deadline. */
  unfinishedNotReleasedBeforeDeadline: { messageId: string; releasedAtMs?: number }[];
}

/**
 * Reads the SQS and IMDS recordings of `world` against the notice time and the deadline. Everything is an order
 * between recorded events (arrivals, answers, the deadline), never an elapsed-time threshold.
 */
export const drainTimeline = (world: RealAgentWorld, noticeAtMs: number, deadlineMs: number): DrainTimeline => {
  const spotReads = world.imdsProxy.requests.filter((r) => r.path === SPOT_PATH);
  const firstSpotReadAfterNotice = spotReads.find((r) => r.arrivedAtMs >= noticeAtMs);
  const seenAtMs = spotReads.find((r) => r.status === 200)?.answeredAtMs ?? spotReads.find((r) => (r.answeredAtMs ?? 0) >= noticeAtMs)?.answeredAtMs ?? noticeAtMs;
  const onePollLaterMs = spotReads.find((r) => r.arrivedAtMs > seenAtMs)?.arrivedAtMs ?? world.endedAtMs ?? Number.POSITIVE_INFINITY;
  const calls = world.sqsProxy.requests;
  const receivesAfterOnePoll = sqsCalls(calls, 'ReceiveMessage')
    .filter((r) => r.arrivedAtMs > onePollLaterMs)
    .map((r) => ({ arrivedAtMs: r.arrivedAtMs }));

  const receipts = receivedMessages(calls);
  const messageOf = new Map(receipts.map((r) => [r.receiptHandle, r.messageId]));
  const lastHandle = new Map(receipts.map((r) => [r.messageId, r.receiptHandle]));
  const deleted = new Set(deletedHandles(calls).map((d) => messageOf.get(d.receiptHandle) ?? '(unknown handle)'));
  const released = new Map(releasedHandles(calls).map((r) => [r.receiptHandle, r.answeredAtMs]));
  const unfinished = [...lastHandle.keys()].filter((id) => !deleted.has(id));
  const unfinishedNotReleasedBeforeDeadline = unfinished
    .map((messageId) => ({ messageId, releasedAtMs: released.get(lastHandle.get(messageId) ?? '') }))
    .filter((m) => m.releasedAtMs === undefined || m.releasedAtMs >= deadlineMs)
    .map((m) => (m.releasedAtMs === undefined ? { messageId: m.messageId } : m));
  return {
    firstSpotReadAfterNotice,
    seenAtMs,
    onePollLaterMs,
    receivesAfterOnePoll,
    received: [...lastHandle.keys()],
    deleted: [...deleted],
    unfinished,
    unfinishedNotReleasedBeforeDeadline,
  };
};
