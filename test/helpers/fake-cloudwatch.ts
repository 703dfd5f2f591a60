/** CloudWatch behind aws-sdk-client-mock: answers GetMetricData from stored 1-minute datapoints in the documented shape. */
import {
  CloudWatchServiceException,
  GetMetricDataCommand,
  InvalidNextToken,
  InvalidParameterValueException,
  type CloudWatchClient,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

const MINUTE_MS = 60_000;

/** A metric's identity: namespace, name and its full set of dimensions. */
export interface FakeMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

export interface FakeCloudWatch {
  mock: AwsClientStub<CloudWatchClient>;
  /** Stores a 1-minute `Sum` datapoint of AWS/SQS NumberOfMessagesSent for a queue name (adds to an existing one). */
  putSent(queueName: string, minuteStartMs: number, sum: number): void;
  /** Stores one value of any metric in the minute it falls in (Sum adds it, SampleCount counts it, Maximum keeps the largest). */
  putValue(metric: FakeMetric, timestampMs: number, value: number): void;
}

type Minutes = Map<number, { sum: number; count: number; max: number }>;
const keyOf = (metric: FakeMetric): string =>
  JSON.stringify([metric.namespace, metric.metricName, Object.entries(metric.dimensions).sort(([a], [b]) => a.localeCompare(b))]);

/**
 * Answers as the GetMetricData reference describes: at most 500 queries with unique Ids, each a MetricStat with a
 * Period of 60 s multiples and Sum, SampleCount or Maximum; datapoints from StartTime rounded down to the minute up to EndTime
 * (exclusive), aggregated per Period from StartTime, a period without data left out; newest first unless ScanBy is
 * TimestampAscending. A page holds at most `pageSize` (default 3, so paging is always exercised) or MaxDatapoints
 * datapoints across all queries, in query order; every result is PartialData while a NextToken follows, Complete on the last page.
 */
export const fakeCloudWatch = (client: CloudWatchClient, options: { pageSize?: number } = {}): FakeCloudWatch => {
  const metrics = new Map<string, Minutes>();
  const mock = mockClient(client);
  mock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput): GetMetricDataCommandOutput => {
    const queries = validQueries(input);
    const startMs = Math.floor(new Date(input.StartTime as Date).getTime() / MINUTE_MS) * MINUTE_MS;
    const endMs = new Date(input.EndTime as Date).getTime();
    const order = input.ScanBy === 'TimestampAscending' ? 1 : -1;
    const all = queries.flatMap((query) =>
      aggregate(metrics.get(keyOf(metricOf(query))), query, startMs, endMs)
        .sort(([a], [b]) => order * (a - b))
        .map((point) => ({ id: query.Id as string, point })),
    );
    const pageSize = Math.min(options.pageSize ?? 3, input.MaxDatapoints ?? 100_800);
    const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
    if (!Number.isInteger(offset) || offset < 0 || offset > all.length) {
      throw new InvalidNextToken({ message: `The service couldn't process ${input.NextToken}`, $metadata: {} });
    }
    const next = offset + pageSize < all.length ? String(offset + pageSize) : undefined;
    const page = all.slice(offset, offset + pageSize);
    const results = queries.map((query): MetricDataResult => {
      const points = page.filter((p) => p.id === query.Id).map((p) => p.point);
      return {
        Id: query.Id,
        Label: query.MetricStat?.Metric?.MetricName,
        Timestamps: points.map(([t]) => new Date(t)),
        Values: points.map(([, v]) => v),
        StatusCode: next ? 'PartialData' : 'Complete',
      };
    });
    return { MetricDataResults: results, NextToken: next, Messages: [], $metadata: { httpStatusCode: 200 } };
  });
  const putValue = (metric: FakeMetric, timestampMs: number, value: number, count = 1): void => {
    const minutes = metrics.get(keyOf(metric)) ?? (new Map() as Minutes);
    const minute = Math.floor(timestampMs / MINUTE_MS) * MINUTE_MS;
    const stored = minutes.get(minute) ?? { sum: 0, count: 0, max: Number.NEGATIVE_INFINITY };
    minutes.set(minute, { sum: stored.sum + value, count: stored.count + count, max: Math.max(stored.max, value) });
    metrics.set(keyOf(metric), minutes);
  };
  return {
    mock,
    putSent: (queueName, minuteStartMs, sum) =>
      putValue({ namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent', dimensions: { QueueName: queueName } }, minuteStartMs, sum),
    putValue,
  };
};

const invalid = (message: string): InvalidParameterValueException => new InvalidParameterValueException({ message, $metadata: { httpStatusCode: 400 } });

const validQueries = (input: GetMetricDataCommandInput): MetricDataQuery[] => {
  const queries = input.MetricDataQueries ?? [];
  if (queries.length === 0 || queries.length > 500) throw invalid(`${queries.length} MetricDataQueries: between 1 and 500 are allowed`);
  if (new Set(queries.map((q) => q.Id)).size !== queries.length) throw invalid('MetricDataQuery Ids must be unique');
  for (const query of queries) {
    const stat = query.MetricStat;
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(query.Id ?? '')) throw invalid(`Id ${query.Id} must start with a lowercase letter`);
    if (!stat?.Metric?.Namespace || !stat.Metric.MetricName || !stat.Period || stat.Period % 60 !== 0) throw invalid(`query ${query.Id} needs a MetricStat with a Period of whole minutes`);
    if (!['Sum', 'SampleCount', 'Maximum'].includes(stat.Stat ?? '')) throw invalid(`query ${query.Id}: this fake answers Sum, SampleCount and Maximum only`);
  }
  if (!input.StartTime || !input.EndTime || new Date(input.StartTime) >= new Date(input.EndTime)) throw invalid('StartTime must be before EndTime');
  return queries;
};

const metricOf = (query: MetricDataQuery): FakeMetric => ({
  namespace: query.MetricStat?.Metric?.Namespace ?? '',
  metricName: query.MetricStat?.Metric?.MetricName ?? '',
  dimensions: Object.fromEntries((query.MetricStat?.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value])),
});

const aggregate = (minutes: Minutes | undefined, query: MetricDataQuery, startMs: number, endMs: number): Array<[number, number]> => {
  const periodMs = (query.MetricStat?.Period ?? 60) * 1000;
  const stat = query.MetricStat?.Stat;
  const periods = new Map<number, number>();
  for (const [minute, datum] of minutes ?? []) {
    if (minute < startMs || minute >= endMs) continue;
    const periodStart = startMs + Math.floor((minute - startMs) / periodMs) * periodMs;
    const stored = periods.get(periodStart);
    if (stat === 'Maximum') periods.set(periodStart, Math.max(stored ?? Number.NEGATIVE_INFINITY, datum.max));
    else periods.set(periodStart, (stored ?? 0) + (stat === 'Sum' ? datum.sum : datum.count));
  }
  return [...periods];
};

/** The error CloudWatch answers with when an account's request rate is exceeded. */
export const cloudWatchThrottling = (): CloudWatchServiceException =>
  new CloudWatchServiceException({ name: 'Throttling', $fault: 'client', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
