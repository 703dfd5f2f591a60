/** The consumer: receives while allowed and while there is room, and keeps the set of messages it holds. */
import type { WorkMessage } from '../layers/ports/work-queue-port';
import { interruptibleSleep } from './interruptible-sleep';
import { Lease } from './lease';
import { serveMessage, type ServeDeps } from './serve-message';
import { Trigger } from './trigger';

/** Why receiving is paused; receiving resumes when no reason is left. */
export type PauseReason = 'draining' | 'triton-not-ready';

// A long poll that came back empty has already waited; a short poll (waitTimeSeconds 0) has not and must not spin.
const EMPTY_RECEIVE_PAUSE_MS = 250;
const MAX_RECEIVE_BACKOFF_MS = 30_000;
// A long poll still unanswered this long after its wait ended is taken for a dead connection and given up.
const POLL_ANSWER_GRACE_MS = 5_000;

/**
 * Receives up to min(maxMessages, room) messages per long poll, where room is `concurrency` minus the requests
 * Triton is still working on, and serves each one concurrently. A pause starts no new poll and lets the one in
 * progress run to its answer, whose messages are handed straight back: SQS goes on filling a long poll its client
 * abandoned, and what it puts there stays hidden from every consumer until its visibility timeout.
 *
 * @example
 * const worker = new Worker(serveDeps);
 * void worker.run(stopping.signal);
 * worker.pause('draining');
 * await worker.releaseWorking('drain deadline');
 */
export class Worker {
  private readonly leases = new Set<Lease>();
  /** Released leases whose Triton request still runs: they still take Triton's capacity. */
  private abandoned = 0;
  private readonly pauses = new Set<PauseReason>();
  private poll: AbortController | undefined;
  private pollStartedAtMs = 0;
  private readonly changed = new Trigger();
  private readonly emptied = new Trigger();
  private readonly pollEnded = new Trigger();

  constructor(private readonly deps: ServeDeps) {}

  /** Messages held: received, neither deleted nor handed back. */
  inFlight(): number {
    return this.leases.size;
  }

  receiptHandles(): string[] {
    return [...this.leases].filter((lease) => lease.state === 'working' || lease.state === 'delivering').map((lease) => lease.message.receiptHandle);
  }

  isReceiving(): boolean {
    return this.pauses.size === 0;
  }

  pause(reason: PauseReason): void {
    this.pauses.add(reason);
  }

  resume(reason: PauseReason): void {
    this.pauses.delete(reason);
    this.changed.fire();
  }

  /**
   * Hand back every message whose result is not being delivered yet (one ChangeMessageVisibilityBatch(0)); their
   * requests are abandoned, so a late result is neither delivered nor deleted. Returns how many were released.
   */
  async releaseWorking(why: string): Promise<number> {
    const released = [...this.leases].filter((lease) => lease.release());
    if (released.length === 0) return 0;
    for (const lease of released) this.leases.delete(lease);
    this.abandoned += released.length;
    this.deps.logger.info('releasing unfinished messages', { why, messages: released.length, messageIds: released.map((l) => l.message.messageId) });
    this.wakeWaiters();
    await this.deps.visibility.release(released.map((lease) => lease.message.receiptHandle));
    this.deps.metrics.count('Released', released.length);
    return released.length;
  }

  /** Resolves once no message is held (served, or handed back). */
  async whenEmpty(): Promise<void> {
    while (this.leases.size > 0) await this.emptied.wait();
  }

  /**
   * Resolves once the long poll open now (if any) has answered, and what it brought while paused is handed back. A
   * poll that has not answered a few seconds after its wait ended is aborted: its connection is presumed dead.
   */
  async whenPollIdle(): Promise<void> {
    const open = this.poll;
    const giveUpAtMs = this.pollStartedAtMs + this.deps.config.waitTimeSeconds * 1000 + POLL_ANSWER_GRACE_MS;
    while (open !== undefined && this.poll === open) {
      const leftMs = giveUpAtMs - this.deps.clock.nowMs();
      if (leftMs <= 0) {
        this.deps.logger.warn('long poll unanswered past its wait; abandoning it', { waitTimeSeconds: this.deps.config.waitTimeSeconds });
        open.abort();
        return;
      }
      await interruptibleSleep(this.deps.clock, leftMs, { trigger: this.pollEnded });
    }
  }

  /** The receive loop; returns when `stop` aborts. */
  async run(stop: AbortSignal): Promise<void> {
    const onStop = () => {
      this.poll?.abort();
      this.changed.fire();
    };
    stop.addEventListener('abort', onStop, { once: true });
    let failures = 0;
    while (!stop.aborted) {
      const room = this.deps.config.concurrency - this.leases.size - this.abandoned;
      if (this.pauses.size > 0 || room <= 0) {
        await this.changed.wait();
        continue;
      }
      // Aborted only when the agent stops: a pause lets the poll answer (see the class comment).
      const poll = new AbortController();
      this.poll = poll;
      this.pollStartedAtMs = this.deps.clock.nowMs();
      let messages: WorkMessage[] | undefined;
      try {
        messages = await this.deps.queue.receive(this.deps.config.queueUrl, {
          maxMessages: Math.min(this.deps.config.maxMessages, room),
          waitTimeSeconds: this.deps.config.waitTimeSeconds,
          visibilityTimeoutSeconds: this.deps.config.visibilityTimeoutSeconds,
          abortSignal: poll.signal,
        });
        failures = 0;
        if (this.pauses.size > 0 || stop.aborted) {
          await this.handBack(messages);
          continue;
        }
        for (const message of messages) this.start(message);
      } catch (error) {
        if (poll.signal.aborted) continue;
        failures += 1;
        // A queue that does not exist or may not be read will not heal by itself: say so louder than throttling.
        const permanent = (error as { retryable?: unknown }).retryable === false;
        this.deps.logger[permanent ? 'error' : 'warn']('receiving failed', { failures, error: String(error) });
      } finally {
        this.poll = undefined;
        this.pollEnded.fire();
      }
      if (messages === undefined) {
        await interruptibleSleep(this.deps.clock, Math.min(MAX_RECEIVE_BACKOFF_MS, 500 * 2 ** (failures - 1)), { signal: stop });
      } else if (messages.length === 0) {
        await interruptibleSleep(this.deps.clock, EMPTY_RECEIVE_PAUSE_MS, { signal: stop });
      }
    }
    stop.removeEventListener('abort', onStop);
  }

  private start(message: WorkMessage): void {
    const now = this.deps.clock.nowMs();
    const lease = new Lease(message, now);
    this.leases.add(lease);
    this.deps.metrics.received(now - message.sentAtMs);
    void serveMessage(lease, this.deps)
      .catch((error: unknown) => this.deps.logger.error('serving a message failed unexpectedly', { messageId: message.messageId, error: String(error) }))
      .finally(() => {
        if (lease.state === 'released') this.abandoned -= 1;
        lease.finish();
        this.leases.delete(lease);
        this.wakeWaiters();
      });
  }

  /** Messages a poll returned after receiving was paused: straight back to the queue. */
  private async handBack(messages: WorkMessage[]): Promise<void> {
    if (messages.length === 0) return;
    this.deps.metrics.count('Received', messages.length);
    this.deps.logger.info('poll answered after receiving paused; handing its messages back', { messages: messages.length });
    await this.deps.visibility.release(messages.map((message) => message.receiptHandle));
    this.deps.metrics.count('Released', messages.length);
  }

  private wakeWaiters(): void {
    this.changed.fire();
    if (this.leases.size === 0) this.emptied.fire();
  }
}
