/** `autopilot audit`'s use case: read the bills (Cost Explorer) and the fleets' metrics (CloudWatch), then audit them. */
import { auditFleets } from '../core/audit/audit-fleets';
import type { AuditReport, AuditSettings, BillingRow, FleetUsage } from '../core/audit/audit-types';
import { addDays, dayStartMs } from '../core/audit/utc-day';
import type { FleetConfig } from '../core/fleet';
import { EC2_COMPUTE_SERVICE, type CostExplorerPort, type CostQuery } from '../ports/cost-explorer-port';
import type { RequestsSource, UsageMetricsPort } from '../ports/usage-metrics-port';

export interface AuditDeps {
  costs: CostExplorerPort;
  usage: UsageMetricsPort;
}

export interface AuditRequest {
  fleets: readonly FleetConfig[];
  /** The Region the fleets run in. */
  region: string;
  /** The day after the last audited one (today, UTC: today's bill is still partial), `YYYY-MM-DD`. */
  endDay: string;
  days: number;
  /**
   * Where requests are counted. `sqs-deleted` by default: a team's first day comes before the agent runs, and
   * every SQS queue publishes NumberOfMessagesDeleted.
   */
  requestsSource?: RequestsSource;
  settings?: Partial<AuditSettings>;
}

export interface AuditRun {
  report: AuditReport;
  /** Billed Cost Explorer requests made ($0.01 each); cached answers cost none. */
  costExplorerRequests: number;
}

/**
 * The Cost Explorer queries of an audit, so that their number (and price) can be told before any is made. One query:
 * DAILY, grouped by REGION x USAGE_TYPE, EC2 instance-hours only. Cost Explorer groups by at most two dimensions; the
 * usage type already names the instance type and the market (`SpotUsage:g5.xlarge`), so grouping by INSTANCE_TYPE
 * as well would only buy a second, redundant query.
 */
export const auditQueries = (request: Pick<AuditRequest, 'endDay' | 'days'>): CostQuery[] => [
  { startDay: addDays(request.endDay, -request.days), endDay: request.endDay, groupBy: ['REGION', 'USAGE_TYPE'], services: [EC2_COMPUTE_SERVICE] },
];

const HOUR_SECONDS = 3600;

const usageOf = async (usage: UsageMetricsPort, fleet: FleetConfig, window: { startMs: number; endMs: number }, source: RequestsSource): Promise<FleetUsage> => {
  const grid = { ...window, periodSeconds: HOUR_SECONDS };
  const [requestsByHour, gpuUtilizationByHour] = await Promise.all([
    usage.requestsServed({ ...grid, queueUrls: fleet.queueUrls, source }),
    usage.gpuUtilization({ ...grid, fleetId: fleet.fleetId }),
  ]);
  return { fleetId: fleet.fleetId, requestsByHour, gpuUtilizationByHour };
};

/**
 * Read-only: reads bills and metrics, changes nothing.
 * @throws CostExplorerError, UsageMetricsError as the ports throw them.
 */
export const runAudit = async (deps: AuditDeps, request: AuditRequest): Promise<AuditRun> => {
  const queries = auditQueries(request);
  const billing: BillingRow[] = [];
  let costExplorerRequests = 0;
  for (const query of queries) {
    const answer = await deps.costs.costAndUsage(query);
    costExplorerRequests += answer.requests;
    for (const g of answer.groups) {
      billing.push({ day: g.day, region: g.keys[0] ?? '', usageType: g.keys[1] ?? '', usd: g.unblendedCostUsd, quantity: g.usageQuantity, estimated: g.estimated });
    }
  }
  const startDay = addDays(request.endDay, -request.days);
  const window = { startMs: dayStartMs(startDay), endMs: dayStartMs(request.endDay) };
  const usage: FleetUsage[] = [];
  // One fleet at a time: CloudWatch GetMetricData is throttled per account, and an audit is not in a hurry.
  for (const fleet of request.fleets) usage.push(await usageOf(deps.usage, fleet, window, request.requestsSource ?? 'sqs-deleted'));
  const report = auditFleets({
    fleets: request.fleets,
    region: request.region,
    startDay,
    endDay: request.endDay,
    billing,
    usage,
    ...(request.settings ? { settings: request.settings } : {}),
  });
  return { report, costExplorerRequests };
};
