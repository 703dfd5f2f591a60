/** What the autopilot publishes to CloudWatch (PutMetricData): forecasts, bounds and planned capacity. */
import { PortError } from './port-error';

/** Thrown when metrics cannot be published; `retryable` says whether trying again later may help. */
export class MetricPublishError extends PortError {
  override readonly name = 'MetricPublishError';
}

export type MetricUnit = 'Count' | 'Count/Second' | 'None' | 'Percent' | 'Seconds';

export interface MetricDatum {
  /** Metric name in the autopilot's namespace (`GpuFleetAutopilot`). */
  name: string;
  /** Usually `{ Fleet: <fleet name> }`. */
  dimensions: Record<string, string>;
  timestampMs: number;
  value: number;
  unit: MetricUnit;
}

export interface MetricPublisherPort {
  /** Publishes every datum (split into as many PutMetricData calls as the service limits need). */
  publish(data: readonly MetricDatum[]): Promise<void>;
}
