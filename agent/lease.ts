/** One message the agent holds, from receive to delete or release, and the one-way steps it may take. */
import type { WorkMessage } from '../layers/ports/work-queue-port';

/**
 * - `working`: Triton is (or will be) computing it; a drain or a Triton outage may still hand it back.
 * - `delivering`: the result is being sent and the message deleted; nothing hands it back any more, so a result
 *   is never delivered for a message another consumer may already hold.
 * - `released`: handed back (visibility 0); a late result is dropped.
 * - `done`: deleted, or released by its own handler (poison, Triton failure).
 */
export type LeaseState = 'working' | 'delivering' | 'released' | 'done';

export class Lease {
  /** Aborted when the lease is released from outside, so retries and backoffs of its request stop at once. */
  readonly abort = new AbortController();
  private current: LeaseState = 'working';

  constructor(
    readonly message: WorkMessage,
    /** When the agent received it (clock time): service time starts there. */
    readonly receivedAtMs: number,
  ) {}

  get state(): LeaseState {
    return this.current;
  }

  /** Hand the message back from outside (drain, Triton down); false when it is already past working. */
  release(): boolean {
    if (this.current !== 'working') return false;
    this.current = 'released';
    this.abort.abort();
    return true;
  }

  /** Claim the message for delivery; false when it was released meanwhile (its result must be dropped). */
  commit(): boolean {
    if (this.current !== 'working') return false;
    this.current = 'delivering';
    return true;
  }

  finish(): void {
    if (this.current !== 'released') this.current = 'done';
  }
}
