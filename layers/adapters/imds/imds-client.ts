/** InstanceMetadataPort over IMDSv2: a session token from PUT /latest/api/token, then GETs that carry it. */
import type { SpotAction } from '../../core/signals';
import type { ClockPort } from '../../ports/clock-port';
import { InstanceMetadataError, type InstanceMetadataPort, type SpotInstanceAction } from '../../ports/instance-metadata-port';
import { fetchFailureCode, fetchFailureMessage, isRetryableStatus, statusCodeName } from '../http-failure';

const TOKEN_PATH = '/latest/api/token';
const TTL_HEADER = 'X-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'X-aws-ec2-metadata-token';
/** IMDSv2 grants tokens of 1 second to 6 hours. */
const MAX_TTL_SECONDS = 21_600;
const SPOT_ACTIONS: readonly SpotAction[] = ['terminate', 'stop', 'hibernate'];
// Tag keys readable from instance metadata: letters, digits and + - = . , _ : @ (not ".", ".." or "_index").
const TAG_KEY = /^[A-Za-z0-9+\-=.,_:@]+$/;

export interface ImdsClientOptions {
  baseUrl?: string;
  /** Lifetime asked for each session token; the token is reused until shortly before it ends. */
  tokenTtlSeconds?: number;
  /** Per request: IMDS answers in milliseconds, so a slow answer means it is not there. */
  timeoutMs?: number;
  clock?: Pick<ClockPort, 'nowMs'>;
}

/**
 * Reads the instance's own metadata the way IMDSv2 requires (HttpTokens: required). A GET answered 401 (token
 * expired or revoked) gets a new token and is tried once more. Paths that are not there answer 404: no notice
 * yet, or tags not allowed in metadata; those read as undefined.
 *
 * @example
 * const imds = new ImdsClient();
 * const notice = await imds.spotInstanceAction(); // { action: 'terminate', atMs: 1772366520000 } or undefined
 * const deadline = await imds.tag('autopilot:drain');
 */
export class ImdsClient implements InstanceMetadataPort {
  private readonly baseUrl: string;
  private readonly tokenTtlSeconds: number;
  private readonly timeoutMs: number;
  private readonly clock: Pick<ClockPort, 'nowMs'>;
  private token?: { value: string; renewAtMs: number };
  private pendingToken?: Promise<string>;

  constructor(options: ImdsClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'http://169.254.169.254').replace(/\/+$/, '');
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? MAX_TTL_SECONDS;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.clock = options.clock ?? { nowMs: () => Date.now() };
    if (!Number.isInteger(this.tokenTtlSeconds) || this.tokenTtlSeconds < 1 || this.tokenTtlSeconds > MAX_TTL_SECONDS) {
      throw new InstanceMetadataError(`configuring IMDS: token TTL ${this.tokenTtlSeconds} s is not in 1-${MAX_TTL_SECONDS}`, 'InvalidParameter', false);
    }
  }

  async instanceId(): Promise<string> {
    const text = await this.get('/latest/meta-data/instance-id', 'reading the instance id');
    if (text === undefined) throw new InstanceMetadataError('reading the instance id: IMDS answered 404', 'NotFound', false);
    return text.trim();
  }

  async spotInstanceAction(): Promise<SpotInstanceAction | undefined> {
    const doing = 'reading the spot instance-action';
    const text = await this.get('/latest/meta-data/spot/instance-action', doing);
    if (text === undefined) return undefined;
    const { action, time } = parsedObject(text, doing);
    const atMs = typeof time === 'string' ? Date.parse(time) : Number.NaN;
    if (!SPOT_ACTIONS.includes(action as SpotAction) || Number.isNaN(atMs)) throw malformed(doing, text);
    return { action: action as SpotAction, atMs };
  }

  async rebalanceRecommendationAtMs(): Promise<number | undefined> {
    const doing = 'reading the rebalance recommendation';
    const text = await this.get('/latest/meta-data/events/recommendations/rebalance', doing);
    if (text === undefined) return undefined;
    const { noticeTime } = parsedObject(text, doing);
    const atMs = typeof noticeTime === 'string' ? Date.parse(noticeTime) : Number.NaN;
    if (Number.isNaN(atMs)) throw malformed(doing, text);
    return atMs;
  }

  async tag(key: string): Promise<string | undefined> {
    const doing = `reading instance tag ${key}`;
    if (!TAG_KEY.test(key) || key === '.' || key === '..' || key === '_index') {
      throw new InstanceMetadataError(`${doing}: instance metadata cannot hold this key`, 'InvalidTagKey', false);
    }
    return this.get(`/latest/meta-data/tags/instance/${key}`, doing);
  }

  private async get(path: string, doing: string): Promise<string | undefined> {
    let token = await this.sessionToken(doing);
    let response = await this.request('GET', path, { [TOKEN_HEADER]: token }, doing);
    if (response.status === 401) {
      // The token expired or was revoked before we thought: one new token, one more try.
      if (this.token?.value === token) this.token = undefined;
      token = await this.sessionToken(doing);
      response = await this.request('GET', path, { [TOKEN_HEADER]: token }, doing);
    }
    const text = await this.body(response, doing);
    if (response.status === 404) return undefined;
    if (!response.ok) throw statusError(doing, response.status, text);
    return text;
  }

  private sessionToken(doing: string): Promise<string> {
    if (this.token && this.clock.nowMs() < this.token.renewAtMs) return Promise.resolve(this.token.value);
    // Concurrent reads share one PUT rather than each asking for a token.
    this.pendingToken ??= this.fetchToken(doing).finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  private async fetchToken(doing: string): Promise<string> {
    const tokenDoing = `${doing}: requesting an IMDSv2 token`;
    const requestedAtMs = this.clock.nowMs();
    const response = await this.request('PUT', TOKEN_PATH, { [TTL_HEADER]: String(this.tokenTtlSeconds) }, tokenDoing);
    const value = await this.body(response, tokenDoing);
    if (!response.ok || value === '') throw statusError(tokenDoing, response.status, value);
    const grantedSeconds = Number(response.headers.get(TTL_HEADER)) || this.tokenTtlSeconds;
    // Renew a little early (a tenth of the lifetime, at most a minute) so no GET carries a token about to expire.
    const marginSeconds = Math.min(60, grantedSeconds / 10);
    this.token = { value, renewAtMs: requestedAtMs + (grantedSeconds - marginSeconds) * 1000 };
    return value;
  }

  private async request(method: 'GET' | 'PUT', path: string, headers: Record<string, string>, doing: string): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, { method, headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new InstanceMetadataError(`${doing}: ${fetchFailureMessage(error)}`, fetchFailureCode(error), true, { cause: error });
    }
  }

  private async body(response: Response, doing: string): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new InstanceMetadataError(`${doing}: ${fetchFailureMessage(error)}`, fetchFailureCode(error), true, { cause: error });
    }
  }
}

const statusError = (doing: string, status: number, body: string): InstanceMetadataError =>
  new InstanceMetadataError(`${doing}: IMDS answered ${status}${body ? ` (${body.slice(0, 200)})` : ''}`, statusCodeName(status), isRetryableStatus(status));

const malformed = (doing: string, text: string): InstanceMetadataError =>
  new InstanceMetadataError(`${doing}: unexpected content ${JSON.stringify(text.slice(0, 200))}`, 'MalformedResponse', false);

const parsedObject = (text: string, doing: string): Record<string, unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed(doing, text);
  }
  if (typeof value !== 'object' || value === null) throw malformed(doing, text);
  return value as Record<string, unknown>;
};
