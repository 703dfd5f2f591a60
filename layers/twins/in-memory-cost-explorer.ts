/** Twin of AWS Cost Explorer's GetCostAndUsage: a daily cost-and-usage store, grouped, filtered, paged and billed per request. */
import type { Market } from '../core/fleet';
import type { CostSample } from '../core/cost/cost-sample';
import { billingCodeOfRegion } from '../core/cost/billing-region-codes';
import {
  CostExplorerError,
  EC2_COMPUTE_SERVICE,
  type CostAndUsage,
  type CostDimension,
  type CostExplorerPort,
  type CostGroup,
  type CostQuery,
} from '../ports/cost-explorer-port';

/** What the twin can be told to make the next call fail with. */
export type CostExplorerFailure = 'throttling' | 'data-unavailable' | 'access-denied';

const FAILURES: Record<CostExplorerFailure, { code: string; retryable: boolean }> = {
  throttling: { code: 'LimitExceededException', retryable: true },
  'data-unavailable': { code: 'DataUnavailableException', retryable: false },
  'access-denied': { code: 'AccessDeniedException', retryable: false },
};

/** One line of usage, as billing sees it: a usage type in a Region for some hours at some cost. */
export interface UsageLine {
  region: string;
  instanceType: string;
  /** The usage type (`BoxUsage`/`SpotUsage`) and `PURCHASE_TYPE` follow the market. */
  market: Market;
  startMs: number;
  endMs: number;
  /** How many instances ran over the whole interval. */
  instances: number;
  usdPerHour: number;
  service?: string;
}

interface Cell {
  day: string;
  dims: Record<CostDimension, string>;
  usd: number;
  hours: number;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `BoxUsage:g5.xlarge` in us-east-1, `USW2-SpotUsage:g5.xlarge` elsewhere: the prefix convention of EC2 billing. */
export const usageTypeOf = (region: string, market: Market, instanceType: string): string => {
  const family = market === 'spot' ? 'SpotUsage' : 'BoxUsage';
  const code = region === 'us-east-1' ? undefined : billingCodeOfRegion(region);
  return `${code ? `${code}-` : ''}${family}:${instanceType}`;
};

/**
 * Keeps cost and hours per day and dimension values, and answers GetCostAndUsage as the API does: DAILY results for
 * each day of [Start, End), groups keyed in GroupBy order, at most two GroupBy dimensions, `pageSize` groups per page
 * with a NextPageToken, days on or after `estimatedFromDay` flagged `Estimated`. Every page is counted as a billed request.
 *
 * @example
 * const ce = new InMemoryCostExplorer({ pageSize: 50 });
 * ce.recordUsage({ region: 'us-east-1', instanceType: 'g5.xlarge', market: 'spot', startMs, endMs, instances: 3, usdPerHour: 0.41 });
 * await ce.costAndUsage({ startDay: '2026-11-01', endDay: '2026-11-29', groupBy: ['REGION', 'USAGE_TYPE'] });
 */
export class InMemoryCostExplorer implements CostExplorerPort {
  private cells = new Map<string, Cell>();
  private failures: CostExplorerFailure[] = [];
  /** Billed requests answered so far (pages). */
  requests = 0;

  constructor(private readonly options: { pageSize?: number; estimatedFromDay?: string } = {}) {}

  /** Adds the usage of `instances` instances over [startMs, endMs), split at UTC midnights. */
  recordUsage(line: UsageLine): void {
    if (!(line.endMs > line.startMs) || line.instances < 0 || line.usdPerHour < 0) throw new RangeError(`recording usage: bad line ${JSON.stringify(line)}`);
    for (let from = line.startMs; from < line.endMs; ) {
      const to = Math.min(line.endMs, (Math.floor(from / DAY_MS) + 1) * DAY_MS);
      const hours = ((to - from) / 3_600_000) * line.instances;
      const dims: Record<CostDimension, string> = {
        REGION: line.region,
        USAGE_TYPE: usageTypeOf(line.region, line.market, line.instanceType),
        INSTANCE_TYPE: line.instanceType,
        PURCHASE_TYPE: line.market === 'spot' ? 'Spot Instances' : 'On Demand Instances',
        SERVICE: line.service ?? EC2_COMPUTE_SERVICE,
        LINKED_ACCOUNT: '123456789012',
      };
      const day = dayOf(from);
      const key = JSON.stringify([day, dims]);
      const cell = this.cells.get(key) ?? { day, dims, usd: 0, hours: 0 };
      cell.usd += hours * line.usdPerHour;
      cell.hours += hours;
      this.cells.set(key, cell);
      from = to;
    }
  }

  /** Feeds the spend-rate check's samples (the simulator's fleets): each pool's instances over the sample's interval. */
  recordCostSamples(samples: readonly CostSample[], region: string): void {
    for (const sample of samples) {
      for (const pool of sample.pools) {
        if (pool.instances === 0) continue;
        const line = { region, instanceType: pool.instanceType, market: pool.market, instances: pool.instances, usdPerHour: pool.usdPerHour };
        this.recordUsage({ ...line, startMs: sample.atMs, endMs: sample.atMs + sample.intervalSeconds * 1000 });
      }
    }
  }

  async costAndUsage(query: CostQuery): Promise<CostAndUsage> {
    const doing = `reading Cost Explorer ${query.startDay}..${query.endDay} by ${query.groupBy.join(' x ')}`;
    if (!DAY.test(query.startDay) || !DAY.test(query.endDay) || !(query.startDay < query.endDay)) {
      throw new CostExplorerError(`${doing}: bad TimePeriod`, 'ValidationException', false);
    }
    if (query.groupBy.length < 1 || query.groupBy.length > 2 || new Set(query.groupBy).size !== query.groupBy.length) {
      throw new CostExplorerError(`${doing}: group by one or two distinct dimensions (Cost Explorer allows at most two)`, 'ValidationException', false);
    }
    const all = this.answer(query);
    const pageSize = this.options.pageSize ?? Number.POSITIVE_INFINITY;
    const pages = Math.max(1, Math.ceil(all.length / pageSize));
    for (let page = 0; page < pages; page += 1) {
      const failure = this.failures.shift();
      if (failure) throw new CostExplorerError(`${doing}: ${FAILURES[failure].code} (twin)`, FAILURES[failure].code, FAILURES[failure].retryable);
      this.requests += 1;
    }
    return { groups: all, requests: pages };
  }

  /** Makes the next `times` requests (pages) fail. */
  failNext(failure: CostExplorerFailure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** Forgets usage, failures and the request count. */
  reset(): void {
    this.cells = new Map();
    this.failures = [];
    this.requests = 0;
  }

  private answer(query: CostQuery): CostGroup[] {
    const services = query.services ? new Set(query.services) : undefined;
    const types = query.instanceTypes ? new Set(query.instanceTypes) : undefined;
    const grouped = new Map<string, CostGroup>();
    for (const cell of this.cells.values()) {
      if (cell.day < query.startDay || cell.day >= query.endDay) continue;
      if ((services && !services.has(cell.dims.SERVICE)) || (types && !types.has(cell.dims.INSTANCE_TYPE))) continue;
      const keys = query.groupBy.map((d) => cell.dims[d]);
      const key = JSON.stringify([cell.day, keys]);
      const estimated = this.options.estimatedFromDay !== undefined && cell.day >= this.options.estimatedFromDay;
      const group = grouped.get(key) ?? { day: cell.day, keys, unblendedCostUsd: 0, usageQuantity: 0, estimated };
      group.unblendedCostUsd += cell.usd;
      group.usageQuantity += cell.hours;
      grouped.set(key, group);
    }
    return [...grouped.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.keys.join('|').localeCompare(b.keys.join('|'))));
  }
}
