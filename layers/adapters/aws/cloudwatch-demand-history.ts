/** DemandHistoryPort on Amazon CloudWatch GetMetricData: a fleet's demand per period on a regular grid, gaps kept as gaps. */
import { GetMetricDataCommand, type CloudWatchClient, type GetMetricDataCommandOutput, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { demandGridOf, stepIndexOf, sumPerStep, type DemandGrid } from '../../core/demand-grid';
import type { DemandSeries } from '../../core/forecast/forecast-types';
import { DemandHistoryError, type DemandHistoryPort, type DemandHistoryRequest } from '../../ports/demand-history-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';
import { demandQueries } from './cloudwatch-demand-queries';

// GetMetricData limits (API reference): at most 500 MetricDataQuery per call, 100,800 datapoints per page (the default).
const MAX_QUERIES_PER_CALL = 500;
const MAX_DATAPOINTS = 100_800;
// The service pages when MaxDatapoints is reached; a few pages more than that needs, and a NextToken loop still ends.
const PAGE_SLACK = 10;

type Page = Pick<GetMetricDataCommandOutput, 'MetricDataResults' | 'NextToken' | 'Messages'>;

/**
 * Reads the demand of a fleet: for `sqs-messages-sent` one query per queue, summed here rather than by a metric-math
 * `SUM` expression, because the API reference says a math expression returns no NextToken (a long history would
 * lose its later pages) and because summing here fixes what a missing point means: a step is a gap only when no
 * queue had a datapoint in it (an idle SQS queue publishes none, so a missing queue among present ones counts 0).
 * Pages are read oldest first (ScanBy TimestampAscending) until there is no NextToken; a result still marked
 * PartialData on the last page leaves its missing steps as gaps, which the forecaster handles.
 *
 * @example
 * const history = new CloudWatchDemandHistory({ cloudwatch: new CloudWatchClient({}) });
 * const series = await history.demandHistory({ metric: { kind: 'sqs-messages-sent' }, queueUrls, startMs, endMs, periodSeconds: 300 });
 */
export class CloudWatchDemandHistory implements DemandHistoryPort {
  private readonly cloudwatch: CloudWatchClient;
  private readonly maxDatapoints: number;

  /** `maxDatapoints`: the page size asked for (MaxDatapoints), 1 to 100,800 (the most one call returns, and the default). */
  constructor(deps: { cloudwatch: CloudWatchClient; maxDatapoints?: number }) {
    this.cloudwatch = deps.cloudwatch;
    this.maxDatapoints = deps.maxDatapoints ?? MAX_DATAPOINTS;
    if (!Number.isInteger(this.maxDatapoints) || this.maxDatapoints < 1 || this.maxDatapoints > MAX_DATAPOINTS) {
      throw new RangeError(`configuring demand history: MaxDatapoints ${this.maxDatapoints} is not in 1..${MAX_DATAPOINTS}`);
    }
  }

  /**
   * @throws DemandHistoryError: `retryable` for throttling, server and network faults and a result's InternalError;
   * not for an invalid request, a Forbidden result (no permission on the metric) or a runaway pagination.
   */
  async demandHistory(request: DemandHistoryRequest): Promise<DemandSeries> {
    const grid = demandGridOf(request.startMs, request.endMs, request.periodSeconds);
    if ('problem' in grid) throw invalidRequest(grid.problem);
    const built = demandQueries(request);
    if ('problem' in built) throw invalidRequest(built.problem);
    const doing = `reading demand history of ${built.subject}`;
    const perQuery = new Map<string, Map<number, number>>();
    if (grid.steps > 0) {
      for (let i = 0; i < built.queries.length; i += MAX_QUERIES_PER_CALL) {
        await this.readAll(doing, built.queries.slice(i, i + MAX_QUERIES_PER_CALL), grid, perQuery);
      }
    }
    return { startMs: request.startMs, stepSeconds: request.periodSeconds, values: sumPerStep(grid.steps, perQuery.values()) };
  }

  /** Follows NextToken for one call's queries, putting each datapoint on its step of the grid. */
  private async readAll(doing: string, queries: MetricDataQuery[], grid: DemandGrid, into: Map<string, Map<number, number>>): Promise<void> {
    const unseen = new Set(queries.map((q) => q.Id as string));
    const maxPages = Math.ceil((queries.length * grid.steps) / this.maxDatapoints) + PAGE_SLACK;
    let nextToken: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const output = await this.fetch(doing, queries, grid, nextToken);
      for (const result of output.MetricDataResults ?? []) {
        if (result.Id === undefined || !queries.some((q) => q.Id === result.Id)) continue;
        unseen.delete(result.Id);
        if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
          throw new DemandHistoryError(`${doing}: ${messagesOf(result.Messages) || result.StatusCode}`, result.StatusCode, result.StatusCode === 'InternalError');
        }
        const steps = into.get(result.Id) ?? new Map<number, number>();
        const timestamps = result.Timestamps ?? [];
        (result.Values ?? []).slice(0, timestamps.length).forEach((value, i) => {
          const index = stepIndexOf(grid, new Date(timestamps[i] as Date).getTime());
          if (index !== undefined && Number.isFinite(value)) steps.set(index, value);
        });
        into.set(result.Id, steps);
      }
      nextToken = output.NextToken;
      if (!nextToken) {
        // A query CloudWatch answered nothing for: the operation-level Messages say why.
        if (unseen.size > 0) throw new DemandHistoryError(`${doing}: no result for ${[...unseen].join(', ')}: ${messagesOf(output.Messages) || 'no message'}`, 'MissingResult', false);
        return;
      }
    }
    throw new DemandHistoryError(`${doing}: more than ${maxPages} pages`, 'TooManyPages', false);
  }

  private async fetch(doing: string, queries: MetricDataQuery[], grid: DemandGrid, nextToken: string | undefined): Promise<Page> {
    try {
      return await this.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(grid.startMs),
          EndTime: new Date(grid.startMs + grid.steps * grid.stepMs),
          ScanBy: 'TimestampAscending',
          MaxDatapoints: this.maxDatapoints,
          NextToken: nextToken,
        }),
      );
    } catch (error) {
      throw new DemandHistoryError(`${doing}: ${error instanceof Error ? error.message : String(error)}`, awsErrorName(error), isRetryableAwsError(error), { cause: error });
    }
  }
}

const invalidRequest = (problem: string): DemandHistoryError => new DemandHistoryError(`reading demand history: ${problem}`, 'InvalidRequest', false);

const messagesOf = (messages: { Code?: string; Value?: string }[] | undefined): string =>
  (messages ?? []).map((m) => [m.Code, m.Value].filter(Boolean).join(': ')).join('; ');
