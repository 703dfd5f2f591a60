/** NotifierPort over the Slack Web API with a bot token: post, update in place, and reply in the thread. */
import type { ChatMessage, MessageRef, NotifierPort } from '../../ports/notifier-port';
import { NotifierError } from '../../ports/notifier-port';
import { ChannelPacer, SLACK_CHANNEL_INTERVAL_MS } from './channel-pacer';
import { sanitizeCode, slackError } from './slack-error-codes';
import { realClock, SlackTransport, type HttpReply, type SlackTransportOptions, type Verdict } from './slack-transport';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api';

export interface SlackBotNotifierOptions extends SlackTransportOptions {
  /** The bot token (`xoxb-...`), e.g. from makeSsmSecret; read on each call so a rotation is picked up. */
  getToken: () => Promise<string>;
  baseUrl?: string;
  /** Minimum gap between two posts to one channel, default 1 s (Slack's chat.postMessage limit). */
  channelIntervalMs?: number;
}

interface ApiReply {
  ok?: unknown;
  error?: unknown;
  channel?: unknown;
  ts?: unknown;
}

/**
 * Reads a Web API reply: `{ ok: true, channel, ts }` or `{ ok: false, error }` (usually with HTTP 200).
 * @see https://docs.slack.dev/reference/methods/chat.postMessage
 */
const readApiReply = (what: string, reply: HttpReply): Verdict<ApiReply> => {
  let parsed: ApiReply | undefined;
  try {
    parsed = JSON.parse(reply.body) as ApiReply;
  } catch {
    parsed = undefined;
  }
  if (parsed?.ok === true) return { ok: parsed };
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
    return { error: slackError(what, sanitizeCode(parsed.error, reply.status)) };
  }
  const code = reply.status >= 400 ? `http_${reply.status}` : 'invalid_response';
  return { error: slackError(what, code, ` (HTTP ${reply.status})`) };
};

/** Which channel and message a reply names; Slack answers with the channel id even when we sent a name. */
const refOf = (what: string, reply: ApiReply, fallbackChannel: string): MessageRef => {
  if (typeof reply.ts !== 'string') throw slackError(what, 'invalid_response', ' (no ts in the reply)');
  return { channel: typeof reply.channel === 'string' ? reply.channel : fallbackChannel, ts: reply.ts };
};

const requireTs = (what: string, ref: MessageRef): string => {
  if (ref.ts === undefined || ref.ts === '') {
    throw new NotifierError(`${what} failed: missing_ts (the message reference has no ts)`, 'missing_ts', false);
  }
  return ref.ts;
};

/**
 * Slack bot-token notifier. Posts to a channel are paced (one per second per channel, queued in order);
 * 429s are retried after their Retry-After; Slack-side errors are retried with backoff; the token never
 * appears in an error.
 *
 * @example
 * const notifier = new SlackBotNotifier({ getToken: makeSsmSecret({ ssm, name: '/autopilot/slack-bot-token', maxAgeSeconds: 300 }) });
 * const ref = await notifier.post(renderIncidentMessage(incident, fleet.slackChannel, clock.nowMs()));
 */
export class SlackBotNotifier implements NotifierPort {
  readonly supportsUpdates = true;
  private readonly transport: SlackTransport;
  private readonly pacer: ChannelPacer;
  private readonly baseUrl: string;

  constructor(private readonly options: SlackBotNotifierOptions) {
    const clock = options.clock ?? realClock;
    this.transport = new SlackTransport({ ...options, clock });
    this.pacer = new ChannelPacer(clock, options.channelIntervalMs ?? SLACK_CHANNEL_INTERVAL_MS);
    this.baseUrl = (options.baseUrl ?? DEFAULT_SLACK_API_URL).replace(/\/+$/, '');
  }

  async post(message: ChatMessage): Promise<MessageRef> {
    const what = 'chat.postMessage';
    const reply = await this.pacer.run(message.channel, () =>
      this.call(what, { channel: message.channel, text: message.text, blocks: message.blocks }, false),
    );
    return refOf(what, reply, message.channel);
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    const what = 'chat.update';
    const ts = requireTs(what, ref);
    await this.call(what, { channel: ref.channel, ts, text: message.text, blocks: message.blocks }, true);
  }

  async reply(ref: MessageRef, message: ChatMessage): Promise<MessageRef> {
    const what = 'chat.postMessage (thread reply)';
    const threadTs = requireTs(what, ref);
    const reply = await this.pacer.run(ref.channel, () =>
      this.call(what, { channel: ref.channel, thread_ts: threadTs, text: message.text, blocks: message.blocks }, false),
    );
    return refOf(what, reply, ref.channel);
  }

  private async call(what: string, payload: Record<string, unknown>, idempotent: boolean): Promise<ApiReply> {
    let token: string;
    try {
      token = await this.options.getToken();
    } catch (error) {
      throw new NotifierError(`${what} failed: token_unavailable (the bot token could not be read)`, 'token_unavailable', true, {
        cause: error,
      });
    }
    const method = what.split(' ')[0] ?? what;
    return this.transport.send(
      {
        what,
        url: `${this.baseUrl}/${method}`,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        idempotent,
        secrets: [token],
      },
      (reply) => readApiReply(what, reply),
    );
  }
}
