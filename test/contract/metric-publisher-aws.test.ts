/** Runs the MetricPublisherPort contract against CloudWatchMetricPublisher over a mocked PutMetricData. */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchMetricPublisher } from '../../layers/adapters/aws/cloudwatch-metric-publisher';
import { ManualClock } from '../../layers/twins/manual-clock';
import { cloudWatchThrottling } from '../helpers/fake-cloudwatch';
import { fakePutMetricData } from '../helpers/fake-put-metric-data';
import { describeMetricPublisherContract, PUBLISHER_NOW_MS } from './metric-publisher.contract';

const newClient = (): CloudWatchClient =>
  new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describeMetricPublisherContract('CloudWatchMetricPublisher on a mocked CloudWatch', () => {
  const clock = new ManualClock(PUBLISHER_NOW_MS);
  const cloudwatch = newClient();
  const fake = fakePutMetricData(cloudwatch, () => clock.nowMs());
  const throttled = newClient();
  mockClient(throttled).on(PutMetricDataCommand).rejects(cloudWatchThrottling());
  const sameDimensions = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  return {
    port: new CloudWatchMetricPublisher({ cloudwatch, clock }),
    unavailablePort: new CloudWatchMetricPublisher({ cloudwatch: throttled, clock }),
    readBack: (name, dimensions) =>
      fake.stored
        .filter((d) => d.namespace === 'GpuFleetAutopilot' && d.name === name && sameDimensions(d.dimensions, dimensions))
        .map(({ timestampMs, value, unit }) => ({ timestampMs, value, unit }))
        .sort((a, b) => a.timestampMs - b.timestampMs),
  };
});
