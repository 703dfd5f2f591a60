/** MetricPublisherPort on Amazon CloudWatch PutMetricData: forecasts, bounds and planned capacity for the dashboard. */
import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum as CloudWatchDatum } from '@aws-sdk/client-cloudwatch';
import { metricDatumProblem } from '../../core/metric-datum-limits';
import type { ClockPort } from '../../ports/clock-port';
import { MetricPublishError, type MetricDatum, type MetricPublisherPort } from '../../ports/metric-publisher-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';
import { putMetricDataBatches } from './put-metric-data-batches';

export const DEFAULT_METRIC_NAMESPACE = 'GpuFleetAutopilot';

/**
 * Publishes data in as few PutMetricData calls as the limits allow (1,000 metrics, 1 MB each). Every datum is
 * checked against what CloudWatch accepts before the first call, so a bad one publishes nothing of its batch.
 *
 * @example
 * const publisher = new CloudWatchMetricPublisher({ cloudwatch: new CloudWatchClient({}), clock });
 * await publisher.publish([{ name: 'ForecastDemand', dimensions: { Fleet: 'bert-large' }, timestampMs, value: 1840, unit: 'Count' }]);
 */
export class CloudWatchMetricPublisher implements MetricPublisherPort {
  private readonly cloudwatch: CloudWatchClient;
  private readonly clock: ClockPort;
  private readonly namespace: string;

  /** `namespace` defaults to `GpuFleetAutopilot`; CloudWatch reserves `AWS/` for its own services. */
  constructor(deps: { cloudwatch: CloudWatchClient; clock: ClockPort; namespace?: string }) {
    this.cloudwatch = deps.cloudwatch;
    this.clock = deps.clock;
    this.namespace = deps.namespace ?? DEFAULT_METRIC_NAMESPACE;
    // Namespace (API reference): 1-255 ASCII characters without control characters.
    if (!/^[\x20-\x7e]{1,255}$/.test(this.namespace) || this.namespace.startsWith('AWS/')) {
      throw new RangeError(`configuring metric publishing: namespace ${this.namespace} is not 1-255 printable ASCII characters outside AWS/`);
    }
  }

  /**
   * @throws MetricPublishError: `InvalidParameterValue` (not retryable) for a datum CloudWatch would refuse, before
   * any call; otherwise the SDK error's name, `retryable` for throttling and server or network faults. The message
   * says how many data were published before the failure (they stay published).
   */
  async publish(data: readonly MetricDatum[]): Promise<void> {
    const doing = `publishing ${data.length} metrics to ${this.namespace}`;
    const nowMs = this.clock.nowMs();
    data.forEach((datum, i) => {
      const problem = metricDatumProblem(datum, nowMs);
      if (problem !== undefined) throw new MetricPublishError(`${doing}: datum ${i} (${datum.name}): ${problem}`, 'InvalidParameterValue', false);
    });
    let published = 0;
    for (const batch of putMetricDataBatches(data.map(toCloudWatch))) {
      try {
        await this.cloudwatch.send(new PutMetricDataCommand({ Namespace: this.namespace, MetricData: batch }));
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new MetricPublishError(`${doing} (${published} published): ${detail}`, awsErrorName(error), isRetryableAwsError(error), { cause: error });
      }
      published += batch.length;
    }
  }
}

const toCloudWatch = (datum: MetricDatum): CloudWatchDatum => ({
  MetricName: datum.name,
  Dimensions: Object.entries(datum.dimensions).map(([Name, Value]) => ({ Name, Value })),
  Timestamp: new Date(datum.timestampMs),
  Value: datum.value,
  Unit: datum.unit,
});
