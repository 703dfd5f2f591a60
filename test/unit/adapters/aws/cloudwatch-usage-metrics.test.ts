// CloudWatchUsageMetrics: the GetMetricData queries it sends (real names, dimensions, statistics) and a result's StatusCode.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { CloudWatchUsageMetrics } from '../../../../layers/adapters/aws/cloudwatch-usage-metrics';

const DAY0 = Date.UTC(2026, 10, 28);
const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-search-requests';
const client = (): CloudWatchClient => new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('CloudWatchUsageMetrics', () => {
  it("asks PR(:slo) and SampleCount of the agent's LatencyMs per queue, for the whole day, oldest first", async () => {
    // Prepare
    const cloudwatch = client();
    const mock = mockClient(cloudwatch);
    mock.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'pr0', StatusCode: 'Complete' }, { Id: 'n0', StatusCode: 'Complete' }] });

    // Act
    await new CloudWatchUsageMetrics({ cloudwatch, agentNamespace: 'GpuFleetAutopilot/Agent-staging' }).sloAttainment({ startMs: DAY0, endMs: DAY0 + 86_400_000, periodSeconds: 3600, queueUrls: [QUEUE, QUEUE], sloMs: 50 });

    // Assess
    const input = mock.commandCalls(GetMetricDataCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ StartTime: new Date(DAY0), EndTime: new Date(DAY0 + 86_400_000), ScanBy: 'TimestampAscending' });
    const metric = { Namespace: 'GpuFleetAutopilot/Agent-staging', MetricName: 'LatencyMs', Dimensions: [{ Name: 'QueueName', Value: 'bert-large-search-requests' }] };
    expect(input?.MetricDataQueries).toEqual([
      { Id: 'pr0', MetricStat: { Metric: metric, Period: 3600, Stat: 'PR(:50)' }, ReturnData: true },
      { Id: 'n0', MetricStat: { Metric: metric, Period: 3600, Stat: 'SampleCount' }, ReturnData: true },
    ]);
  });

  it('fails without retry when a result is Forbidden (no permission on the metric), naming what it read', async () => {
    // Prepare
    const cloudwatch = client();
    mockClient(cloudwatch)
      .on(GetMetricDataCommand)
      .resolves({ MetricDataResults: [{ Id: 'gpu', StatusCode: 'Forbidden', Messages: [{ Code: 'Forbidden', Value: 'not authorized' }] }] });

    // Act
    const read = new CloudWatchUsageMetrics({ cloudwatch }).gpuUtilization({ startMs: DAY0, endMs: DAY0 + 3_600_000, periodSeconds: 300, fleetId: 'fleet-1' });

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'UsageMetricsError', code: 'Forbidden', retryable: false, message: 'reading GPU utilization of fleet fleet-1: Forbidden: not authorized' });
  });

  it('rejects a queue URL without a queue name before calling CloudWatch', async () => {
    // Prepare
    const cloudwatch = client();
    const mock = mockClient(cloudwatch);

    // Act
    const read = new CloudWatchUsageMetrics({ cloudwatch }).requestsServed({ startMs: DAY0, endMs: DAY0 + 3_600_000, periodSeconds: 3600, queueUrls: ['https://example.com/'], source: 'agent-served' });

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'InvalidRequest', retryable: false });
    expect(mock.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
