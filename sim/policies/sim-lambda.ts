/** A deployed function in the simulation: its handler invoked asynchronously, retried as Lambda retries. */
import type { Context } from 'aws-lambda';

/** Lambda retries a failed asynchronous invocation twice, about 1 and 2 minutes later. */
export const RETRY_DELAYS_MS = [60_000, 120_000] as const;

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

interface PendingRetry {
  atMs: number;
  event: unknown;
  attempt: number;
}

/**
 * One function: `invoke` runs the handler at once; a throw schedules the retry, and after the last retry the
 * event goes where the on-failure destination would keep it (`failed`). `retryDue(nowMs)` runs the retries due.
 *
 * @example
 * const fn = new SimLambda('forecast-scaler', makeForecastHandler(deps, silentLogger()));
 * await fn.invoke(event, nowMs);
 * await fn.retryDue(nowMs + 60_000);
 */
export class SimLambda {
  private readonly pending: PendingRetry[] = [];
  private readonly context: Context;
  /** Events given up after the last retry (what the on-failure destination would hold). */
  readonly failed: unknown[] = [];
  invocations = 0;
  errors = 0;

  constructor(
    readonly functionName: string,
    private readonly handler: LambdaHandler,
  ) {
    this.context = { awsRequestId: 'sim', functionName, getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
  }

  async invoke(event: unknown, nowMs: number, attempt = 0): Promise<void> {
    this.invocations += 1;
    try {
      await this.handler(event, this.context);
    } catch {
      this.errors += 1;
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) this.failed.push(event);
      else this.pending.push({ atMs: nowMs + delay, event, attempt: attempt + 1 });
    }
  }

  /** Runs every retry due at `nowMs`, oldest first. */
  async retryDue(nowMs: number): Promise<void> {
    if (this.pending.length === 0) return;
    for (let i = 0; i < this.pending.length; ) {
      const p = this.pending[i] as PendingRetry;
      if (p.atMs > nowMs) {
        i += 1;
        continue;
      }
      this.pending.splice(i, 1);
      await this.invoke(p.event, nowMs, p.attempt);
    }
  }
}
