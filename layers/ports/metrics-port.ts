/** What the autopilot reads from CloudWatch metrics. */

export interface MetricsPort {
  /**
   * Mean arrival rate into the queue over the last `windowSeconds` before `nowMs`, requests per second
   * (SQS `NumberOfMessagesSent`, Sum). Undefined when CloudWatch has no datapoint for the window.
   */
  arrivalRateQps(queueUrl: string, nowMs: number, windowSeconds: number): Promise<number | undefined>;
}
