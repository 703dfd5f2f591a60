/** UsageMetricsPort on Amazon CloudWatch GetMetricData: requests served, fleet GPU utilization and SLO attainment per period. */
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { demandGridOf, type DemandGrid } from '../../core/demand-grid';
import {
  UsageMetricsError,
  type GpuUtilizationRequest,
  type RequestsServedRequest,
  type SloAttainmentRequest,
  type SloPoint,
  type UsageMetricsPort,
  type UsagePoint,
  type UsageWindow,
} from '../../ports/usage-metrics-port';
import { MAX_QUERIES_PER_CALL, readMetricDataPages } from './metric-data-pages';
import { sqsQueueName } from './sqs-queue-name';

/** The worker agent's EMF namespace (agent/agent-config.ts `metricsNamespace` default). */
export const DEFAULT_AGENT_NAMESPACE = 'GpuFleetAutopilot/Agent';

type Dimensions = { Name: string; Value: string }[];
const stat = (id: string, namespace: string, metricName: string, dimensions: Dimensions, period: number, statistic: string): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions }, Period: period, Stat: statistic },
  ReturnData: true,
});

/**
 * Each query reads the series CloudWatch already aggregates, so no metric math is used (a math expression returns
 * no NextToken, and would lose a long window's later pages):
 * - requests: the `Sum` of the agent's `Served` (dimension set [QueueName], one of the two the agent publishes) or of
 *   AWS/SQS `NumberOfMessagesDeleted`, per queue, summed here per period;
 * - GPU utilization: the `Average` of `CWAgent` `nvidia_smi_utilization_gpu` with the FleetId dimension alone (the
 *   agent's roll-up over every GPU of the fleet, see infra/cloudwatch-agent-gpu.md);
 * - SLO attainment: per queue `PR(:sloMs)` of the agent's `LatencyMs` (percent of samples `<= sloMs`) and its
 *   `SampleCount`, combined here as a sample-weighted mean. A period is left out when no query had data in it.
 *
 * @example
 * const usage = new CloudWatchUsageMetrics({ cloudwatch: new CloudWatchClient({}) });
 * await usage.requestsServed({ queueUrls, source: 'agent-served', startMs, endMs, periodSeconds: 3600 });
 */
export class CloudWatchUsageMetrics implements UsageMetricsPort {
  private readonly cloudwatch: CloudWatchClient;
  private readonly agentNamespace: string;
  private readonly maxDatapoints: number | undefined;

  /** `agentNamespace`: the agents' `metricsNamespace`; `maxDatapoints`: the page size asked for (tests make it small). */
  constructor(deps: { cloudwatch: CloudWatchClient; agentNamespace?: string; maxDatapoints?: number }) {
    this.cloudwatch = deps.cloudwatch;
    this.agentNamespace = deps.agentNamespace ?? DEFAULT_AGENT_NAMESPACE;
    this.maxDatapoints = deps.maxDatapoints;
  }

  /** @throws UsageMetricsError: retryable for throttling, server faults and a result's InternalError. */
  async requestsServed(request: RequestsServedRequest): Promise<UsagePoint[]> {
    const doing = `reading requests served of ${request.queueUrls.join(', ')}`;
    const [namespace, metricName] = request.source === 'agent-served' ? [this.agentNamespace, 'Served'] : ['AWS/SQS', 'NumberOfMessagesDeleted'];
    const names = queueNames(doing, request.queueUrls);
    const queries = names.map((name, i) => stat(`q${i}`, namespace, metricName, [{ Name: 'QueueName', Value: name }], request.periodSeconds, 'Sum'));
    const { grid, values } = await this.read(doing, request, queries);
    return pointsOf(grid, sumPerPeriod([...values.values()]));
  }

  /** @throws UsageMetricsError */
  async gpuUtilization(request: GpuUtilizationRequest): Promise<UsagePoint[]> {
    const doing = `reading GPU utilization of fleet ${request.fleetId}`;
    const query = stat('gpu', 'CWAgent', 'nvidia_smi_utilization_gpu', [{ Name: 'FleetId', Value: request.fleetId }], request.periodSeconds, 'Average');
    const { grid, values } = await this.read(doing, request, [query]);
    return pointsOf(grid, values.get('gpu') ?? new Map());
  }

  /** @throws UsageMetricsError */
  async sloAttainment(request: SloAttainmentRequest): Promise<SloPoint[]> {
    const doing = `reading SLO attainment of ${request.queueUrls.join(', ')}`;
    if (!(request.sloMs > 0)) throw new UsageMetricsError(`${doing}: SLO ${request.sloMs} ms is not positive`, 'InvalidRequest', false);
    const names = queueNames(doing, request.queueUrls);
    const queries = names.flatMap((name, i) => {
      const queue = [{ Name: 'QueueName', Value: name }];
      return [
        stat(`pr${i}`, this.agentNamespace, 'LatencyMs', queue, request.periodSeconds, `PR(:${request.sloMs})`),
        stat(`n${i}`, this.agentNamespace, 'LatencyMs', queue, request.periodSeconds, 'SampleCount'),
      ];
    });
    const { grid, values } = await this.read(doing, request, queries);
    const periods = new Map<number, { weighted: number; samples: number }>();
    names.forEach((_, i) => {
      const ranks = values.get(`pr${i}`);
      for (const [index, samples] of values.get(`n${i}`) ?? []) {
        const rank = ranks?.get(index);
        if (rank === undefined || samples <= 0) continue;
        const stored = periods.get(index) ?? { weighted: 0, samples: 0 };
        periods.set(index, { weighted: stored.weighted + rank * samples, samples: stored.samples + samples });
      }
    });
    return [...periods.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, p]) => ({ atMs: grid.startMs + index * grid.stepMs, withinSloPercent: p.weighted / p.samples, samples: p.samples }));
  }

  private async read(doing: string, window: UsageWindow, queries: MetricDataQuery[]): Promise<{ grid: DemandGrid; values: Map<string, Map<number, number>> }> {
    const grid = demandGridOf(window.startMs, window.endMs, window.periodSeconds);
    if ('problem' in grid) throw new UsageMetricsError(`${doing}: ${grid.problem}`, 'InvalidRequest', false);
    const values = new Map<string, Map<number, number>>();
    for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_CALL) {
      const read = await readMetricDataPages({ cloudwatch: this.cloudwatch, queries: queries.slice(i, i + MAX_QUERIES_PER_CALL), grid, ...(this.maxDatapoints ? { maxDatapoints: this.maxDatapoints } : {}) });
      if ('failure' in read) throw new UsageMetricsError(`${doing}: ${read.failure.message}`, read.failure.code, read.failure.retryable, { cause: read.failure.cause });
      for (const [id, steps] of read) values.set(id, steps);
    }
    return { grid, values };
  }
}

// Duplicated URLs would count the same queue twice.
const queueNames = (doing: string, queueUrls: readonly string[]): string[] => {
  const names = queueUrls.map((url) => {
    const name = sqsQueueName(url);
    if (name === undefined) throw new UsageMetricsError(`${doing}: queue URL ${url} has no queue name`, 'InvalidRequest', false);
    return name;
  });
  return [...new Set(names)];
};

const sumPerPeriod = (sources: readonly ReadonlyMap<number, number>[]): Map<number, number> => {
  const sums = new Map<number, number>();
  for (const source of sources) for (const [index, value] of source) sums.set(index, (sums.get(index) ?? 0) + value);
  return sums;
};

const pointsOf = (grid: DemandGrid, periods: ReadonlyMap<number, number>): UsagePoint[] =>
  [...periods.entries()].sort(([a], [b]) => a - b).map(([index, value]) => ({ atMs: grid.startMs + index * grid.stepMs, value }));
