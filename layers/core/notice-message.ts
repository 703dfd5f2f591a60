/** The Slack shape of a scaler's notice: a plain-text header and one mrkdwn section, within Slack's limits. */
import type { ChatMessage } from './chat-message';
import { mrkdwnValue, SLACK_HEADER_TEXT_MAX, SLACK_MESSAGE_TEXT_MAX, SLACK_SECTION_TEXT_MAX, truncateSlackText } from './slack-limits';

/**
 * mrkdwn texts (the section and the fallback `text`) are escaped, so a fleet named `<!channel>` pings nobody; the
 * plain-text header needs no escaping.
 *
 * @example noticeMessage('#gpu-oncall', 'Scaling out bert-large: 400 -> 800 units', 'the p95 forecast needs 800 units')
 */
export const noticeMessage = (channel: string, title: string, text: string): ChatMessage => ({
  channel,
  text: mrkdwnValue(`${title}. ${text}`, SLACK_MESSAGE_TEXT_MAX),
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: truncateSlackText(title, SLACK_HEADER_TEXT_MAX) } },
    { type: 'section', text: { type: 'mrkdwn', text: mrkdwnValue(text, SLACK_SECTION_TEXT_MAX) } },
  ],
});
