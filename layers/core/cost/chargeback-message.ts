/** The monthly chargeback as one Slack message: a header, the total, one line per team and cost center. */
import type { ChatMessage } from '../chat-message';
import { escapeMrkdwn, mrkdwnValue, SLACK_HEADER_TEXT_MAX, SLACK_MESSAGE_TEXT_MAX, SLACK_SECTION_TEXT_MAX, truncateSlackText } from '../slack-limits';
import type { Chargeback } from './chargeback';
import { formatCount, formatUsd } from './cost-format';

/**
 * Rows are written most expensive first and the section is cut (with `…`) at Slack's 3,000 characters: the CSV
 * carries every row.
 *
 * @example
 * chargebackMessage('#finops', chargeback('2026-11', days)); // header "Chargeback 2026-11", total, "• *search* / CC-1042: $1,234.50 ..."
 */
export const chargebackMessage = (channel: string, table: Chargeback): ChatMessage => {
  const { total } = table;
  const summary = `Inference cost ${formatUsd(total.usd)} (${formatUsd(total.usdPer1kRequests)} per 1k requests, ${formatCount(total.requests)} requests); the autopilot saved ${formatUsd(total.savingsUsd)}.`;
  const lines = table.rows.map(
    (r) =>
      `• *${escapeMrkdwn(r.team)}* / ${escapeMrkdwn(r.costCenter)}: ${formatUsd(r.usd)}, ${formatUsd(r.usdPer1kRequests)} per 1k (${formatCount(r.requests)} requests), saved ${formatUsd(r.savingsUsd)} — ${escapeMrkdwn(r.fleets.join(', '))}`,
  );
  return {
    channel,
    text: mrkdwnValue(`Chargeback ${table.month}: ${summary}`, SLACK_MESSAGE_TEXT_MAX),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncateSlackText(`Chargeback ${table.month}`, SLACK_HEADER_TEXT_MAX) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncateSlackText(summary, SLACK_SECTION_TEXT_MAX) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncateSlackText(lines.join('\n') || 'No fleet reported this month.', SLACK_SECTION_TEXT_MAX) } },
    ],
  };
};
