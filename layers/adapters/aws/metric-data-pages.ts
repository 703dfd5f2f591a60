/** Reads every page of one GetMetricData request and files each query's datapoints on the steps of a regular grid. */
import { GetMetricDataCommand, type CloudWatchClient, type MessageData, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { stepIndexOf, type DemandGrid } from '../../core/demand-grid';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

/** GetMetricData limits (API reference): 500 queries per call, 100,800 datapoints per page (the default MaxDatapoints). */
export const MAX_QUERIES_PER_CALL = 500;
const MAX_DATAPOINTS = 100_800;
// The service pages when MaxDatapoints is reached; a few pages more than that needs, and a NextToken loop still ends.
const PAGE_SLACK = 10;

/** What went wrong, for the caller to wrap in its port's error: the service's code and whether a retry may help. */
export interface MetricDataFailure {
  message: string;
  code: string;
  retryable: boolean;
  cause?: unknown;
}

export interface MetricDataRead {
  cloudwatch: CloudWatchClient;
  queries: readonly MetricDataQuery[];
  grid: DemandGrid;
  maxDatapoints?: number;
}

/**
 * query Id -> step index -> value, reading pages oldest first (ScanBy TimestampAscending) until there is no
 * NextToken. A result with StatusCode Forbidden or InternalError fails the read (InternalError retryable); a query
 * the service never answered fails it with the operation's Messages; a non-finite value is dropped.
 *
 * @example
 * const values = await readMetricDataPages({ cloudwatch, queries: [{ Id: 'q0', MetricStat: { ... }, ReturnData: true }], grid });
 * if ('failure' in values) throw new UsageMetricsError(`reading ...: ${values.failure.message}`, values.failure.code, values.failure.retryable);
 */
export const readMetricDataPages = async (read: MetricDataRead): Promise<Map<string, Map<number, number>> | { failure: MetricDataFailure }> => {
  const { cloudwatch, queries, grid } = read;
  const maxDatapoints = read.maxDatapoints ?? MAX_DATAPOINTS;
  const into = new Map<string, Map<number, number>>(queries.map((q) => [q.Id as string, new Map<number, number>()]));
  if (grid.steps === 0 || queries.length === 0) return into;
  const unseen = new Set(into.keys());
  const maxPages = Math.ceil((queries.length * grid.steps) / maxDatapoints) + PAGE_SLACK;
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    let output;
    try {
      output = await cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [...queries],
          StartTime: new Date(grid.startMs),
          EndTime: new Date(grid.startMs + grid.steps * grid.stepMs),
          ScanBy: 'TimestampAscending',
          MaxDatapoints: maxDatapoints,
          NextToken: nextToken,
        }),
      );
    } catch (error) {
      return { failure: { message: error instanceof Error ? error.message : String(error), code: awsErrorName(error), retryable: isRetryableAwsError(error), cause: error } };
    }
    for (const result of output.MetricDataResults ?? []) {
      const steps = result.Id === undefined ? undefined : into.get(result.Id);
      if (steps === undefined) continue;
      unseen.delete(result.Id as string);
      if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
        return { failure: { message: messagesOf(result.Messages) || result.StatusCode, code: result.StatusCode, retryable: result.StatusCode === 'InternalError' } };
      }
      const timestamps = result.Timestamps ?? [];
      (result.Values ?? []).slice(0, timestamps.length).forEach((value, i) => {
        const index = stepIndexOf(grid, new Date(timestamps[i] as Date).getTime());
        if (index !== undefined && Number.isFinite(value)) steps.set(index, value);
      });
    }
    nextToken = output.NextToken;
    if (!nextToken) {
      if (unseen.size === 0) return into;
      return { failure: { message: `no result for ${[...unseen].join(', ')}: ${messagesOf(output.Messages) || 'no message'}`, code: 'MissingResult', retryable: false } };
    }
  }
  return { failure: { message: `more than ${maxPages} pages`, code: 'TooManyPages', retryable: false } };
};

const messagesOf = (messages: readonly MessageData[] | undefined): string => (messages ?? []).map((m) => [m.Code, m.Value].filter(Boolean).join(': ')).join('; ');
