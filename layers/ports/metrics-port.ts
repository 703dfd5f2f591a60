/** What the autopilot reads from CloudWatch metrics: a queue's arrivals and the age of its oldest message. */
import { PortError } from './port-error';

/** Thrown when a metric cannot be read; `retryable` says whether trying again later may help. */
export class MetricsError extends PortError {
  override readonly name = 'MetricsError';
}

/** One CloudWatch datapoint: the start of its period and its value. */
export interface MetricPoint {
  atMs: number;
  value: number;
}

export interface MetricsPort {
  /**
   * Mean arrival rate into the queue over the last `windowSeconds` before `nowMs`, requests per second
   * (SQS `NumberOfMessagesSent`, Sum). Undefined when CloudWatch has no datapoint for the window.
   */
  arrivalRateQps(queueUrl: string, nowMs: number, windowSeconds: number): Promise<number | undefined>;

  /**
   * The age of the queue's oldest message in each minute of the last `windowSeconds` before `nowMs` (SQS
   * `ApproximateAgeOfOldestMessage`, Maximum), seconds, oldest first. SQS reports it only while the queue is active:
   * a minute without a datapoint is unknown, not zero.
   */
  oldestMessageAges(queueUrl: string, nowMs: number, windowSeconds: number): Promise<MetricPoint[]>;
}
