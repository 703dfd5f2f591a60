/** Which Slack errors a later attempt can fix, and how a Slack error becomes a NotifierError. */
import { NotifierError } from '../../ports/notifier-port';

/**
 * Error codes that retrying can fix: rate limits and trouble on Slack's side. Every other code
 * (`invalid_auth`, `channel_not_found`, `not_in_channel`, `invalid_blocks`, `msg_too_long`, `invalid_payload`,
 * `action_prohibited`, ...) needs a person to change the token, the channel or the payload.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#errors
 * @see https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks#handling_errors
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
  'rollup_error',
  'timeout',
  'network_error',
  'invalid_response',
]);

/** Codes where Slack may have posted the message although we saw no answer: retrying may post it twice. */
export const AMBIGUOUS_CODES: ReadonlySet<string> = new Set(['timeout', 'invalid_response']);

export const isRetryableCode = (code: string): boolean => RETRYABLE_CODES.has(code) || /^http_5\d\d$/.test(code);

/** Slack error codes are short snake_case words; anything else (an HTML page, a proxy's text) is not echoed. */
export const sanitizeCode = (value: unknown, status: number): string =>
  typeof value === 'string' && /^[a-z0-9_]{1,64}$/.test(value.trim()) ? value.trim() : `http_${status}`;

/** `chat.postMessage failed: channel_not_found`, retryable or not by its code. */
export const slackError = (what: string, code: string, detail = '', options?: { cause?: unknown }): NotifierError =>
  new NotifierError(`${what} failed: ${code}${detail}`, code, isRetryableCode(code), options);
