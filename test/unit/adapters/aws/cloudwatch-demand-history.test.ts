/** CloudWatchDemandHistory beyond the contract: the requests it makes, real-shaped pages, result statuses and limits. */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { CloudWatchDemandHistory } from '../../../../layers/adapters/aws/cloudwatch-demand-history';
import type { DemandHistoryRequest } from '../../../../layers/ports/demand-history-port';
import { getMetricDataFixture } from '../../../helpers/aws-fixtures';
import { cloudWatchThrottling } from '../../../helpers/fake-cloudwatch';

const newClient = (): CloudWatchClient =>
  new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const QUEUE = (name: string): string => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const START_MS = Date.UTC(2026, 2, 1, 23, 0);
const END_MS = Date.UTC(2026, 2, 2, 0, 0);
const request: DemandHistoryRequest = {
  metric: { kind: 'sqs-messages-sent' },
  queueUrls: [QUEUE('bert-large-work'), QUEUE('bert-large-priority.fifo')],
  startMs: START_MS,
  endMs: END_MS,
  periodSeconds: 300,
};
const sentQuery = (id: string, queueName: string) => ({
  Id: id,
  MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', Dimensions: [{ Name: 'QueueName', Value: queueName }] }, Period: 300, Stat: 'Sum' },
  ReturnData: true,
});

describe('CloudWatchDemandHistory', () => {
  it('asks for the 5-minute Sum of each queue, oldest first, with the largest page, and follows NextToken', async () => {
    // Prepare
    const cloudwatch = newClient();
    const mock = mockClient(cloudwatch);
    mock.on(GetMetricDataCommand).resolvesOnce(getMetricDataFixture('two-queues-page-1')).resolvesOnce(getMetricDataFixture('two-queues-page-2'));

    // Act
    await new CloudWatchDemandHistory({ cloudwatch }).demandHistory(request);

    // Assess
    const inputs = mock.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toEqual({
      MetricDataQueries: [sentQuery('q0', 'bert-large-work'), sentQuery('q1', 'bert-large-priority.fifo')],
      StartTime: new Date(START_MS),
      EndTime: new Date(END_MS),
      ScanBy: 'TimestampAscending',
      MaxDatapoints: 100_800,
      NextToken: undefined,
    });
    expect(inputs[1]?.NextToken).toBe(getMetricDataFixture('two-queues-page-1').NextToken);
    expect(inputs).toHaveLength(2);
  });

  it('puts the datapoints of both pages on the grid, summing the queues and keeping gaps', async () => {
    // Prepare
    const cloudwatch = newClient();
    mockClient(cloudwatch).on(GetMetricDataCommand).resolvesOnce(getMetricDataFixture('two-queues-page-1')).resolvesOnce(getMetricDataFixture('two-queues-page-2'));

    // Act
    const series = await new CloudWatchDemandHistory({ cloudwatch }).demandHistory(request);

    // Assess
    expect(series).toEqual({
      startMs: START_MS,
      stepSeconds: 300,
      values: [1520, 1623, 0, 9, 1730, 1802, 1795, 1840, undefined, undefined, undefined, 2041],
    });
  });

  it('keeps as gaps what a last page still marked PartialData did not return', async () => {
    // Prepare
    const cloudwatch = newClient();
    mockClient(cloudwatch).on(GetMetricDataCommand).resolves({ ...getMetricDataFixture('two-queues-page-1'), NextToken: undefined });

    // Act
    const series = await new CloudWatchDemandHistory({ cloudwatch }).demandHistory(request);

    // Assess
    expect(series.values.slice(0, 6)).toEqual([1520, 1611, 0, undefined, 1730, undefined]);
  });

  it('asks for a custom metric with its dimensions and statistic', async () => {
    // Prepare
    const cloudwatch = newClient();
    const mock = mockClient(cloudwatch);
    mock.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'q0', Timestamps: [], Values: [], StatusCode: 'Complete' }] });
    const metric = { kind: 'custom', namespace: 'Triton/Inference', metricName: 'RequestCount', dimensions: { Fleet: 'bert-large' }, stat: 'SampleCount' } as const;

    // Act
    await new CloudWatchDemandHistory({ cloudwatch }).demandHistory({ ...request, metric, queueUrls: [] });

    // Assess
    expect(mock.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries).toEqual([
      { Id: 'q0', MetricStat: { Metric: { Namespace: 'Triton/Inference', MetricName: 'RequestCount', Dimensions: [{ Name: 'Fleet', Value: 'bert-large' }] }, Period: 300, Stat: 'SampleCount' }, ReturnData: true },
    ]);
  });

  it('rejects a Forbidden result with its message, as a DemandHistoryError a retry will not fix', async () => {
    // Prepare
    const cloudwatch = newClient();
    mockClient(cloudwatch).on(GetMetricDataCommand).resolves(getMetricDataFixture('forbidden'));

    // Act
    const read = new CloudWatchDemandHistory({ cloudwatch }).demandHistory({ ...request, queueUrls: [QUEUE('bert-large-work')] });

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'DemandHistoryError', code: 'Forbidden', retryable: false });
    await expect(read).rejects.toThrow('Forbidden: Insufficient permissions to access metric in namespace Triton/Inference');
  });

  it('rejects an InternalError result as retryable', async () => {
    // Prepare
    const cloudwatch = newClient();
    const internal = { MetricDataResults: [{ Id: 'q0', Timestamps: [], Values: [], StatusCode: 'InternalError' as const }] };
    mockClient(cloudwatch).on(GetMetricDataCommand).resolves(internal);

    // Act
    const read = new CloudWatchDemandHistory({ cloudwatch }).demandHistory({ ...request, queueUrls: [QUEUE('bert-large-work')] });

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'InternalError', retryable: true });
  });

  it('says which query got no result, with the messages of the operation', async () => {
    // Prepare
    const cloudwatch = newClient();
    mockClient(cloudwatch).on(GetMetricDataCommand).resolves({ MetricDataResults: [], Messages: [{ Code: 'MaxMetricsExceeded', Value: 'Maximum number of allowed metrics exceeded' }] });

    // Act
    const read = new CloudWatchDemandHistory({ cloudwatch }).demandHistory({ ...request, queueUrls: [QUEUE('bert-large-work')] });

    // Assess
    await expect(read).rejects.toThrow('no result for q0: MaxMetricsExceeded: Maximum number of allowed metrics exceeded');
  });

  it('keeps the SDK error as the cause, retryable when throttled', async () => {
    // Prepare
    const cloudwatch = newClient();
    const throttling = cloudWatchThrottling();
    mockClient(cloudwatch).on(GetMetricDataCommand).rejects(throttling);

    // Act
    const read = new CloudWatchDemandHistory({ cloudwatch }).demandHistory(request);

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'Throttling', retryable: true, cause: throttling });
  });
});
