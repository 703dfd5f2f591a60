/** `autopilot audit`: announce the Cost Explorer requests, run the audit on AWS (read-only) or on twins, print it. */
import { CachedCostExplorer } from '../../layers/adapters/cached-cost-explorer';
import { awsAuditPorts } from '../../layers/adapters/aws/aws-audit-ports';
import { auditQueries, runAudit, type AuditDeps } from '../../layers/app/run-audit';
import { dayOf } from '../../layers/core/audit/utc-day';
import type { FleetConfig } from '../../layers/core/fleet';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import { readFleetsFile } from '../../layers/platform/fleets-file';
import { USD_PER_COST_EXPLORER_REQUEST, type CostQuery } from '../../layers/ports/cost-explorer-port';
import { InMemoryCostExplorer } from '../../layers/twins/in-memory-cost-explorer';
import { InMemoryUsageMetrics } from '../../layers/twins/in-memory-usage-metrics';
import { auditScenarioFleets, scriptAuditMonth } from '../../sim/scenarios/audit-month';
import type { AuditOptions } from './audit-options';
import { fileAnswerStore } from './file-answer-store';
import { formatAudit } from './format-audit';

export interface AuditIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  nowMs: () => number;
}

const cost = (requests: number): string => `$${(requests * USD_PER_COST_EXPLORER_REQUEST).toFixed(2)}`;

/** What the run will cost before it costs anything: queries, how many the cache answers, the least and most requests. */
export const announceRequests = (queries: readonly CostQuery[], isCached: (q: CostQuery) => boolean, maxPerQuery: number): string => {
  const toFetch = queries.filter((q) => !isCached(q)).length;
  if (toFetch === 0) return `Cost Explorer: ${queries.length} ${queries.length === 1 ? 'query' : 'queries'}, all answered from the cache: no request, $0.00\n`;
  return (
    `Cost Explorer: ${queries.length} ${queries.length === 1 ? 'query' : 'queries'}, ${toFetch} to fetch: at least ${toFetch} ` +
    `request${toFetch === 1 ? '' : 's'} (${cost(toFetch)}), one more per extra page, at most ${toFetch * maxPerQuery} (${cost(toFetch * maxPerQuery)}); ` +
    'GetCostAndUsage costs $0.01 a request\n'
  );
};

const depsOf = (options: AuditOptions, fleets: readonly FleetConfig[], endDay: string, io: AuditIo): { deps: AuditDeps; isCached: (q: CostQuery) => boolean } => {
  if (options.twins) {
    const costs = new InMemoryCostExplorer({ pageSize: 200, estimatedFromDay: dayOf(Date.parse(`${endDay}T00:00:00Z`) - 86_400_000) });
    const usage = new InMemoryUsageMetrics();
    scriptAuditMonth({ fleets, region: options.region, endDay, days: options.days }, costs, usage);
    return { deps: { costs, usage }, isCached: () => false };
  }
  const aws = awsAuditPorts({ region: options.region, maxRequestsPerQuery: options.maxRequests });
  if (!options.cacheDir) return { deps: aws, isCached: () => false };
  const cached = new CachedCostExplorer(aws.costs, fileAnswerStore(options.cacheDir), { nowMs: io.nowMs });
  return { deps: { costs: cached, usage: aws.usage }, isCached: (q) => cached.isCached(q) };
};

export const runAuditCommand = async (options: AuditOptions, io: AuditIo): Promise<number> => {
  const fleets = options.fleets ? readFleetsFile(options.fleets, catalogCapacity) : auditScenarioFleets();
  const endDay = options.until ?? dayOf(io.nowMs());
  const { deps, isCached } = depsOf(options, fleets, endDay, io);
  const where = options.twins ? 'twins: a scripted month, no AWS calls' : `AWS, read-only, fleets in ${options.region}`;
  io.stderr(`GPU Fleet Autopilot audit of ${fleets.length} fleet${fleets.length === 1 ? '' : 's'} (${where})\n`);
  io.stderr(announceRequests(auditQueries({ endDay, days: options.days }), isCached, options.maxRequests));
  const { report, costExplorerRequests } = await runAudit(deps, { fleets, region: options.region, endDay, days: options.days, requestsSource: options.requestsSource });
  io.stderr(`Cost Explorer: ${costExplorerRequests} request${costExplorerRequests === 1 ? '' : 's'} made (${cost(costExplorerRequests)})${options.twins ? ' on the twin' : ''}\n`);
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatAudit(report));
  return 0;
};
