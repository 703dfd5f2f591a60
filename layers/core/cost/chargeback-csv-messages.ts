/** The month's chargeback CSV as Slack messages: code blocks within Slack's text limit, to copy into a spreadsheet. */
import type { ChatMessage } from '../chat-message';
import { escapeMrkdwn, SLACK_MESSAGE_TEXT_MAX, truncateSlackText } from '../slack-limits';

const FENCE = '```';

const titleOf = (month: string, part: number, parts: number): string =>
  parts === 1 ? `Chargeback ${month} (CSV)` : `Chargeback ${month} (CSV, part ${part} of ${parts})`;

/** Room for the lines of one message: the limit less the title (room for any part count), the fences and newlines. */
const roomFor = (month: string, max: number): number => max - titleOf(month, 9999, 9999).length - 2 * FENCE.length - 2;

/**
 * The CSV (`chargebackCsv`) in as few messages as Slack's text limit allows, each a title line and one code block;
 * lines are kept whole (a line longer than a message on its own is cut, marked), in order, so the parts pasted one
 * after the other give the CSV back. Line ends become LF, as Slack shows them. Empty CSV: no message.
 *
 * @example
 * chargebackCsvMessages('#gpu-costs', '2026-11', csv); // [{ channel: '#gpu-costs', text: 'Chargeback 2026-11 (CSV)\n```month,team,…```' }]
 */
export const chargebackCsvMessages = (channel: string, month: string, csv: string, max: number = SLACK_MESSAGE_TEXT_MAX): ChatMessage[] => {
  const room = roomFor(month, max);
  const lines = csv.split(/\r\n/).filter((line) => line.length > 0).map((line) => truncateSlackText(escapeMrkdwn(line), room));
  const chunks: string[][] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    const current = chunks[chunks.length - 1];
    if (current === undefined || size + 1 + line.length > room) {
      chunks.push([line]);
      size = line.length;
    } else {
      current.push(line);
      size += 1 + line.length;
    }
  }
  return chunks.map((chunk, i) => ({ channel, text: `${titleOf(month, i + 1, chunks.length)}\n${FENCE}${chunk.join('\n')}${FENCE}` }));
};
