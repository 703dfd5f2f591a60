/** Runs the UsageMetricsPort contract against the in-memory twin. */
import { InMemoryUsageMetrics } from '../../layers/twins/in-memory-usage-metrics';
import { describeUsageMetricsContract } from './usage-metrics.contract';

describeUsageMetricsContract('InMemoryUsageMetrics', () => {
  const usage = new InMemoryUsageMetrics();
  const unavailable = new InMemoryUsageMetrics();
  unavailable.failNext('throttling', 10);
  return {
    port: usage,
    unavailablePort: unavailable,
    recordServed: (queueUrl, atMs, count, source) => usage.recordServed(queueUrl, atMs, count, source),
    recordGpuUtilization: (fleetId, atMs, percent) => usage.recordGpuUtilization(fleetId, atMs, percent),
    recordLatency: (queueUrl, atMs, ms) => usage.recordLatency(queueUrl, atMs, [ms]),
  };
});
