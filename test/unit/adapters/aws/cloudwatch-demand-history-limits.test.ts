/** CloudWatchDemandHistory and the GetMetricData limits: 500 queries a call, a bounded NextToken loop, bad requests. */
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { CloudWatchDemandHistory } from '../../../../layers/adapters/aws/cloudwatch-demand-history';
import type { DemandHistoryRequest } from '../../../../layers/ports/demand-history-port';

const newClient = (): CloudWatchClient =>
  new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const QUEUE = (name: string): string => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const START_MS = Date.UTC(2026, 2, 1, 23, 0);
const request = (queueUrls: string[]): DemandHistoryRequest => ({
  metric: { kind: 'sqs-messages-sent' },
  queueUrls,
  startMs: START_MS,
  endMs: START_MS + 3_600_000,
  periodSeconds: 300,
});
// Answers every query with one datapoint of 1 at the start, so each query's share of the sum shows.
const oneEach = (input: GetMetricDataCommandInput) => ({
  MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({ Id: q.Id, Timestamps: [new Date(START_MS)], Values: [1], StatusCode: 'Complete' as const })),
});

describe('CloudWatchDemandHistory limits', () => {
  it('splits more than 500 queues into calls of at most 500 queries, and sums them all', async () => {
    // Prepare
    const cloudwatch = newClient();
    const mock = mockClient(cloudwatch);
    mock.on(GetMetricDataCommand).callsFake(oneEach);
    const queues = Array.from({ length: 1_001 }, (_, i) => QUEUE(`shard-${i}`));

    // Act
    const series = await new CloudWatchDemandHistory({ cloudwatch }).demandHistory(request(queues));

    // Assess
    expect(mock.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.MetricDataQueries?.length)).toEqual([500, 500, 1]);
    expect(series.values[0]).toBe(1_001);
  });

  it('reads a queue listed twice once', async () => {
    // Prepare
    const cloudwatch = newClient();
    mockClient(cloudwatch).on(GetMetricDataCommand).callsFake(oneEach);

    // Act
    const series = await new CloudWatchDemandHistory({ cloudwatch }).demandHistory(request([QUEUE('bert'), QUEUE('bert')]));

    // Assess
    expect(series.values[0]).toBe(1);
  });

  it('gives up with a non-retryable error when NextToken never ends, instead of looping', async () => {
    // Prepare
    const cloudwatch = newClient();
    const mock = mockClient(cloudwatch);
    mock.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'q0', Timestamps: [], Values: [], StatusCode: 'PartialData' }], NextToken: 'again' });

    // Act
    const read = new CloudWatchDemandHistory({ cloudwatch }).demandHistory(request([QUEUE('bert')]));

    // Assess
    await expect(read).rejects.toMatchObject({ code: 'TooManyPages', retryable: false });
    expect(mock.commandCalls(GetMetricDataCommand)).toHaveLength(11);
  });

  it.each([
    ['a queue URL without a queue name', { ...request([QUEUE('')]) }],
    ['a period CloudWatch does not accept', { ...request([QUEUE('bert')]), periodSeconds: 90 }],
    ['an end before the start', { ...request([QUEUE('bert')]), endMs: START_MS - 300_000 }],
  ])('rejects %s without calling CloudWatch', async (_, bad) => {
    // Prepare
    const cloudwatch = newClient();
    const mock = mockClient(cloudwatch);

    // Act
    const read = new CloudWatchDemandHistory({ cloudwatch }).demandHistory(bad);

    // Assess
    await expect(read).rejects.toMatchObject({ name: 'DemandHistoryError', code: 'InvalidRequest', retryable: false });
    expect(mock.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });

  it('refuses a page size outside what GetMetricData accepts', () => {
    // Act + Assess
    expect(() => new CloudWatchDemandHistory({ cloudwatch: newClient(), maxDatapoints: 100_801 })).toThrow(RangeError);
  });
});
