/** CostExplorerPort on AWS Cost Explorer: GetCostAndUsage, DAILY, UnblendedCost + UsageQuantity, paged by NextPageToken. */
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type Expression,
  type GetCostAndUsageCommandOutput,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { CostExplorerError, type CostAndUsage, type CostExplorerPort, type CostGroup, type CostQuery } from '../../ports/cost-explorer-port';
import { awsErrorName, isRetryableAwsError } from './classify-aws-error';

const METRICS = ['UnblendedCost', 'UsageQuantity'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Cost Explorer's API is served from us-east-1 only (its endpoint is ce.us-east-1.amazonaws.com).
const COST_EXPLORER_REGION = 'us-east-1';

export interface CostExplorerCostsOptions {
  ce: CostExplorerClient;
  /** Billed requests (pages) one query may take before it gives up, $0.01 each (default 50). */
  maxRequestsPerQuery?: number;
}

/**
 * @example
 * const costs = new CostExplorerCosts({ ce: new CostExplorerClient({ region: 'us-east-1' }) });
 * await costs.costAndUsage({ startDay: '2026-10-30', endDay: '2026-11-29', groupBy: ['REGION', 'USAGE_TYPE'] });
 */
export class CostExplorerCosts implements CostExplorerPort {
  private readonly ce: CostExplorerClient;
  private readonly maxRequests: number;

  constructor(options: CostExplorerCostsOptions) {
    this.ce = options.ce;
    this.maxRequests = options.maxRequestsPerQuery ?? 50;
  }

  /** A client in Cost Explorer's own Region, with the SDK's adaptive retries (throttling is LimitExceededException). */
  static onAws(options: Omit<CostExplorerCostsOptions, 'ce'> = {}): CostExplorerCosts {
    return new CostExplorerCosts({ ...options, ce: new CostExplorerClient({ region: COST_EXPLORER_REGION, retryMode: 'adaptive', maxAttempts: 5 }) });
  }

  async costAndUsage(query: CostQuery): Promise<CostAndUsage> {
    const doing = `reading Cost Explorer ${query.startDay}..${query.endDay} by ${query.groupBy.join(' x ')}`;
    checkQuery(query, doing);
    const filter = filterOf(query);
    const groups: CostGroup[] = [];
    let nextPageToken: string | undefined;
    for (let requests = 1; requests <= this.maxRequests; requests += 1) {
      const output = await this.send(doing, {
        TimePeriod: { Start: query.startDay, End: query.endDay },
        Granularity: 'DAILY',
        Metrics: [...METRICS],
        GroupBy: query.groupBy.map((key) => ({ Type: 'DIMENSION' as const, Key: key })),
        ...(filter ? { Filter: filter } : {}),
        ...(nextPageToken ? { NextPageToken: nextPageToken } : {}),
      });
      for (const result of output.ResultsByTime ?? []) groups.push(...groupsOf(result, query.groupBy.length, doing));
      nextPageToken = output.NextPageToken || undefined;
      if (nextPageToken === undefined) return { groups, requests };
    }
    throw new CostExplorerError(`${doing}: more than ${this.maxRequests} pages ($${(this.maxRequests * 0.01).toFixed(2)}); narrow the window`, 'TooManyPages', false);
  }

  private async send(doing: string, input: ConstructorParameters<typeof GetCostAndUsageCommand>[0]): Promise<GetCostAndUsageCommandOutput> {
    try {
      return await this.ce.send(new GetCostAndUsageCommand(input));
    } catch (error) {
      throw new CostExplorerError(`${doing}: ${error instanceof Error ? error.message : String(error)}`, awsErrorName(error), isRetryableAwsError(error), { cause: error });
    }
  }
}

const checkQuery = (query: CostQuery, doing: string): void => {
  const bad = (why: string): CostExplorerError => new CostExplorerError(`${doing}: ${why}`, 'ValidationException', false);
  if (!DAY.test(query.startDay) || !DAY.test(query.endDay)) throw bad('days must be YYYY-MM-DD');
  if (!(query.startDay < query.endDay)) throw bad('the start day must come before the (exclusive) end day');
  if (query.groupBy.length < 1 || query.groupBy.length > 2 || new Set(query.groupBy).size !== query.groupBy.length) {
    throw bad('group by one or two distinct dimensions (Cost Explorer allows at most two)');
  }
};

/** SERVICE and INSTANCE_TYPE filters: one `Dimensions` expression, or `And` of both (And needs two or more). */
const filterOf = (query: CostQuery): Expression | undefined => {
  const parts: Expression[] = [];
  if (query.services) parts.push({ Dimensions: { Key: 'SERVICE', Values: [...query.services] } });
  if (query.instanceTypes) parts.push({ Dimensions: { Key: 'INSTANCE_TYPE', Values: [...query.instanceTypes] } });
  return parts.length > 1 ? { And: parts } : parts[0];
};

const amountOf = (metrics: Record<string, { Amount?: string }> | undefined, name: string, doing: string): number => {
  const raw = metrics?.[name]?.Amount;
  if (raw === undefined) return 0;
  const amount = Number(raw);
  if (!Number.isFinite(amount)) throw new CostExplorerError(`${doing}: ${name} amount "${raw}" is not a number`, 'MalformedResponse', false);
  return amount;
};

/** A grouped result's `Total` is empty; its groups carry the metrics, and their Keys follow GroupBy's order. */
const groupsOf = (result: ResultByTime, dimensions: number, doing: string): CostGroup[] => {
  const day = result.TimePeriod?.Start;
  if (day === undefined || !DAY.test(day)) throw new CostExplorerError(`${doing}: a result without a TimePeriod.Start day`, 'MalformedResponse', false);
  return (result.Groups ?? []).map((group) => {
    const keys = group.Keys ?? [];
    if (keys.length !== dimensions) throw new CostExplorerError(`${doing}: a group of ${day} has ${keys.length} keys, not ${dimensions}`, 'MalformedResponse', false);
    return {
      day,
      keys: [...keys],
      unblendedCostUsd: amountOf(group.Metrics, 'UnblendedCost', doing),
      usageQuantity: amountOf(group.Metrics, 'UsageQuantity', doing),
      estimated: result.Estimated === true,
    };
  });
};
