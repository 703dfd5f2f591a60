/** What the autopilot reads from CloudWatch metrics. */
import { PortError } from './port-error';

/** Thrown when a metric cannot be read; `retryable` says whether trying again later may help. */
export class MetricsError extends PortError {
  override readonly name = 'MetricsError';
}

export interface MetricsPort {
  /**
   * Mean arrival rate into the queue over the last `windowSeconds` before `nowMs`, requests per second
   * (SQS `NumberOfMessagesSent`, Sum). Undefined when CloudWatch has no datapoint for the window.
   */
  arrivalRateQps(queueUrl: string, nowMs: number, windowSeconds: number): Promise<number | undefined>;
}
