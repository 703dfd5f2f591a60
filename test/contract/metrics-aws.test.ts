/** Runs the MetricsPort contract against CloudWatchMetrics over a mocked CloudWatch, and checks the requests it makes. */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { CloudWatchMetrics } from '../../layers/adapters/aws/cloudwatch-metrics';
import { cloudWatchThrottling, fakeCloudWatch } from '../helpers/fake-cloudwatch';
import { describeMetricsContract } from './metrics.contract';

const newClient = (): CloudWatchClient =>
  new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const queueNameOf = (queueUrl: string): string => queueUrl.split('/').pop() ?? '';

describeMetricsContract('CloudWatchMetrics on a mocked CloudWatch', () => {
  const cloudwatch = newClient();
  const fake = fakeCloudWatch(cloudwatch);
  const throttled = newClient();
  mockClient(throttled).on(GetMetricDataCommand).rejects(cloudWatchThrottling());
  return {
    port: new CloudWatchMetrics({ cloudwatch }),
    unavailablePort: new CloudWatchMetrics({ cloudwatch: throttled }),
    recordSent: (queueUrl, minuteStartMs, count) => fake.putSent(queueNameOf(queueUrl), minuteStartMs, count),
    recordOldestAge: (queueUrl, timestampMs, seconds) =>
      fake.putValue({ namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage', dimensions: { QueueName: queueNameOf(queueUrl) } }, timestampMs, seconds),
  };
});

describe('CloudWatchMetrics', () => {
  const NOW_MS = Date.UTC(2026, 2, 1, 12, 0, 30);
  const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work';

  it('asks for the 1-minute Sum of AWS/SQS NumberOfMessagesSent of the queue over the window', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakeCloudWatch(cloudwatch);

    // Act
    await new CloudWatchMetrics({ cloudwatch }).arrivalRateQps(QUEUE_URL, NOW_MS, 900);

    // Assess
    const [call] = fake.mock.commandCalls(GetMetricDataCommand);
    expect(call?.args[0].input).toEqual({
      MetricDataQueries: [
        {
          Id: 'sent',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SQS',
              MetricName: 'NumberOfMessagesSent',
              Dimensions: [{ Name: 'QueueName', Value: 'bert-large-work' }],
            },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: true,
        },
      ],
      StartTime: new Date(NOW_MS - 900_000),
      EndTime: new Date(NOW_MS),
      NextToken: undefined,
    });
  });

  it('asks for the 1-minute Maximum of AWS/SQS ApproximateAgeOfOldestMessage of the queue over the window', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakeCloudWatch(cloudwatch);

    // Act
    await new CloudWatchMetrics({ cloudwatch }).oldestMessageAges(QUEUE_URL, NOW_MS, 600);

    // Assess
    const [call] = fake.mock.commandCalls(GetMetricDataCommand);
    expect(call?.args[0].input.MetricDataQueries).toEqual([
      {
        Id: 'oldest',
        MetricStat: {
          Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: 'bert-large-work' }] },
          Period: 60,
          Stat: 'Maximum',
        },
        ReturnData: true,
      },
    ]);
    expect([call?.args[0].input.StartTime, call?.args[0].input.EndTime]).toEqual([new Date(NOW_MS - 600_000), new Date(NOW_MS)]);
  });

  it('follows NextToken until the last page', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakeCloudWatch(cloudwatch, { pageSize: 2 });
    for (let minute = 1; minute <= 5; minute += 1) fake.putSent('bert-large-work', Date.UTC(2026, 2, 1, 12, 0) - minute * 60_000, 10);

    // Act
    const rate = await new CloudWatchMetrics({ cloudwatch }).arrivalRateQps(QUEUE_URL, NOW_MS, 300);

    // Assess
    const tokens = fake.mock.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.NextToken);
    expect(tokens).toEqual([undefined, '2', '4']);
    expect(rate).toBeCloseTo(50 / 300, 10);
  });

  it('uses the name of a FIFO queue, suffix included, as the QueueName', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakeCloudWatch(cloudwatch);

    // Act
    await new CloudWatchMetrics({ cloudwatch }).arrivalRateQps(`${QUEUE_URL}.fifo`, NOW_MS, 60);

    // Assess
    const [call] = fake.mock.commandCalls(GetMetricDataCommand);
    expect(call?.args[0].input.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'QueueName', Value: 'bert-large-work.fifo' },
    ]);
  });

  it.each([
    ['Forbidden', false],
    ['InternalError', true],
  ] as const)('rejects a result with StatusCode %s (retryable: %s)', async (statusCode, retryable) => {
    // Prepare
    const cloudwatch = newClient();
    mockClient(cloudwatch)
      .on(GetMetricDataCommand)
      .resolves({
        MetricDataResults: [{ Id: 'sent', Label: 'NumberOfMessagesSent', Timestamps: [], Values: [], StatusCode: statusCode, Messages: [{ Code: statusCode, Value: 'no access to AWS/SQS' }] }],
      });

    // Act
    const read = new CloudWatchMetrics({ cloudwatch }).arrivalRateQps(QUEUE_URL, NOW_MS, 60);

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'MetricsError', code: statusCode, retryable });
  });

  it('keeps the SDK error as the cause of a failed call', async () => {
    // Prepare
    const cloudwatch = newClient();
    const throttling = cloudWatchThrottling();
    mockClient(cloudwatch).on(GetMetricDataCommand).rejects(throttling);

    // Act
    const read = new CloudWatchMetrics({ cloudwatch }).arrivalRateQps(QUEUE_URL, NOW_MS, 60);

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'Throttling', cause: throttling });
  });

  it('rejects a queue URL without a queue name, without calling CloudWatch', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakeCloudWatch(cloudwatch);

    // Act
    const read = new CloudWatchMetrics({ cloudwatch }).arrivalRateQps('https://sqs.us-east-1.amazonaws.com/123456789012/', NOW_MS, 60);

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'MetricsError', code: 'InvalidQueueUrl', retryable: false });
    expect(fake.mock.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
