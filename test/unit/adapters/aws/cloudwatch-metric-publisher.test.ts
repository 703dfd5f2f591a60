/** CloudWatchMetricPublisher beyond the contract: the calls it makes, batching by count and size, partial failures. */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { CloudWatchMetricPublisher } from '../../../../layers/adapters/aws/cloudwatch-metric-publisher';
import type { MetricDatum } from '../../../../layers/ports/metric-publisher-port';
import { ManualClock } from '../../../../layers/twins/manual-clock';
import { cloudWatchThrottling } from '../../../helpers/fake-cloudwatch';
import { fakePutMetricData } from '../../../helpers/fake-put-metric-data';

const NOW_MS = Date.UTC(2026, 2, 2, 7, 15);
const newClient = (): CloudWatchClient =>
  new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const datum = (i: number, dimensions: Record<string, string> = { Fleet: 'bert-large' }): MetricDatum => ({
  name: 'ForecastDemand',
  dimensions,
  timestampMs: NOW_MS - i * 60_000,
  value: i,
  unit: 'Count',
});

describe('CloudWatchMetricPublisher', () => {
  it('sends each datum with its dimensions, timestamp and unit to the GpuFleetAutopilot namespace by default', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakePutMetricData(cloudwatch, () => NOW_MS);

    // Act
    await new CloudWatchMetricPublisher({ cloudwatch, clock: new ManualClock(NOW_MS) }).publish([datum(0, { Fleet: 'bert-large', Bound: 'upper' })]);

    // Assess
    expect(fake.mock.commandCalls(PutMetricDataCommand)[0]?.args[0].input).toEqual({
      Namespace: 'GpuFleetAutopilot',
      MetricData: [
        {
          MetricName: 'ForecastDemand',
          Dimensions: [{ Name: 'Fleet', Value: 'bert-large' }, { Name: 'Bound', Value: 'upper' }],
          Timestamp: new Date(NOW_MS),
          Value: 0,
          Unit: 'Count',
        },
      ],
    });
  });

  it('publishes to the namespace it is given, and makes no call for nothing', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakePutMetricData(cloudwatch, () => NOW_MS);
    const publisher = new CloudWatchMetricPublisher({ cloudwatch, clock: new ManualClock(NOW_MS), namespace: 'GpuFleetAutopilot/Staging' });

    // Act
    await publisher.publish([]);
    await publisher.publish([datum(1)]);

    // Assess
    expect(fake.mock.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input.Namespace)).toEqual(['GpuFleetAutopilot/Staging']);
  });

  it('splits 2,500 data into calls of at most 1,000, in order', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakePutMetricData(cloudwatch, () => NOW_MS);

    // Act
    await new CloudWatchMetricPublisher({ cloudwatch, clock: new ManualClock(NOW_MS) }).publish(Array.from({ length: 2_500 }, (_, i) => datum(i)));

    // Assess
    expect(fake.mock.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input.MetricData?.length)).toEqual([1_000, 1_000, 500]);
    expect(fake.stored.map((d) => d.value)).toEqual(Array.from({ length: 2_500 }, (_, i) => i));
  });

  it('splits large data by size so no call exceeds 1 MB', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakePutMetricData(cloudwatch, () => NOW_MS);
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, d) => [`Dimension${d}`, 'v'.repeat(1_024)]));

    // Act
    await new CloudWatchMetricPublisher({ cloudwatch, clock: new ManualClock(NOW_MS) }).publish(Array.from({ length: 100 }, (_, i) => datum(i, wide)));

    // Assess
    const sizes = fake.mock.commandCalls(PutMetricDataCommand).map((c) => Buffer.byteLength(JSON.stringify(c.args[0].input)));
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_000_000);
    expect(fake.stored).toHaveLength(100);
  });

  it('says how many data were published when a later call fails, keeping the cause', async () => {
    // Prepare
    const cloudwatch = newClient();
    const throttling = cloudWatchThrottling();
    mockClient(cloudwatch).on(PutMetricDataCommand).resolvesOnce({}).rejects(throttling);

    // Act
    const publishing = new CloudWatchMetricPublisher({ cloudwatch, clock: new ManualClock(NOW_MS) }).publish(Array.from({ length: 1_500 }, (_, i) => datum(i)));

    // Assess
    await expect(publishing).rejects.toMatchObject({ name: 'MetricPublishError', code: 'Throttling', retryable: true, cause: throttling });
    await expect(publishing).rejects.toThrow('publishing 1500 metrics to GpuFleetAutopilot (1000 published): Rate exceeded');
  });

  it('names the datum CloudWatch would refuse, without calling it', async () => {
    // Prepare
    const cloudwatch = newClient();
    const fake = fakePutMetricData(cloudwatch, () => NOW_MS);

    // Act
    const publishing = new CloudWatchMetricPublisher({ cloudwatch, clock: new ManualClock(NOW_MS) }).publish([datum(0), { ...datum(1), name: 'ForecastUpper', value: Number.NaN }]);

    // Assess
    await expect(publishing).rejects.toThrow('datum 1 (ForecastUpper): value NaN is not a finite number');
    expect(fake.mock.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });

  it.each(['AWS/SQS', '', 'x'.repeat(256)])('refuses the namespace %j', (namespace) => {
    // Act + Assess
    expect(() => new CloudWatchMetricPublisher({ cloudwatch: newClient(), clock: new ManualClock(NOW_MS), namespace })).toThrow(RangeError);
  });
});
