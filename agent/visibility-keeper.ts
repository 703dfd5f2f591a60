/** Every visibility change the agent makes (heartbeat, release), one at a time and logged. */
import type { ClockPort } from '../layers/ports/clock-port';
import type { LoggerPort } from '../layers/ports/logger-port';
import type { WorkQueuePort } from '../layers/ports/work-queue-port';

const RELEASE_ATTEMPTS = 3;
const RELEASE_BACKOFF_MS = 200;

/**
 * Changes run one after another: a heartbeat in flight could otherwise land after a release and hide a message
 * for another full visibility timeout, right when the drain promised it would be visible again.
 */
export class VisibilityKeeper {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { queue: WorkQueuePort; queueUrl: string; clock: ClockPort; logger: LoggerPort }) {}

  /** Keep messages hidden for `seconds` more (ChangeMessageVisibilityBatch); returns the handles that failed. */
  extend(receiptHandles: () => string[], seconds: number): Promise<string[]> {
    // The handles are read when the change runs, not when it was queued: a message released meanwhile is not extended.
    return this.serial(async () => {
      const handles = receiptHandles();
      if (handles.length === 0) return [];
      try {
        const failed = await this.deps.queue.changeVisibilityBatch(this.deps.queueUrl, handles, seconds);
        if (failed.length > 0) this.deps.logger.warn('heartbeat could not extend some messages', { failed: failed.length, of: handles.length });
        return failed;
      } catch (error) {
        this.deps.logger.warn('heartbeat failed', { messages: handles.length, error: String(error) });
        return handles;
      }
    });
  }

  /**
   * Make messages visible again now (visibility 0); returns the handles that failed. A call SQS failed as a whole
   * is retried; a handle SQS refused alone is not (it is no longer in flight: visible already, or taken again).
   */
  release(receiptHandles: string[]): Promise<string[]> {
    return this.serial(async () => {
      if (receiptHandles.length === 0) return [];
      for (let attempt = 1; ; attempt += 1) {
        try {
          const failed = await this.deps.queue.changeVisibilityBatch(this.deps.queueUrl, receiptHandles, 0);
          if (failed.length > 0) this.deps.logger.warn('SQS refused to release some messages (no longer in flight)', { failed: failed.length, of: receiptHandles.length });
          return failed;
        } catch (error) {
          const retryable = (error as { retryable?: unknown }).retryable === true;
          if (!retryable || attempt >= RELEASE_ATTEMPTS) {
            // Not lost: SQS shows them again when their visibility timeout ends; only later than we wanted.
            this.deps.logger.error('messages not released; they reappear at their visibility timeout', { messages: receiptHandles.length, error: String(error) });
            return receiptHandles;
          }
          await this.deps.clock.sleep(RELEASE_BACKOFF_MS * attempt);
        }
      }
    });
  }

  private serial<T>(change: () => Promise<T>): Promise<T> {
    const run = this.tail.then(change, change);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
