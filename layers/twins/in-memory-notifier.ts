/** In-memory twin of Slack behind NotifierPort: channels of messages, edits with history, threads, failures. */
import type { SlackBlock } from '../core/chat-message';
import { SLACK_HEADER_TEXT_MAX, SLACK_MAX_BLOCKS, SLACK_SECTION_TEXT_MAX } from '../core/slack-limits';
import type { ClockPort } from '../ports/clock-port';
import { NotifierError, type ChatMessage, type MessageRef, type NotifierPort } from '../ports/notifier-port';

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: SlackBlock[];
  /** The parent's ts when this message is a thread reply. */
  threadTs?: string;
  /** Replaced versions, oldest first: every update keeps what it replaced. */
  history: Array<{ text: string; blocks?: SlackBlock[] }>;
}

export type NotifierOperation = 'post' | 'update' | 'reply';

export interface InMemoryNotifierOptions {
  /** True (default) acts like the bot-token adapter; false like the incoming-webhook adapter. */
  supportsUpdates?: boolean;
  /** Channels that exist; when omitted every channel exists until removed. */
  channels?: string[];
  /** Source of message timestamps (`ts`); a fixed start when omitted, so runs are repeatable. */
  clock?: Pick<ClockPort, 'nowMs'>;
}

const FIXED_START_MS = Date.UTC(2026, 0, 1);

const textLengths = (block: SlackBlock): number[] => {
  const text = block.text as { text?: unknown } | undefined;
  return typeof text?.text === 'string' ? [text.text.length] : [];
};

const requireTs = (operation: NotifierOperation, ref: MessageRef): void => {
  if (ref.ts === undefined || ref.ts === '') {
    throw new NotifierError(`${operation} failed: missing_ts (the message reference has no ts)`, 'missing_ts', false);
  }
};

/**
 * A Slack workspace in memory. It validates like Slack (unknown channel, more than 50 blocks, over-long
 * section or header text), answers with Slack's error codes, and can be told to fail.
 *
 * @example
 * const slack = new InMemoryNotifier({ channels: ['C0AUTOPILOT'] });
 * slack.failNext('ratelimited', true);
 */
export class InMemoryNotifier implements NotifierPort {
  readonly supportsUpdates: boolean;
  private readonly initialChannels?: string[];
  private readonly clock: Pick<ClockPort, 'nowMs'>;
  private messages: StoredMessage[] = [];
  private knownChannels?: Set<string>;
  private removedChannels = new Set<string>();
  private failures: Array<{ error: NotifierError; operation?: NotifierOperation }> = [];
  private sequence = 0;

  constructor(options: InMemoryNotifierOptions = {}) {
    this.supportsUpdates = options.supportsUpdates ?? true;
    this.initialChannels = options.channels;
    this.clock = options.clock ?? { nowMs: () => FIXED_START_MS };
    this.reset();
  }

  async post(message: ChatMessage): Promise<MessageRef> {
    this.check('post', message.channel, message);
    const stored = this.store(message.channel, message);
    return this.supportsUpdates ? { channel: stored.channel, ts: stored.ts } : { channel: stored.channel };
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    this.requireUpdates('update', 'update a message');
    requireTs('update', ref);
    this.check('update', ref.channel, message);
    const target = this.find(ref);
    if (!target) throw new NotifierError('chat.update failed: message_not_found', 'message_not_found', false);
    target.history.push({ text: target.text, blocks: target.blocks });
    target.text = message.text;
    target.blocks = message.blocks;
  }

  async reply(ref: MessageRef, message: ChatMessage): Promise<MessageRef> {
    this.requireUpdates('reply', 'reply in a thread');
    requireTs('reply', ref);
    this.check('reply', ref.channel, message);
    const parent = this.find(ref);
    if (!parent) throw new NotifierError('chat.postMessage failed: message_not_found', 'message_not_found', false);
    const stored = this.store(parent.channel, message, parent.threadTs ?? parent.ts);
    return { channel: stored.channel, ts: stored.ts };
  }

  /** Make the next call (of `operation`, or any) fail with this Slack error code, `times` times. */
  failNext(code: string, retryable: boolean, options: { times?: number; operation?: NotifierOperation } = {}): void {
    for (let i = 0; i < (options.times ?? 1); i += 1) {
      const error = new NotifierError(`${options.operation ?? 'call'} failed: ${code} (injected)`, code, retryable);
      this.failures.push({ error, operation: options.operation });
    }
  }

  /** The channel stops existing (deleted, archived, bot removed): posting to it gives channel_not_found. */
  removeChannel(channel: string): void {
    this.removedChannels.add(channel);
  }

  addChannel(channel: string): void {
    this.removedChannels.delete(channel);
    this.knownChannels?.add(channel);
  }

  /** Top-level messages of a channel, oldest first. */
  channelMessages(channel: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === undefined);
  }

  /** Replies in the thread of `ref`, oldest first. */
  thread(ref: MessageRef): StoredMessage[] {
    return this.messages.filter((m) => m.channel === ref.channel && m.threadTs === ref.ts);
  }

  find(ref: MessageRef): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === ref.channel && m.ts === ref.ts);
  }

  reset(): void {
    this.messages = [];
    this.failures = [];
    this.removedChannels = new Set();
    this.knownChannels = this.initialChannels ? new Set(this.initialChannels) : undefined;
    this.sequence = 0;
  }

  private store(channel: string, message: ChatMessage, threadTs?: string): StoredMessage {
    this.sequence += 1;
    const seconds = Math.floor(this.clock.nowMs() / 1000);
    const ts = `${seconds}.${String(this.sequence).padStart(6, '0')}`;
    const stored: StoredMessage = { channel, ts, text: message.text, blocks: message.blocks, threadTs, history: [] };
    this.messages.push(stored);
    return stored;
  }

  private requireUpdates(operation: NotifierOperation, what: string): void {
    if (!this.supportsUpdates) {
      throw new NotifierError(`${operation} failed: not_supported (incoming webhooks cannot ${what})`, 'not_supported', false);
    }
  }

  /** Injected failures first, then the checks Slack makes, with the codes Slack answers. */
  private check(operation: NotifierOperation, channel: string, message: ChatMessage): void {
    const index = this.failures.findIndex((f) => f.operation === undefined || f.operation === operation);
    const injected = index >= 0 ? this.failures.splice(index, 1)[0] : undefined;
    if (injected) throw injected.error;
    const invalid = this.supportsUpdates ? 'invalid_blocks' : 'invalid_payload';
    const blocks = message.blocks ?? [];
    const tooLong = blocks.some((b) =>
      textLengths(b).some((n) => n > (b.type === 'header' ? SLACK_HEADER_TEXT_MAX : SLACK_SECTION_TEXT_MAX)),
    );
    if (blocks.length > SLACK_MAX_BLOCKS || tooLong) throw new NotifierError(`${operation} failed: ${invalid}`, invalid, false);
    if (message.text === '' && blocks.length === 0) throw new NotifierError(`${operation} failed: no_text`, 'no_text', false);
    if (this.removedChannels.has(channel) || (this.knownChannels && !this.knownChannels.has(channel))) {
      throw new NotifierError(`${operation} failed: channel_not_found`, 'channel_not_found', false);
    }
  }
}
