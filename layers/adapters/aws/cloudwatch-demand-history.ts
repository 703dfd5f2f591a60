/** DemandHistoryPort on Amazon CloudWatch GetMetricData: a fleet's demand per period on a regular grid, gaps kept as gaps. */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { demandGridOf, sumPerStep } from '../../core/demand-grid';
import type { DemandSeries } from '../../core/forecast/forecast-types';
import { DemandHistoryError, type DemandHistoryPort, type DemandHistoryRequest } from '../../ports/demand-history-port';
import { demandQueries } from './cloudwatch-demand-queries';
import { MAX_QUERIES_PER_CALL, readMetricDataPages } from './metric-data-pages';

// GetMetricData's largest page (API reference: 100,800 datapoints, the default MaxDatapoints).
const MAX_DATAPOINTS = 100_800;

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
    for (let i = 0; grid.steps > 0 && i < built.queries.length; i += MAX_QUERIES_PER_CALL) {
      const read = await readMetricDataPages({ cloudwatch: this.cloudwatch, queries: built.queries.slice(i, i + MAX_QUERIES_PER_CALL), grid, maxDatapoints: this.maxDatapoints });
      if ('failure' in read) throw new DemandHistoryError(`${doing}: ${read.failure.message}`, read.failure.code, read.failure.retryable, read.failure.cause === undefined ? undefined : { cause: read.failure.cause });
      for (const [id, steps] of read) perQuery.set(id, steps);
    }
    return { startMs: request.startMs, stepSeconds: request.periodSeconds, values: sumPerStep(grid.steps, perQuery.values()) };
  }
}

const invalidRequest = (problem: string): DemandHistoryError => new DemandHistoryError(`reading demand history: ${problem}`, 'InvalidRequest', false);

