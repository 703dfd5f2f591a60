// Reads the parts of a rendered Slack message (header, sections, context, fallback) for assertions.
import type { ChatMessage, SlackBlock } from '../../layers/core/chat-message';

interface TextObject {
  text: string;
}
export const sectionTexts = (message: ChatMessage): string[] =>
  (message.blocks ?? []).filter((b) => b.type === 'section').map((b) => (b.text as TextObject).text);
export const headerText = (message: ChatMessage): string =>
  ((message.blocks ?? []).find((b) => b.type === 'header')?.text as TextObject).text;
export const contextTexts = (message: ChatMessage): string[] =>
  (message.blocks ?? [])
    .filter((b: SlackBlock) => b.type === 'context')
    .flatMap((b) => (b.elements as TextObject[]).map((e) => e.text));
export const allMrkdwn = (message: ChatMessage): string => [...sectionTexts(message), ...contextTexts(message), message.text].join('\n');

/** mrkdwn is safe when the only `<...>` are our date tokens and every `&` starts an entity. */
export const isEscaped = (mrkdwn: string): boolean => {
  const withoutTokens = mrkdwn.replace(/<!date\^\d+\^\{time_secs\}\|[^<>]*>/g, '');
  return !/[<>]/.test(withoutTokens) && !/&(?!amp;|lt;|gt;)/.test(withoutTokens);
};
