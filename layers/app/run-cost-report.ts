/** The daily cost report and the monthly chargeback: read each fleet's days, publish the metrics, post one Slack message. */
import { chargeback, type Chargeback } from '../core/cost/chargeback';
import { chargebackCsv } from '../core/cost/chargeback-csv';
import { chargebackCsvMessages } from '../core/cost/chargeback-csv-messages';
import { chargebackMessage } from '../core/cost/chargeback-message';
import { costDigestMessage } from '../core/cost/cost-digest-message';
import type { DailyCost } from '../core/cost/daily-cost';
import type { ChatMessage } from '../core/chat-message';
import { costReportMetrics } from './cost-report-metrics';
import type { CostReportDeps } from './cost-report-deps';
import { deliverChatMessages } from './deliver-chat-messages';
import { isRetryable, messageOf, SignalProcessingError } from './errors';
import { readFleetDays } from './read-fleet-days';

export type { CostReportConfig, CostReportDeps } from './cost-report-deps';

const DAY_MS = 86_400_000;
const CLAIM_LEASE_MS = 5 * 60_000;
const CLAIM_TTL_SECONDS = 400 * 86_400;

export interface FleetReportFailure {
  fleet: string;
  error: string;
}

export interface DailyCostReport {
  day: string;
  fleets: DailyCost[];
  /** Fleets whose figures could not be read for a reason a retry will not fix: named in the digest. */
  failed: FleetReportFailure[];
  /** False when the day's digest had already been posted (a retry, or an on-demand run after the cron's). */
  posted: boolean;
  /** The month's chargeback, when the day closed a month. */
  chargeback?: MonthlyChargeback;
}

export interface MonthlyChargeback {
  table: Chargeback;
  csv: string;
  failed: FleetReportFailure[];
  posted: boolean;
}

/** `YYYY-MM-DD` of a midnight. */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Reads every fleet over [startMs, endMs). A fleet failing in a way a retry may fix fails the whole run (before
 * anything is published or posted), so Lambda's retry reports complete figures; any other failure is reported.
 */
const readAllFleets = async (deps: CostReportDeps, startMs: number, endMs: number): Promise<{ days: DailyCost[]; failed: FleetReportFailure[] }> => {
  const days: DailyCost[] = [];
  const failed: FleetReportFailure[] = [];
  for (const fleet of deps.fleets) {
    try {
      days.push(...(await readFleetDays(deps, fleet, startMs, endMs)));
    } catch (error) {
      if (isRetryable(error)) throw new SignalProcessingError(`reading the cost of fleet ${fleet.name}: ${messageOf(error)}`, true, { cause: error });
      deps.logger.error('cost report: fleet skipped', { fleet: fleet.name, error: messageOf(error) });
      failed.push({ fleet: fleet.name, error: messageOf(error) });
    }
  }
  return { days, failed };
};

/** Posts once per key: a retried or repeated run finds the claim completed and posts nothing. */
const postOnce = async (deps: CostReportDeps, key: string, message: ChatMessage): Promise<boolean> => {
  const claim = await deps.ledger.claim(key, deps.clock.nowMs(), CLAIM_LEASE_MS, CLAIM_TTL_SECONDS);
  if (claim !== 'acquired') return false;
  const kept = await deliverChatMessages(deps, 'cost report', [], [message]);
  if (kept.length > 0) {
    await deps.ledger.releaseClaim(key);
    throw new SignalProcessingError(`posting ${key} to Slack failed; a retry may post it`, true);
  }
  await deps.ledger.completeClaim(key, deps.clock.nowMs());
  return true;
};

const withFailures = (message: ChatMessage, failed: readonly FleetReportFailure[]): ChatMessage =>
  failed.length === 0
    ? message
    : { ...message, blocks: [...(message.blocks ?? []), { type: 'context', elements: [{ type: 'plain_text', text: `Not reported: ${failed.map((f) => `${f.fleet} (${f.error})`).join('; ')}`.slice(0, 2000) }] }] };

/**
 * The month's chargeback (`YYYY-MM`) over its complete days up to today's midnight: a table by team and cost center,
 * its CSV (RFC 4180) and one Slack summary followed by the CSV in code blocks, each message posted once per month.
 */
export const runMonthlyChargeback = async (deps: CostReportDeps, month: string): Promise<MonthlyChargeback> => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const startMs = Date.UTC(year, monthNumber - 1, 1);
  const endMs = Math.min(Date.UTC(year, monthNumber, 1), Math.floor(deps.clock.nowMs() / DAY_MS) * DAY_MS);
  const { days, failed } = await readAllFleets(deps, startMs, Math.max(startMs, endMs));
  const table = chargeback(month, days);
  const posted = await postOnce(deps, `chargeback#${month}`, withFailures(chargebackMessage(deps.config.channel, table), failed));
  const csv = chargebackCsv(table);
  // One claim per part: a retry after a part failed posts only the parts not yet posted.
  for (const [i, part] of chargebackCsvMessages(deps.config.channel, month, csv).entries()) await postOnce(deps, `chargeback-csv#${month}#${i + 1}`, part);
  deps.logger.info('chargeback', { month, rows: table.rows.length, usd: table.total.usd, posted });
  return { table, csv, failed, posted };
};

/**
 * The report of the UTC day starting at `dayStartMs`: each fleet's cost, $ per 1k, utilization, idle GPU-hours,
 * Spot share, interruptions, SLO attainment and savings, published as metrics and posted as one digest (once per
 * day). When the day is the last of its month, the month's chargeback follows.
 *
 * @example
 * await runDailyCostReport(deps, Date.UTC(2026, 10, 28)); // { day: '2026-11-28', fleets: [...], posted: true }
 */
export const runDailyCostReport = async (deps: CostReportDeps, dayStartMs: number): Promise<DailyCostReport> => {
  const day = dayOf(dayStartMs);
  const { days, failed } = await readAllFleets(deps, dayStartMs, dayStartMs + DAY_MS);
  await deps.publisher.publish(days.flatMap((d) => costReportMetrics(d, dayStartMs)));
  const posted = await postOnce(deps, `cost-report#${day}`, withFailures(costDigestMessage(deps.config.channel, day, days), failed));
  deps.logger.info('cost report', { day, fleets: days.length, failed: failed.length, usd: days.reduce((s, d) => s + d.usd, 0), posted });
  const closesMonth = dayOf(dayStartMs + DAY_MS).endsWith('-01');
  return {
    day,
    fleets: days,
    failed,
    posted,
    ...(closesMonth ? { chargeback: await runMonthlyChargeback(deps, day.slice(0, 7)) } : {}),
  };
};
