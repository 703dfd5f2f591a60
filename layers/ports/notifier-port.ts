/** What the autopilot needs from Slack: post an incident message, then update or thread it. */
import { PortError } from './port-error';

import type { ChatMessage } from '../core/chat-message';

export type { ChatMessage, SlackBlock } from '../core/chat-message';

export interface MessageRef {
  channel: string;
  /** Slack message timestamp (bot mode only; incoming webhooks return none). */
  ts?: string;
}

/** Thrown for a Slack error that retrying will not fix (invalid_payload, channel_not_found, ...). */
export class NotifierError extends PortError {
  override readonly name = 'NotifierError';
}

export interface NotifierPort {
  /** Bot token mode can update and thread; incoming-webhook mode cannot (the app dedupes instead). */
  readonly supportsUpdates: boolean;
  post(message: ChatMessage): Promise<MessageRef>;
  /** Replace the content of a posted message (bot mode). */
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
  /** Post in the thread of `ref` (bot mode). */
  reply(ref: MessageRef, message: ChatMessage): Promise<MessageRef>;
}
