/** Runs the DemandHistoryPort contract against the in-memory CloudWatch twin. */
import { InMemoryDemandHistory } from '../../layers/twins/in-memory-demand-history';
import { InMemoryMetrics } from '../../layers/twins/in-memory-metrics';
import { describeDemandHistoryContract } from './demand-history.contract';

describeDemandHistoryContract('InMemoryDemandHistory', () => {
  const metrics = new InMemoryMetrics();
  const twin = new InMemoryDemandHistory(metrics);
  return {
    port: twin,
    unavailablePort: {
      demandHistory: (request) => {
        twin.failNext('throttling');
        return twin.demandHistory(request);
      },
    },
    recordSent: (queueUrl, minuteStartMs, count) => metrics.put(queueUrl, minuteStartMs, count),
    recordCustom: (metric, timestampMs, value) => twin.putCustom(metric, timestampMs, value),
  };
});
