/** What the audit reads from AWS Cost Explorer: daily cost and usage grouped by up to two dimensions (GetCostAndUsage). */
import { PortError } from './port-error';

/** Thrown when Cost Explorer refuses or fails; `retryable` says whether trying again later may help. */
export class CostExplorerError extends PortError {
  override readonly name = 'CostExplorerError';
}

/** The GroupBy dimensions the audit uses (GetCostAndUsage `GroupDefinition` of type DIMENSION). */
export type CostDimension = 'REGION' | 'USAGE_TYPE' | 'INSTANCE_TYPE' | 'PURCHASE_TYPE' | 'SERVICE' | 'LINKED_ACCOUNT';

/** The SERVICE dimension value of EC2 instance-hours (EBS, data transfer and NAT are under "EC2 - Other"). */
export const EC2_COMPUTE_SERVICE = 'Amazon Elastic Compute Cloud - Compute';

/** Each GetCostAndUsage call (each page) is billed: $0.01 (AWS Cost Explorer pricing). */
export const USD_PER_COST_EXPLORER_REQUEST = 0.01;

/** One daily GetCostAndUsage query: metrics UnblendedCost and UsageQuantity, always. */
export interface CostQuery {
  /** First day, `YYYY-MM-DD` (UTC), inclusive. */
  startDay: string;
  /** Day after the last one, `YYYY-MM-DD`, exclusive (TimePeriod.End). */
  endDay: string;
  /** One or two distinct dimensions: Cost Explorer groups by at most two per request. */
  groupBy: readonly CostDimension[];
  /** Keep only these SERVICE values (absent: every service). */
  services?: readonly string[];
  /** Keep only these INSTANCE_TYPE values (absent: every type). */
  instanceTypes?: readonly string[];
}

/** One group of one day: the dimension values in `groupBy` order, and its metrics. */
export interface CostGroup {
  day: string;
  keys: string[];
  unblendedCostUsd: number;
  /** UsageQuantity: hours for instance usage types (units are mixed across other usage types). */
  usageQuantity: number;
  /** Cost Explorer's `Estimated`: the day is not final yet and may still change. */
  estimated: boolean;
}

export interface CostAndUsage {
  groups: CostGroup[];
  /** Billed requests this answer took (one per page); 0 when it came from a cache. */
  requests: number;
}

/**
 * @example
 * const answer = await costs.costAndUsage({ startDay: '2026-10-30', endDay: '2026-11-29', groupBy: ['REGION', 'USAGE_TYPE'], services: [EC2_COMPUTE_SERVICE] });
 * answer.groups[0]; // { day: '2026-10-30', keys: ['us-east-1', 'SpotUsage:g5.xlarge'], unblendedCostUsd: 29.1, usageQuantity: 72, estimated: false }
 */
export interface CostExplorerPort {
  /**
   * Every group of every day in [startDay, endDay), over all pages, in day order then in the service's order.
   * A day without cost has no group. Groups whose cost and usage are both zero are kept (Cost Explorer returns them).
   * @throws CostExplorerError: `retryable` for throttling (LimitExceededException) and server faults; not for a bad
   * query (ValidationException), missing data (DataUnavailableException) or too many pages.
   */
  costAndUsage(query: CostQuery): Promise<CostAndUsage>;
}

/** The query's canonical text: the same query, however its lists were ordered, gives the same key (a cache key). */
export const costQueryKey = (query: CostQuery): string =>
  JSON.stringify({
    startDay: query.startDay,
    endDay: query.endDay,
    groupBy: [...query.groupBy],
    services: query.services ? [...query.services].sort() : null,
    instanceTypes: query.instanceTypes ? [...query.instanceTypes].sort() : null,
  });
