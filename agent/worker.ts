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

/**
 * Receives up to min(maxMessages, room) messages per long poll, where room is `concurrency` minus the requests
 * Triton is still working on, and serves each one concurrently. A pause aborts the poll in progress at once;
 * messages a poll returns after its abort are handed straight back.
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
  private readonly changed = new Trigger();
  private readonly emptied = new Trigger();

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
    this.poll?.abort();
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
      const poll = new AbortController();
      this.poll = poll;
      let messages: WorkMessage[];
      try {
        messages = await this.deps.queue.receive(this.deps.config.queueUrl, {
          maxMessages: Math.min(this.deps.config.maxMessages, room),
          waitTimeSeconds: this.deps.config.waitTimeSeconds,
          visibilityTimeoutSeconds: this.deps.config.visibilityTimeoutSeconds,
          abortSignal: poll.signal,
        });
      } catch (error) {
        if (poll.signal.aborted) continue;
        failures += 1;
        // A queue that does not exist or may not be read will not heal by itself: say so louder than throttling.
        const permanent = (error as { retryable?: unknown }).retryable === false;
        this.deps.logger[permanent ? 'error' : 'warn']('receiving failed', { failures, error: String(error) });
        await interruptibleSleep(this.deps.clock, Math.min(MAX_RECEIVE_BACKOFF_MS, 500 * 2 ** (failures - 1)), { signal: stop });
        continue;
      } finally {
        this.poll = undefined;
      }
      failures = 0;
      if (poll.signal.aborted) {
        await this.handBack(messages);
        continue;
      }
      for (const message of messages) this.start(message);
      if (messages.length === 0) await interruptibleSleep(this.deps.clock, EMPTY_RECEIVE_PAUSE_MS, { signal: stop });
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
