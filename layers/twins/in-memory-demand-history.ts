/** Twin of CloudWatch GetMetricData for demand history: SQS sends (shared with the metrics twin) and custom metrics, per period. */
import { demandGridOf, stepIndexOf, sumPerStep, type DemandGrid } from '../core/demand-grid';
import type { DemandSeries } from '../core/forecast/forecast-types';
import { DemandHistoryError, type DemandHistoryPort, type DemandHistoryRequest } from '../ports/demand-history-port';
import { InMemoryMetrics } from './in-memory-metrics';

/** What the twin can be told to make `demandHistory` fail with: the API's throttling, or a result's StatusCode. */
export type DemandHistoryFailure = 'throttling' | 'internal-error' | 'forbidden';

/** A custom metric: namespace, name and its full set of dimensions (CloudWatch's identity of a metric). */
export interface CustomMetricId {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

const MINUTE_MS = 60_000;
const FAILURES: Record<DemandHistoryFailure, { code: string; retryable: boolean }> = {
  throttling: { code: 'Throttling', retryable: true },
  'internal-error': { code: 'InternalError', retryable: true },
  forbidden: { code: 'Forbidden', retryable: false },
};

/**
 * Answers as GetMetricData does with one query per source: each period's `Sum` (or `SampleCount`) of the
 * 1-minute datapoints inside it, a period with none is a gap. For `sqs-messages-sent` it reads the per-queue
 * minute counts of the InMemoryMetrics it is given, so a simulator that `put`s arrivals there answers both the
 * MetricsPort and this port; the fleet's queues are summed, and a period is a gap only when no queue had data.
 *
 * @example
 * const metrics = new InMemoryMetrics();
 * const history = new InMemoryDemandHistory(metrics);
 * metrics.put(queueUrl, Date.UTC(2026, 2, 1, 0, 2), 40);
 * await history.demandHistory({ metric: { kind: 'sqs-messages-sent' }, queueUrls: [queueUrl], startMs: Date.UTC(2026, 2, 1), endMs: Date.UTC(2026, 2, 1, 0, 10), periodSeconds: 300 });
 * // { startMs, stepSeconds: 300, values: [40, undefined] }
 */
export class InMemoryDemandHistory implements DemandHistoryPort {
  /** metric identity -> minute start (ms) -> sum and count of the values put in that minute */
  private custom = new Map<string, Map<number, { sum: number; count: number }>>();
  private failures: DemandHistoryFailure[] = [];

  constructor(private readonly sqs: InMemoryMetrics = new InMemoryMetrics()) {}

  /** Records one value of a custom metric at `timestampMs` (into that minute's datapoint, as PutMetricData would). */
  putCustom(metric: CustomMetricId, timestampMs: number, value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`recording ${metric.metricName}: value ${value} is not finite`);
    const key = identity(metric);
    const minutes = this.custom.get(key) ?? new Map<number, { sum: number; count: number }>();
    const minute = Math.floor(timestampMs / MINUTE_MS) * MINUTE_MS;
    const stored = minutes.get(minute) ?? { sum: 0, count: 0 };
    minutes.set(minute, { sum: stored.sum + value, count: stored.count + 1 });
    this.custom.set(key, minutes);
  }

  async demandHistory(request: DemandHistoryRequest): Promise<DemandSeries> {
    const grid = demandGridOf(request.startMs, request.endMs, request.periodSeconds);
    if ('problem' in grid) throw new DemandHistoryError(`reading demand history: ${grid.problem}`, 'InvalidRequest', false);
    const { metric } = request;
    const subject = metric.kind === 'custom' ? `metric ${metric.namespace} ${metric.metricName}` : `queues ${request.queueUrls.join(', ')}`;
    const failure = this.failures.shift();
    if (failure) throw new DemandHistoryError(`reading demand history of ${subject}: ${FAILURES[failure].code} (twin)`, FAILURES[failure].code, FAILURES[failure].retryable);
    const sources =
      metric.kind === 'custom'
        ? [perPeriod(grid, this.custom.get(identity(metric)) ?? [], (d) => (metric.stat === 'Sum' ? d.sum : d.count))]
        : [...new Set(request.queueUrls)].map((url) => perPeriod(grid, this.sqs.minuteSums(url, request.startMs, request.endMs), (count) => count));
    return { startMs: request.startMs, stepSeconds: request.periodSeconds, values: sumPerStep(grid.steps, sources) };
  }

  /** Makes the next `times` reads fail. */
  failNext(failure: DemandHistoryFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** Forgets custom datapoints and failures; the SQS counts belong to the InMemoryMetrics (reset it to clear them). */
  reset(): void {
    this.custom = new Map();
    this.failures = [];
  }
}

// Aggregates minute datapoints into the grid's periods, as CloudWatch aggregates to the query's Period.
const perPeriod = <T>(grid: DemandGrid, minutes: Iterable<[number, T]>, valueOf: (datum: T) => number): Map<number, number> => {
  const periods = new Map<number, number>();
  for (const [minute, datum] of minutes) {
    const index = stepIndexOf(grid, minute);
    if (index !== undefined) periods.set(index, (periods.get(index) ?? 0) + valueOf(datum));
  }
  return periods;
};

const identity = (metric: CustomMetricId): string =>
  JSON.stringify([metric.namespace, metric.metricName, Object.entries(metric.dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
