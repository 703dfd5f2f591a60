/** Runs the MetricPublisherPort contract against the in-memory PutMetricData twin. */
import { InMemoryMetricPublisher } from '../../layers/twins/in-memory-metric-publisher';
import { ManualClock } from '../../layers/twins/manual-clock';
import { describeMetricPublisherContract, PUBLISHER_NOW_MS } from './metric-publisher.contract';

describeMetricPublisherContract('InMemoryMetricPublisher', () => {
  const twin = new InMemoryMetricPublisher(new ManualClock(PUBLISHER_NOW_MS));
  return {
    port: twin,
    unavailablePort: {
      publish: (data) => {
        twin.failNext('throttling');
        return twin.publish(data);
      },
    },
    readBack: (name, dimensions) => twin.published({ name, dimensions }).map(({ timestampMs, value, unit }) => ({ timestampMs, value, unit })),
  };
});
