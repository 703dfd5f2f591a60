/** Twin of CloudWatch PutMetricData: keeps what was published, per metric (name and dimensions), refusing what CloudWatch refuses. */
import { metricDatumProblem } from '../core/metric-datum-limits';
import type { ClockPort } from '../ports/clock-port';
import { MetricPublishError, type MetricDatum, type MetricPublisherPort } from '../ports/metric-publisher-port';

/** What the twin can be told to make `publish` fail with. */
export type MetricPublishFailure = 'throttling' | 'unavailable';

/**
 * Checks every datum against the PutMetricData limits at the clock's now before keeping any (as the adapter
 * does), then keeps copies. `published` reads them back by metric, which in CloudWatch is the name and the
 * exact set of dimensions.
 *
 * @example
 * const publisher = new InMemoryMetricPublisher(clock);
 * await publisher.publish([{ name: 'ForecastDemand', dimensions: { Fleet: 'bert-large' }, timestampMs, value: 1840, unit: 'Count' }]);
 * publisher.published({ name: 'ForecastDemand', dimensions: { Fleet: 'bert-large' } }); // [that datum]
 */
export class InMemoryMetricPublisher implements MetricPublisherPort {
  private data: MetricDatum[] = [];
  private failures: MetricPublishFailure[] = [];

  constructor(private readonly clock: ClockPort) {}

  async publish(data: readonly MetricDatum[]): Promise<void> {
    const doing = `publishing ${data.length} metrics to GpuFleetAutopilot`;
    const failure = this.failures.shift();
    if (failure) {
      const code = failure === 'throttling' ? 'Throttling' : 'ServiceUnavailable';
      throw new MetricPublishError(`${doing} (0 published): ${code} (twin)`, code, true);
    }
    const nowMs = this.clock.nowMs();
    data.forEach((datum, i) => {
      const problem = metricDatumProblem(datum, nowMs);
      if (problem !== undefined) throw new MetricPublishError(`${doing}: datum ${i} (${datum.name}): ${problem}`, 'InvalidParameterValue', false);
    });
    this.data.push(...data.map((datum) => ({ ...datum, dimensions: { ...datum.dimensions } })));
  }

  /**
   * Published data, oldest timestamp first (ties in publishing order): all of them, those of a metric name, or
   * those of one metric (name and exactly these dimensions).
   */
  published(query: { name?: string; dimensions?: Record<string, string> } = {}): MetricDatum[] {
    return this.data
      .filter((d) => (query.name === undefined || d.name === query.name) && (query.dimensions === undefined || sameDimensions(d.dimensions, query.dimensions)))
      .map((d) => ({ ...d, dimensions: { ...d.dimensions } }))
      .sort((a, b) => a.timestampMs - b.timestampMs);
  }

  /** Makes the next `times` calls to `publish` fail with a retryable MetricPublishError, keeping nothing. */
  failNext(failure: MetricPublishFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  reset(): void {
    this.data = [];
    this.failures = [];
  }
}

const sameDimensions = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(b).every(([name, value]) => a[name] === value);
