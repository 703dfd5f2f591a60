/** What the autopilot reads from CloudWatch metrics. */

/** Thrown when a metric cannot be read; `retryable` says whether trying again later may help. */
export class MetricsError extends Error {
  constructor(
    message: string,
    /** The AWS error name (`ThrottlingException`, ...) or the twin's equivalent. */
    readonly code: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MetricsError';
  }
}

export interface MetricsPort {
  /**
   * Mean arrival rate into the queue over the last `windowSeconds` before `nowMs`, requests per second
   * (SQS `NumberOfMessagesSent`, Sum). Undefined when CloudWatch has no datapoint for the window.
   */
  arrivalRateQps(queueUrl: string, nowMs: number, windowSeconds: number): Promise<number | undefined>;
}
