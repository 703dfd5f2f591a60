/** Slack delivery for scalers without a thread of their own: what a retry may still deliver is kept for the next event. */
import type { ChatMessage } from '../core/chat-message';
import type { LoggerPort } from '../ports/logger-port';
import type { NotifierPort } from '../ports/notifier-port';
import { isRetryable, messageOf } from './errors';

/** Most undelivered messages kept per fleet: the newest, so a long Slack outage never grows the ledger item. */
export const MAX_UNSENT_MESSAGES = 5;

/**
 * Posts `earlier` (undelivered before) then `fresh`, in order, and returns what to keep for the next try: the messages
 * that failed in a way a retry may fix (rate limit, Slack down), the newest few. One that never will (a missing
 * channel, a rejected message) is logged as an error and dropped rather than sent again for ever.
 *
 * @example
 * memory.unsent = await deliverChatMessages(deps, fleet.name, memory.unsent ?? [], notices.map(render));
 */
export const deliverChatMessages = async (
  deps: { notifier: NotifierPort; logger: LoggerPort },
  fleetName: string,
  earlier: readonly ChatMessage[],
  fresh: readonly ChatMessage[],
): Promise<ChatMessage[]> => {
  const kept: ChatMessage[] = [];
  for (const message of [...earlier, ...fresh]) {
    const failure = await deps.notifier.post(message).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (failure === undefined) continue;
    if (!isRetryable(failure)) {
      deps.logger.error('Slack message dropped: Slack refused it', { fleet: fleetName, error: messageOf(failure), text: message.text });
      continue;
    }
    deps.logger.warn('Slack message kept for the next event', { fleet: fleetName, error: messageOf(failure) });
    kept.push(message);
  }
  return kept.slice(-MAX_UNSENT_MESSAGES);
};
