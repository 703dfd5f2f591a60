/** Errors of the use cases: what went wrong while handling a signal, and whether a retry may help. */

export class SignalProcessingError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SignalProcessingError';
  }
}

/** True for errors that declare themselves retryable (ports' typed errors carry `retryable`). */
export const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'retryable' in error && (error as { retryable: unknown }).retryable === true;

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
