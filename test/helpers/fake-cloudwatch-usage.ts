// CloudWatch behind aws-sdk-client-mock for the usage metrics: raw values kept, GetMetricData answered with Sum, SampleCount, Average and PR(:x).
import { GetMetricDataCommand, InvalidParameterValueException, type CloudWatchClient, type GetMetricDataCommandInput, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';

export interface UsageFakeMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

const keyOf = (m: UsageFakeMetric): string => JSON.stringify([m.namespace, m.metricName, Object.entries(m.dimensions).sort(([a], [b]) => a.localeCompare(b))]);

// Statistics definitions: PR(:x) is the percentage of values <= x (exclusive lower, inclusive upper bound).
const statOf = (stat: string, values: number[]): number => {
  const sum = values.reduce((a, b) => a + b, 0);
  if (stat === 'Sum') return sum;
  if (stat === 'SampleCount') return values.length;
  if (stat === 'Average') return sum / values.length;
  const rank = /^PR\(:(\d+(?:\.\d+)?)\)$/.exec(stat);
  if (rank) return (100 * values.filter((v) => v <= Number(rank[1])).length) / values.length;
  throw new InvalidParameterValueException({ message: `this fake does not answer ${stat}`, $metadata: { httpStatusCode: 400 } });
};

/**
 * Answers GetMetricData as its reference describes: queries with unique lowercase Ids and a MetricStat; each period
 * from StartTime with a value aggregated from the raw values in it, periods without values left out; oldest first
 * with ScanBy TimestampAscending; pages of at most `pageSize` (default 2) or MaxDatapoints datapoints with a NextToken.
 */
export const fakeCloudWatchUsage = (client: CloudWatchClient, options: { pageSize?: number } = {}) => {
  const values = new Map<string, { atMs: number; value: number }[]>();
  const mock = mockClient(client);
  mock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    const queries = input.MetricDataQueries ?? [];
    if (new Set(queries.map((q) => q.Id)).size !== queries.length || queries.some((q) => !/^[a-z]\w*$/.test(q.Id ?? ''))) {
      throw new InvalidParameterValueException({ message: 'Ids must be unique and start with a lowercase letter', $metadata: { httpStatusCode: 400 } });
    }
    const startMs = new Date(input.StartTime as Date).getTime();
    const endMs = new Date(input.EndTime as Date).getTime();
    const all = queries.flatMap((q) => {
      const stat = q.MetricStat;
      const periodMs = (stat?.Period ?? 0) * 1000;
      const metric = { namespace: stat?.Metric?.Namespace ?? '', metricName: stat?.Metric?.MetricName ?? '', dimensions: Object.fromEntries((stat?.Metric?.Dimensions ?? []).map((d) => [d.Name, d.Value])) };
      const periods = new Map<number, number[]>();
      for (const v of values.get(keyOf(metric as UsageFakeMetric)) ?? []) {
        if (v.atMs < startMs || v.atMs >= endMs) continue;
        const p = startMs + Math.floor((v.atMs - startMs) / periodMs) * periodMs;
        periods.set(p, [...(periods.get(p) ?? []), v.value]);
      }
      return [...periods.entries()].sort(([a], [b]) => a - b).map(([p, vs]) => ({ id: q.Id as string, atMs: p, value: statOf(stat?.Stat ?? '', vs) }));
    });
    const pageSize = Math.min(options.pageSize ?? 2, input.MaxDatapoints ?? 100_800);
    const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const next = offset + pageSize < all.length ? String(offset + pageSize) : undefined;
    const page = all.slice(offset, offset + pageSize);
    const results = queries.map((q): MetricDataResult => {
      const points = page.filter((p) => p.id === q.Id);
      return { Id: q.Id, Label: q.MetricStat?.Metric?.MetricName, Timestamps: points.map((p) => new Date(p.atMs)), Values: points.map((p) => p.value), StatusCode: next ? 'PartialData' : 'Complete' };
    });
    return { MetricDataResults: results, NextToken: next, Messages: [], $metadata: { httpStatusCode: 200 } };
  });
  return {
    mock,
    put: (metric: UsageFakeMetric, atMs: number, value: number): void => {
      values.set(keyOf(metric), [...(values.get(keyOf(metric)) ?? []), { atMs, value }]);
    },
  };
};
