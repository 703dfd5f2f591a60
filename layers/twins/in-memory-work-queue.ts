/** Twin of SQS as the worker agent consumes it (WorkQueuePort), over the same queues as the InMemoryQueue it wraps. */
import type { ClockPort } from '../ports/clock-port';
import { QueueError } from '../ports/queue-port';
import { WorkQueueError, type ReceiveRequest, type WorkMessage, type WorkQueuePort } from '../ports/work-queue-port';
import type { InMemoryQueue } from './in-memory-queue';
import { inRange } from './sqs-twin-limits';

export type WorkQueueOperation = keyof WorkQueuePort;
/** What the twin can be told to fail with: SQS throttling or a 5xx, both retryable. */
export type WorkQueueFailure = 'throttling' | 'unavailable';

const MAX_WAIT_SECONDS = 20;

/**
 * The port's view of an {@link InMemoryQueue}: a simulator that sends and reads depth through the queue twin sees
 * what agents receive, delete and release here. Long polls wait on the injected clock (a ManualClock's sleep moves
 * it) in steps of `pollStepMs`, so a message sent during the poll is returned at the next step, as SQS returns it
 * as soon as it arrives.
 *
 * The queue twin keeps its synchronous API (`send`, `receive`, ...) for the simulator; its names are the port's,
 * with other shapes, so the port lives on this companion rather than on the queue twin itself.
 *
 * @example
 * const queue = new InMemoryQueue({ clock });
 * const work = new InMemoryWorkQueue({ queue, clock });
 * const url = queue.createQueue('bert-large-work');
 * await work.send(url, '{"inputs":[]}', { replyTo: replyUrl });
 * const [message] = await work.receive(url, { maxMessages: 10, waitTimeSeconds: 20, visibilityTimeoutSeconds: 60 });
 */
export class InMemoryWorkQueue implements WorkQueuePort {
  private readonly queue: InMemoryQueue;
  private readonly clock: ClockPort;
  private readonly pollStepMs: number;
  private failures: { failure: WorkQueueFailure; operation?: WorkQueueOperation }[] = [];
  /** How many times each method was called (failed calls included). */
  calls: Record<WorkQueueOperation, number> = emptyCalls();
  /** Messages taken by polls their caller had aborted: nobody holds them until their visibility timeout ends. */
  abandonedTakes = 0;

  constructor(deps: { queue: InMemoryQueue; clock: ClockPort; pollStepMs?: number }) {
    this.queue = deps.queue;
    this.clock = deps.clock;
    this.pollStepMs = deps.pollStepMs ?? 200;
  }

  /**
   * A poll aborted while it waits resolves to no messages at once, but goes on, as SQS does with a long poll whose
   * client went away: a message that arrives before its wait ends is taken (hidden until its visibility timeout, its
   * receive counted) and lost to the caller. {@link abandonedTakes} counts those.
   */
  async receive(queueUrl: string, request: ReceiveRequest): Promise<WorkMessage[]> {
    const doing = `receiving from queue ${queueUrl}`;
    const waitMs = this.call('receive', doing, () => inRange('WaitTimeSeconds', request.waitTimeSeconds, 0, MAX_WAIT_SECONDS) * 1000);
    const signal = request.abortSignal;
    if (signal?.aborted) return [];
    const deadline = this.clock.nowMs() + waitMs;
    const options = { maxMessages: request.maxMessages, visibilityTimeoutSeconds: request.visibilityTimeoutSeconds };
    const poll = async (): Promise<WorkMessage[]> => {
      for (;;) {
        const received = mapped(doing, () => this.queue.receive(queueUrl, options));
        const left = deadline - this.clock.nowMs();
        if (received.length > 0 || left <= 0) return received.map((m) => ({ ...m, attributes: { ...m.attributes } }));
        await this.clock.sleep(Math.min(this.pollStepMs, left));
      }
    };
    const answer = poll();
    if (!signal) return answer;
    const outcome = await Promise.race([answer, abortOf(signal)]);
    if (outcome !== 'aborted') return outcome;
    void answer.then(
      (taken) => (this.abandonedTakes += taken.length),
      () => undefined,
    );
    return [];
  }

  async delete(queueUrl: string, receiptHandle: string): Promise<void> {
    this.call('delete', `deleting from queue ${queueUrl}`, () => this.queue.delete(queueUrl, receiptHandle));
  }

  async changeVisibility(queueUrl: string, receiptHandle: string, visibilityTimeoutSeconds: number): Promise<void> {
    this.call('changeVisibility', `changing visibility in queue ${queueUrl}`, () =>
      this.queue.changeVisibility(queueUrl, receiptHandle, visibilityTimeoutSeconds),
    );
  }

  /** Each handle succeeds or fails on its own, as in ChangeMessageVisibilityBatch's `Failed` list. */
  async changeVisibilityBatch(queueUrl: string, receiptHandles: string[], visibilityTimeoutSeconds: number): Promise<string[]> {
    return this.call('changeVisibilityBatch', `changing visibility in queue ${queueUrl}`, () =>
      receiptHandles.filter((handle) => {
        try {
          this.queue.changeVisibility(queueUrl, handle, visibilityTimeoutSeconds);
          return false;
        } catch (error) {
          if (error instanceof QueueError && error.code === 'QueueDoesNotExist') throw error;
          return true;
        }
      }),
    );
  }

  async send(queueUrl: string, body: string, attributes: Record<string, string> = {}): Promise<void> {
    this.call('send', `sending to queue ${queueUrl}`, () => this.queue.send(queueUrl, body, { attributes }));
  }

  /** The next `times` calls (of `operation`, or of any method) fail with a retryable WorkQueueError. */
  failNext(failure: WorkQueueFailure, options: { times?: number; operation?: WorkQueueOperation } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i += 1) {
      this.failures.push({ failure, ...(options.operation ? { operation: options.operation } : {}) });
    }
  }

  /** Forgets failures and call counts; the queues belong to the wrapped InMemoryQueue (reset it for them). */
  reset(): void {
    this.failures = [];
    this.calls = emptyCalls();
    this.abandonedTakes = 0;
  }

  private call<T>(operation: WorkQueueOperation, doing: string, act: () => T): T {
    this.calls[operation] += 1;
    const index = this.failures.findIndex((f) => f.operation === undefined || f.operation === operation);
    const injected = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (injected) {
      const code = injected.failure === 'throttling' ? 'ThrottlingException' : 'ServiceUnavailable';
      throw new WorkQueueError(`${doing}: ${code} (twin)`, code, true);
    }
    return mapped(doing, act);
  }
}

const emptyCalls = (): Record<WorkQueueOperation, number> => ({
  receive: 0, delete: 0, changeVisibility: 0, changeVisibilityBatch: 0, send: 0,
});

// The queue twin speaks QueueError (the control side's port); the agent's port speaks WorkQueueError.
const mapped = <T>(doing: string, act: () => T): T => {
  try {
    return act();
  } catch (error) {
    if (!(error instanceof QueueError)) throw error;
    throw new WorkQueueError(`${doing}: ${error.message}`, error.code, error.retryable, { cause: error });
  }
};

const abortOf = (signal: AbortSignal): Promise<'aborted'> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
