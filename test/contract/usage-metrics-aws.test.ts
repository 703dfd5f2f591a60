/** Runs the UsageMetricsPort contract against CloudWatchUsageMetrics over a mocked, paging CloudWatch. */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchUsageMetrics } from '../../layers/adapters/aws/cloudwatch-usage-metrics';
import { cloudWatchThrottling } from '../helpers/fake-cloudwatch';
import { fakeCloudWatchUsage } from '../helpers/fake-cloudwatch-usage';
import { describeUsageMetricsContract } from './usage-metrics.contract';

const newClient = (): CloudWatchClient => new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const queueName = (url: string): string => url.split('/').pop() ?? '';

describeUsageMetricsContract('CloudWatchUsageMetrics on a mocked CloudWatch', () => {
  const cloudwatch = newClient();
  const fake = fakeCloudWatchUsage(cloudwatch);
  const throttled = newClient();
  mockClient(throttled).on(GetMetricDataCommand).rejects(cloudWatchThrottling());
  return {
    port: new CloudWatchUsageMetrics({ cloudwatch }),
    unavailablePort: new CloudWatchUsageMetrics({ cloudwatch: throttled }),
    recordServed: (queueUrl, atMs, count, source) =>
      fake.put(
        source === 'agent-served'
          ? { namespace: 'GpuFleetAutopilot/Agent', metricName: 'Served', dimensions: { QueueName: queueName(queueUrl) } }
          : { namespace: 'AWS/SQS', metricName: 'NumberOfMessagesDeleted', dimensions: { QueueName: queueName(queueUrl) } },
        atMs,
        count,
      ),
    recordGpuUtilization: (fleetId, atMs, percent) => fake.put({ namespace: 'CWAgent', metricName: 'nvidia_smi_utilization_gpu', dimensions: { FleetId: fleetId } }, atMs, percent),
    recordLatency: (queueUrl, atMs, ms) => fake.put({ namespace: 'GpuFleetAutopilot/Agent', metricName: 'LatencyMs', dimensions: { QueueName: queueName(queueUrl) } }, atMs, ms),
  };
});
