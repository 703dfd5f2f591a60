// A local HTTP server that answers like EC2's instance metadata service with IMDSv2 required (HttpTokens: required).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const TAGS_PREFIX = '/latest/meta-data/tags/instance';

/**
 * The token PUT (TTL header 1-21600 required, X-Forwarded-For refused with 403), GETs that need a live token
 * (401 otherwise), and the paths the agent reads; a path with nothing behind it answers 404, as IMDS does.
 *
 * @example
 * const imds = await FakeImdsServer.start({ instanceId: 'i-0abc' });
 * imds.setSpotAction({ action: 'terminate', time: '2026-03-01T12:02:00Z' });
 * new ImdsClient({ baseUrl: imds.url });
 */
export class FakeImdsServer {
  /** Token PUTs answered with a token. */
  tokenRequests = 0;
  /** GETs of metadata paths, whatever they were answered. */
  metadataRequests = 0;
  /** GETs refused with 401 for want of a live token. */
  unauthorizedRequests = 0;
  private tokens = new Map<string, number>();
  private spotAction?: string;
  private rebalance?: string;
  private readonly tags = new Map<string, string>();
  private failing = { times: 0, status: 500 };
  private readonly server = createServer((req, res) => this.handle(req, res));

  private constructor(private readonly instanceId: string) {}

  static async start(options: { instanceId?: string } = {}): Promise<FakeImdsServer> {
    const fake = new FakeImdsServer(options.instanceId ?? 'i-0123456789abcdef0');
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** `/latest/meta-data/spot/instance-action` content; `undefined` makes it 404 again. */
  setSpotAction(notice: { action: 'terminate' | 'stop' | 'hibernate'; time: string } | undefined): void {
    this.spotAction = notice ? JSON.stringify(notice) : undefined;
  }

  /** `/latest/meta-data/events/recommendations/rebalance` content (`{"noticeTime": ...}`); `undefined`: 404. */
  setRebalance(noticeTime: string | undefined): void {
    this.rebalance = noticeTime ? JSON.stringify({ noticeTime }) : undefined;
  }

  /** An instance tag as instance metadata shows it; `undefined` removes it. */
  setTag(key: string, value: string | undefined): void {
    if (value === undefined) this.tags.delete(key);
    else this.tags.set(key, value);
  }

  /** Serves any content at a metadata path, for responses IMDS should never give (a garbled notice). */
  setRaw(kind: 'spot' | 'rebalance', content: string): void {
    if (kind === 'spot') this.spotAction = content;
    else this.rebalance = content;
  }

  /** Revokes every token issued so far: the next GET with one gets 401. */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** The next `times` requests (token or metadata) get this status. */
  failNext(times: number, status = 500): void {
    this.failing = { times, status };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (this.failing.times > 0) {
      this.failing.times -= 1;
      return reply(res, this.failing.status, '');
    }
    if (req.method === 'PUT' && path === '/latest/api/token') return this.issueToken(req, res);
    if (req.method !== 'GET') return reply(res, 405, '');
    this.metadataRequests += 1;
    const token = req.headers[TOKEN_HEADER];
    const expiresAtMs = typeof token === 'string' ? this.tokens.get(token) : undefined;
    if (expiresAtMs === undefined || expiresAtMs <= Date.now()) {
      this.unauthorizedRequests += 1;
      return reply(res, 401, '');
    }
    const content = this.content(path);
    return content === undefined ? reply(res, 404, notFoundPage) : reply(res, 200, content);
  }

  private issueToken(req: IncomingMessage, res: ServerResponse): void {
    // IMDS refuses token requests that went through a proxy, so a forwarded SSRF cannot obtain one.
    if (req.headers['x-forwarded-for'] !== undefined) return reply(res, 403, '');
    const ttl = Number(req.headers[TTL_HEADER]);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21_600) return reply(res, 400, '');
    const token = Buffer.from(randomUUID()).toString('base64');
    this.tokens.set(token, Date.now() + ttl * 1000);
    this.tokenRequests += 1;
    reply(res, 200, token, { [TTL_HEADER]: String(ttl) });
  }

  private content(path: string): string | undefined {
    if (path === '/latest/meta-data/instance-id') return this.instanceId;
    if (path === '/latest/meta-data/spot/instance-action') return this.spotAction;
    if (path === '/latest/meta-data/events/recommendations/rebalance') return this.rebalance;
    if (path === TAGS_PREFIX) return this.tags.size > 0 ? [...this.tags.keys()].join('\n') : undefined;
    if (path.startsWith(`${TAGS_PREFIX}/`)) return this.tags.get(decodeURIComponent(path.slice(TAGS_PREFIX.length + 1)));
    return undefined;
  }
}

// IMDS answers a missing path with a small HTML page, not an empty body.
const notFoundPage = '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><title>404 - Not Found</title></head><body><h1>404 - Not Found</h1></body></html>\n';

const reply = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'Content-Type': status === 404 ? 'text/html' : 'text/plain', Server: 'EC2ws', ...headers });
  res.end(body);
};
