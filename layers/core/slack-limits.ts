/** Slack's message limits and mrkdwn escaping, so every message the domain renders is one Slack accepts. */

/**
 * Blocks in one message.
 * @see https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message")
 */
export const SLACK_MAX_BLOCKS = 50;

/**
 * Characters in a section block's `text`.
 * @see https://docs.slack.dev/reference/block-kit/blocks/section-block
 */
export const SLACK_SECTION_TEXT_MAX = 3000;

/**
 * Characters in a header block's `plain_text`.
 * @see https://docs.slack.dev/reference/block-kit/blocks/header-block
 */
export const SLACK_HEADER_TEXT_MAX = 150;

/**
 * Elements in a context block.
 * @see https://docs.slack.dev/reference/block-kit/blocks/context-block
 */
export const SLACK_CONTEXT_ELEMENTS_MAX = 10;

/**
 * Characters of a message's top-level `text`. Slack truncates past 40,000 and recommends keeping it
 * to 4,000 (it may also split longer messages), so we cut at 4,000 ourselves.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#truncating
 */
export const SLACK_MESSAGE_TEXT_MAX = 4000;

/** What a cut text ends with, so the reader sees it was cut. */
export const TRUNCATION_MARK = '…';

/**
 * Escape the three characters Slack treats as control characters in mrkdwn (and nothing else).
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * Cut `text` to at most `max` UTF-16 units (at least as strict as Slack's character count), ending with
 * {@link TRUNCATION_MARK}. The cut never splits a surrogate pair, an entity (`&amp;`) or a control
 * sequence (`<!date^...|...>`), so a cut message still renders.
 *
 * @example truncateSlackText('a &amp; b', 4) // 'a …'
 */
export const truncateSlackText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  if (max < TRUNCATION_MARK.length) return '';
  let cut = max - TRUNCATION_MARK.length;
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  let head = text.slice(0, cut);
  const amp = head.lastIndexOf('&');
  if (amp > head.lastIndexOf(';')) head = head.slice(0, amp);
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>')) head = head.slice(0, open);
  return head + TRUNCATION_MARK;
};

/** Escape then cut: for one user-supplied value inside a larger mrkdwn text. */
export const mrkdwnValue = (text: string, max: number): string => truncateSlackText(escapeMrkdwn(text), max);
