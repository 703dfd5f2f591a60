/** NotifierPort over a Slack incoming webhook: post only (webhooks cannot update or thread messages). */
import type { ChatMessage, MessageRef, NotifierPort } from '../../ports/notifier-port';
import { NotifierError } from '../../ports/notifier-port';
import { ChannelPacer, SLACK_CHANNEL_INTERVAL_MS } from './channel-pacer';
import { sanitizeCode, slackError } from './slack-error-codes';
import { realClock, SlackTransport, type HttpReply, type SlackTransportOptions, type Verdict } from './slack-transport';

export interface SlackWebhookNotifierOptions extends SlackTransportOptions {
  /** The incoming webhook URL (it is a secret: anyone holding it can post), e.g. from makeSsmSecret. */
  getWebhookUrl: () => Promise<string>;
  /** Minimum gap between two posts, default 1 s (incoming webhooks share the one-per-second limit). */
  channelIntervalMs?: number;
}

/** One webhook URL posts to one channel, so all posts share one pacing queue. */
const WEBHOOK_QUEUE = 'incoming-webhook';

/**
 * A webhook answers HTTP 200 with the body `ok`, or an error word with a 4xx/5xx status:
 * 400 invalid_payload / user_not_found, 403 action_prohibited, 404 channel_not_found (and no_service for
 * a revoked webhook), 410 channel_is_archived, 500 rollup_error.
 * @see https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks#handling_errors
 */
const readWebhookReply = (what: string, reply: HttpReply): Verdict<true> => {
  const body = reply.body.trim();
  if (reply.status === 200 && body === 'ok') return { ok: true };
  const code = sanitizeCode(body, reply.status);
  const retryableStatus = reply.status >= 500;
  const error = slackError(what, code, ` (HTTP ${reply.status})`);
  if (retryableStatus && !error.retryable) {
    return { error: new NotifierError(error.message, code, true) };
  }
  return { error };
};

const cannot = (what: string): NotifierError =>
  new NotifierError(
    `${what} failed: not_supported (incoming webhooks cannot ${what === 'update' ? 'update a message' : 'reply in a thread'}; check supportsUpdates)`,
    'not_supported',
    false,
  );

/**
 * Slack incoming-webhook notifier, for teams that will not install a bot. Posts are paced one per
 * second and retried like the bot's; `update` and `reply` always reject, so the app dedupes instead.
 *
 * @example
 * const notifier = new SlackWebhookNotifier({ getWebhookUrl: makeSsmSecret({ ssm, name: '/autopilot/slack-webhook', maxAgeSeconds: 300 }) });
 */
export class SlackWebhookNotifier implements NotifierPort {
  readonly supportsUpdates = false;
  private readonly transport: SlackTransport;
  private readonly pacer: ChannelPacer;

  constructor(private readonly options: SlackWebhookNotifierOptions) {
    const clock = options.clock ?? realClock;
    this.transport = new SlackTransport({ ...options, clock });
    this.pacer = new ChannelPacer(clock, options.channelIntervalMs ?? SLACK_CHANNEL_INTERVAL_MS);
  }

  async post(message: ChatMessage): Promise<MessageRef> {
    const what = 'incoming webhook post';
    let url: string;
    try {
      url = await this.options.getWebhookUrl();
    } catch (error) {
      throw new NotifierError(`${what} failed: webhook_unavailable (the webhook URL could not be read)`, 'webhook_unavailable', true, {
        cause: error,
      });
    }
    await this.pacer.run(WEBHOOK_QUEUE, () =>
      this.transport.send(
        {
          what,
          url,
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ text: message.text, blocks: message.blocks }),
          idempotent: false,
          secrets: [url, pathOf(url)],
        },
        (reply) => readWebhookReply(what, reply),
      ),
    );
    return { channel: message.channel };
  }

  async update(_ref: MessageRef, _message: ChatMessage): Promise<void> {
    throw cannot('update');
  }

  async reply(_ref: MessageRef, _message: ChatMessage): Promise<MessageRef> {
    throw cannot('reply');
  }
}

/** The secret part of a webhook URL (`/services/T.../B.../...`), scrubbed from errors on its own too. */
const pathOf = (url: string): string => {
  try {
    const { pathname } = new URL(url);
    return pathname.length > 1 ? pathname : '';
  } catch {
    return '';
  }
};
