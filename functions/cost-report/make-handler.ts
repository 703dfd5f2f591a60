/** The cost-report function, built from its ports: parse the trigger at the edge, then the daily report or the chargeback. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { runDailyCostReport, runMonthlyChargeback, type CostReportDeps } from '../../layers/app/run-cost-report';
import { parseCostReportTrigger } from '../../layers/events/cost-report-trigger';
import { withObservability } from '../../layers/platform/middleware';
import { logger as defaultLogger } from '../../layers/platform/observability';

/** What an invocation returns: the day's figures, or the month's table with its CSV (RFC 4180) for an on-demand run. */
export type CostReportResult =
  | { kind: 'day'; day: string; usd: number; fleets: number; failed: string[]; posted: boolean; chargebackCsv?: string }
  | { kind: 'month'; month: string; usd: number; rows: number; failed: string[]; posted: boolean; csv: string };

/**
 * A malformed trigger is logged with the failing field and thrown (not retryable): the on-failure destination keeps
 * it. A run that failed for a reason a retry may fix throws before anything is posted, so Lambda's retry redoes it;
 * the Slack message is posted once per day (and month) whichever run gets there.
 */
export const makeCostReportHandler = (deps: CostReportDeps, logger: Logger = defaultLogger) =>
  withObservability(logger, async (event: unknown): Promise<CostReportResult> => {
    const parsed = parseCostReportTrigger(event);
    if (!parsed.ok) {
      deps.logger.error('event rejected', { error: parsed.error.message });
      throw parsed.error;
    }
    const { trigger } = parsed;
    if (trigger.kind === 'month') {
      const month = await runMonthlyChargeback(deps, trigger.month);
      return { kind: 'month', month: trigger.month, usd: month.table.total.usd, rows: month.table.rows.length, failed: month.failed.map((f) => f.fleet), posted: month.posted, csv: month.csv };
    }
    const report = await runDailyCostReport(deps, trigger.dayStartMs);
    return {
      kind: 'day',
      day: report.day,
      usd: report.fleets.reduce((sum, d) => sum + d.usd, 0),
      fleets: report.fleets.length,
      failed: report.failed.map((f) => f.fleet),
      posted: report.posted,
      ...(report.chargeback ? { chargebackCsv: report.chargeback.csv } : {}),
    };
  });
