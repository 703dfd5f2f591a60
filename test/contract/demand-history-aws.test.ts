/** Runs the DemandHistoryPort contract against CloudWatchDemandHistory over a mocked, paging CloudWatch. */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchDemandHistory } from '../../layers/adapters/aws/cloudwatch-demand-history';
import { cloudWatchThrottling, fakeCloudWatch } from '../helpers/fake-cloudwatch';
import { describeDemandHistoryContract } from './demand-history.contract';

const newClient = (): CloudWatchClient =>
  new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

// Pages of 997 datapoints across the queries: four weeks of two queues (16,128 datapoints) take 17 pages, split mid-query.
describeDemandHistoryContract('CloudWatchDemandHistory on a mocked CloudWatch', () => {
  const cloudwatch = newClient();
  const fake = fakeCloudWatch(cloudwatch, { pageSize: Number.POSITIVE_INFINITY });
  const throttled = newClient();
  mockClient(throttled).on(GetMetricDataCommand).rejects(cloudWatchThrottling());
  return {
    port: new CloudWatchDemandHistory({ cloudwatch, maxDatapoints: 997 }),
    unavailablePort: new CloudWatchDemandHistory({ cloudwatch: throttled }),
    recordSent: (queueUrl, minuteStartMs, count) => fake.putSent(queueUrl.split('/').pop() ?? '', minuteStartMs, count),
    recordCustom: (metric, timestampMs, value) => fake.putValue(metric, timestampMs, value),
  };
});
