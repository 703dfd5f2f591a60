/** Twin of the CloudWatch usage metrics: requests served, fleet GPU utilization and end-to-end latency, aggregated per period as GetMetricData does. */
import { demandGridOf, stepIndexOf, type DemandGrid } from '../core/demand-grid';
import {
  UsageMetricsError,
  type GpuUtilizationRequest,
  type RequestsServedRequest,
  type RequestsSource,
  type SloAttainmentRequest,
  type SloPoint,
  type UsageMetricsPort,
  type UsagePoint,
  type UsageWindow,
} from '../ports/usage-metrics-port';

/** What the twin can be told to make the next read fail with: the API's throttling, or a result's StatusCode. */
export type UsageMetricsFailure = 'throttling' | 'internal-error' | 'forbidden';

const FAILURES: Record<UsageMetricsFailure, { code: string; retryable: boolean }> = {
  throttling: { code: 'Throttling', retryable: true },
  'internal-error': { code: 'InternalError', retryable: true },
  forbidden: { code: 'Forbidden', retryable: false },
};

interface Timed {
  atMs: number;
  value: number;
}

/**
 * Keeps every recorded value with its time and aggregates on read: `Sum` of the requests of the fleet's queues,
 * `Average` of the GPU utilization values of the fleet (every GPU's value counts once, as the agent's FleetId
 * roll-up makes CloudWatch do), and per queue the share of latency samples `<= sloMs` weighted by the queue's sample
 * count. A period with no value is left out.
 *
 * @example
 * const usage = new InMemoryUsageMetrics();
 * usage.recordServed(queueUrl, Date.UTC(2026, 10, 28, 0, 3), 120);
 * usage.recordGpuUtilization('fleet-0a1b', Date.UTC(2026, 10, 28, 0, 3), 64);
 * usage.recordLatency(queueUrl, Date.UTC(2026, 10, 28, 0, 3), [80, 95, 240]);
 */
export class InMemoryUsageMetrics implements UsageMetricsPort {
  private counts = new Map<string, Timed[]>();
  private gpu = new Map<string, Timed[]>();
  private latency = new Map<string, Timed[]>();
  private failures: UsageMetricsFailure[] = [];

  /** Records `count` requests served by the queue's consumers at `atMs` (the agent's Served, or SQS deletions). */
  recordServed(queueUrl: string, atMs: number, count: number, source: RequestsSource = 'agent-served'): void {
    push(this.counts, `${source} ${queueUrl}`, atMs, count);
  }

  /** Records one GPU's utilization, percent, at `atMs` (one per GPU per minute, as the CloudWatch agent publishes). */
  recordGpuUtilization(fleetId: string, atMs: number, percent: number): void {
    push(this.gpu, fleetId, atMs, percent);
  }

  /** Records end-to-end latency samples (queue wait + service time), milliseconds, of requests served at `atMs`. */
  recordLatency(queueUrl: string, atMs: number, latenciesMs: readonly number[]): void {
    for (const ms of latenciesMs) push(this.latency, queueUrl, atMs, ms);
  }

  async requestsServed(request: RequestsServedRequest): Promise<UsagePoint[]> {
    const grid = this.gridOf(`reading requests served of ${request.queueUrls.join(', ')}`, request);
    const periods = new Map<number, number>();
    for (const url of new Set(request.queueUrls)) {
      for (const [index, values] of byPeriod(grid, this.counts.get(`${request.source} ${url}`))) periods.set(index, (periods.get(index) ?? 0) + sum(values));
    }
    return pointsOf(grid, periods, (value) => value);
  }

  async gpuUtilization(request: GpuUtilizationRequest): Promise<UsagePoint[]> {
    const grid = this.gridOf(`reading GPU utilization of fleet ${request.fleetId}`, request);
    return pointsOf(grid, byPeriod(grid, this.gpu.get(request.fleetId)), (values) => sum(values) / values.length);
  }

  async sloAttainment(request: SloAttainmentRequest): Promise<SloPoint[]> {
    const grid = this.gridOf(`reading SLO attainment of ${request.queueUrls.join(', ')}`, request);
    const periods = new Map<number, { within: number; samples: number }>();
    for (const url of new Set(request.queueUrls)) {
      for (const [index, values] of byPeriod(grid, this.latency.get(url))) {
        const stored = periods.get(index) ?? { within: 0, samples: 0 };
        periods.set(index, { within: stored.within + values.filter((ms) => ms <= request.sloMs).length, samples: stored.samples + values.length });
      }
    }
    return [...periods.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, { within, samples }]) => ({ atMs: grid.startMs + index * grid.stepMs, withinSloPercent: (100 * within) / samples, samples }));
  }

  /** Makes the next `times` reads (of any method) fail. */
  failNext(failure: UsageMetricsFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** Forgets every recorded value and injected failure. */
  reset(): void {
    this.counts = new Map();
    this.gpu = new Map();
    this.latency = new Map();
    this.failures = [];
  }

  private gridOf(doing: string, window: UsageWindow): DemandGrid {
    const grid = demandGridOf(window.startMs, window.endMs, window.periodSeconds);
    if ('problem' in grid) throw new UsageMetricsError(`${doing}: ${grid.problem}`, 'InvalidRequest', false);
    const failure = this.failures.shift();
    if (failure) throw new UsageMetricsError(`${doing}: ${FAILURES[failure].code} (twin)`, FAILURES[failure].code, FAILURES[failure].retryable);
    return grid;
  }
}

const push = (into: Map<string, Timed[]>, key: string, atMs: number, value: number): void => {
  if (!Number.isFinite(value) || !Number.isFinite(atMs)) throw new RangeError(`recording ${key}: value ${value} at ${atMs} is not finite`);
  const stored = into.get(key) ?? [];
  stored.push({ atMs, value });
  into.set(key, stored);
};

const sum = (values: readonly number[]): number => values.reduce((total, v) => total + v, 0);

const byPeriod = (grid: DemandGrid, values: readonly Timed[] | undefined): Map<number, number[]> => {
  const periods = new Map<number, number[]>();
  for (const { atMs, value } of values ?? []) {
    const index = stepIndexOf(grid, atMs);
    if (index === undefined) continue;
    const stored = periods.get(index) ?? [];
    stored.push(value);
    periods.set(index, stored);
  }
  return periods;
};

const pointsOf = <T>(grid: DemandGrid, periods: ReadonlyMap<number, T>, valueOf: (datum: T) => number): UsagePoint[] =>
  [...periods.entries()].sort(([a], [b]) => a - b).map(([index, datum]) => ({ atMs: grid.startMs + index * grid.stepMs, value: valueOf(datum) }));
