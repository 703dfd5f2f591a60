/** What the WorkQueuePort contract needs from each implementation, and the receive helpers its cases share. */
import type { WorkMessage, WorkQueuePort } from '../../layers/ports/work-queue-port';

/** One implementation under test, with the queue administration the agent never does itself. */
export interface WorkQueueContractSubject {
  port: WorkQueuePort;
  /** A port over the same kind of service that cannot answer (throttled or unreachable). */
  unavailablePort: WorkQueuePort;
  createQueue(name: string, redrive?: { deadLetterQueueUrl: string; maxReceiveCount: number }): Promise<string>;
  /** URL of a queue that does not exist (same account and region as the created ones). */
  missingQueueUrl: string;
  /** The time SentTimestamp is read against: the twin's clock, or the real one for the emulator. */
  nowMs(): number;
  /** Lets time pass: the twin's clock moves; against the emulator, real time passes. */
  passSeconds(seconds: number): Promise<void>;
  close?(): Promise<void>;
}

// Far above any wait in these tests, so no message comes back into view while a test is looking at it.
export const LONG_VISIBILITY_SECONDS = 300;
/** A receive that does not long-poll (the emulator answers a short poll within ~40 ms). */
export const shortPoll = (maxMessages = 10, visibilityTimeoutSeconds = LONG_VISIBILITY_SECONDS) => ({
  maxMessages,
  waitTimeSeconds: 0,
  visibilityTimeoutSeconds,
});

/** Receives exactly `count` messages in a few short polls (a short poll may return fewer than there are). */
export const receiveExactly = async (port: WorkQueuePort, queueUrl: string, count: number, visibility = LONG_VISIBILITY_SECONDS): Promise<WorkMessage[]> => {
  const received: WorkMessage[] = [];
  for (let round = 0; round < 10 && received.length < count; round += 1) {
    received.push(...(await port.receive(queueUrl, shortPoll(Math.min(10, count - received.length), visibility))));
  }
  if (received.length !== count) throw new Error(`receiving ${count} messages: got ${received.length}`);
  return received;
};

let queueCounter = 0;
export const nextQueueName = (prefix: string): string => `${prefix}-${(queueCounter += 1)}`;
