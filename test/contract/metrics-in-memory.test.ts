/** Runs the MetricsPort contract against the in-memory CloudWatch twin. */
import { InMemoryMetrics } from '../../layers/twins/in-memory-metrics';
import { describeMetricsContract } from './metrics.contract';

describeMetricsContract('InMemoryMetrics', () => {
  const twin = new InMemoryMetrics();
  return {
    port: twin,
    unavailablePort: {
      arrivalRateQps: (queueUrl, nowMs, windowSeconds) => {
        twin.failNext('throttling');
        return twin.arrivalRateQps(queueUrl, nowMs, windowSeconds);
      },
      oldestMessageAges: (queueUrl, nowMs, windowSeconds) => {
        twin.failNext('unavailable');
        return twin.oldestMessageAges(queueUrl, nowMs, windowSeconds);
      },
    },
    recordSent: (queueUrl, minuteStartMs, count) => twin.put(queueUrl, minuteStartMs, count),
    recordOldestAge: (queueUrl, timestampMs, seconds) => twin.putOldestAge(queueUrl, timestampMs, seconds),
  };
});
