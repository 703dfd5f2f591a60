/** One HTTPS POST to Slack with a timeout, bounded retries, Retry-After, and secrets kept out of errors. */
import type { ClockPort } from '../../ports/clock-port';
import { NotifierError } from '../../ports/notifier-port';
import { AMBIGUOUS_CODES } from './slack-error-codes';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_RETRIES = 3;
/** A Retry-After longer than this is not waited out in the function: the caller gets a retryable error. */
export const DEFAULT_MAX_RETRY_AFTER_SECONDS = 30;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8000;

/** Exponential backoff: 0.5 s, 1 s, 2 s, ... capped at 8 s. */
const backoffMs = (attempt: number): number => Math.min(BACKOFF_BASE_MS * 2 ** attempt, BACKOFF_CAP_MS);

export const realClock: ClockPort = {
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SlackTransportOptions {
  /** Time and waiting (pacing, Retry-After, backoff); tests pass a fake so nothing waits in real time. */
  clock?: ClockPort;
  /** Per-attempt timeout (AbortSignal.timeout), default 5 s. */
  timeoutMs?: number;
  /** Retries after the first attempt, default 3. */
  maxRetries?: number;
  maxRetryAfterSeconds?: number;
}

export interface SlackRequest {
  /** What we were doing, for error messages (`chat.postMessage`): never a URL or a token. */
  what: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Whether sending twice does no harm (chat.update): only then is a timeout retried here. */
  idempotent: boolean;
  /** Values scrubbed from anything put in an error (the token, the webhook URL). */
  secrets: string[];
}

export interface HttpReply {
  status: number;
  retryAfter: string | null;
  body: string;
}

export type Verdict<T> = { ok: T } | { error: NotifierError };

const REDACTED = '[redacted]';

/** A copy of `error` whose messages carry none of `secrets` (undici puts the URL in some messages). */
export const redactedError = (error: unknown, secrets: string[]): Error => {
  const scrub = (text: string): string =>
    secrets.filter((s) => s.length > 0).reduce((acc, secret) => acc.split(secret).join(REDACTED), text);
  if (!(error instanceof Error)) return new Error(scrub(String(error)));
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const copy = new Error(scrub(`${error.message}${inner}`));
  copy.name = error.name;
  return copy;
};

export class SlackTransport {
  private readonly clock: ClockPort;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryAfterMs: number;

  constructor(options: SlackTransportOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.maxRetryAfterMs = (options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS) * 1000;
  }

  /** Send, retrying what Slack says can be retried, and let `interpret` decide what a reply means. */
  async send<T>(request: SlackRequest, interpret: (reply: HttpReply) => Verdict<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt >= this.maxRetries;
      let outcome: Verdict<T>;
      try {
        const reply = await this.once(request);
        if (reply.status === 429) {
          const waitMs = this.retryAfterMs(reply.retryAfter, attempt);
          if (last || waitMs > this.maxRetryAfterMs) {
            throw new NotifierError(`${request.what} failed: ratelimited (retry after ${Math.ceil(waitMs / 1000)} s)`, 'ratelimited', true);
          }
          await this.clock.sleep(waitMs);
          continue;
        }
        outcome = interpret(reply);
      } catch (error) {
        if (error instanceof NotifierError) throw error;
        outcome = { error: this.transportError(request, error) };
      }
      if ('ok' in outcome) return outcome.ok;
      const { error } = outcome;
      const safeToRepeat = request.idempotent || !AMBIGUOUS_CODES.has(error.code);
      if (last || !error.retryable || !safeToRepeat) throw error;
      await this.clock.sleep(backoffMs(attempt));
    }
  }

  private async once(request: SlackRequest): Promise<HttpReply> {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  /** Retry-After is in seconds for Slack; an HTTP date is honoured too; without one, back off. */
  private retryAfterMs(header: string | null, attempt: number): number {
    const value = header?.trim() ?? '';
    if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
    const atMs = /GMT$/.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(atMs)) return Math.max(0, atMs - this.clock.nowMs());
    return backoffMs(attempt);
  }

  /**
   * fetch rejects with TimeoutError (our AbortSignal), TypeError `fetch failed` (DNS, connection, TLS), or
   * another TypeError before sending (an unparsable URL, a token with characters a header cannot carry):
   * the last needs a person, so it is not retryable.
   */
  private transportError(request: SlackRequest, error: unknown): NotifierError {
    const cause = redactedError(error, request.secrets);
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new NotifierError(`${request.what} failed: timeout (no answer within ${this.timeoutMs} ms)`, 'timeout', true, { cause });
    }
    if (error instanceof TypeError && error.message !== 'fetch failed') {
      return new NotifierError(`${request.what} failed: invalid_request (the URL or a header is malformed)`, 'invalid_request', false, { cause });
    }
    return new NotifierError(`${request.what} failed: network_error (could not reach Slack)`, 'network_error', true, { cause });
  }
}
