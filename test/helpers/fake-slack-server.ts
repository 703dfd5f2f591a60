// A local HTTP server that answers like Slack: Web API chat.postMessage / chat.update and an incoming webhook.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackMessage {
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  edits: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

interface Channel {
  id: string;
  name: string;
  messages: FakeSlackMessage[];
}

const WEBHOOK_PATH = '/services/T0FAKE0001/B0FAKE0001/aBcDeFgHiJkLmNoPqRsTuVwX';
const BOT_TOKEN = 'xoxb-111111111111-222222222222-FakeBotTokenSecret0042';

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** Block Kit limits Slack enforces on a payload: 50 blocks, 150 header chars, 3000 section chars. */
const blocksValid = (blocks: unknown): boolean => {
  if (blocks === undefined) return true;
  if (!Array.isArray(blocks) || blocks.length > 50) return false;
  return blocks.every((b: { type?: string; text?: { text?: string } }) => {
    const length = b.text?.text?.length ?? 0;
    return length <= (b.type === 'header' ? 150 : 3000);
  });
};

export class FakeSlackServer {
  readonly token = BOT_TOKEN;
  readonly requests: RecordedRequest[] = [];
  readonly channel: Channel = { id: 'C0AUTOPILOT', name: 'gpu-autopilot', messages: [] };
  private removed = false;
  private rateLimited = { times: 0, retryAfterSeconds: 1 };
  private failing = { times: 0, status: 503 };
  private hanging = 0;
  private sequence = 0;
  private readonly server = createServer((req, res) => void this.handle(req, res));

  private constructor() {}

  static async start(): Promise<FakeSlackServer> {
    const fake = new FakeSlackServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  get apiUrl(): string {
    return `${this.url}/api`;
  }
  get webhookUrl(): string {
    return `${this.url}${WEBHOOK_PATH}`;
  }

  /** The next `times` calls get HTTP 429 with this Retry-After. */
  rateLimitNext(times: number, retryAfterSeconds: number): void {
    this.rateLimited = { times, retryAfterSeconds };
  }
  /** The next `times` calls get this 5xx status. */
  failNext(times: number, status = 503): void {
    this.failing = { times, status };
  }
  /** The next `times` calls are read but never answered. */
  hangNext(times: number): void {
    this.hanging = times;
  }
  /** The channel is deleted: the bot and the webhook both get channel_not_found. */
  removeChannel(): void {
    this.removed = true;
  }

  topLevel(): FakeSlackMessage[] {
    return this.channel.messages.filter((m) => m.threadTs === undefined);
  }
  repliesTo(ts: string): FakeSlackMessage[] {
    return this.channel.messages.filter((m) => m.threadTs === ts);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    this.requests.push({ path, headers: req.headers, body });
    if (this.hanging > 0) {
      this.hanging -= 1;
      return;
    }
    const isWebhook = path.startsWith('/services/');
    const reply = this.injected(isWebhook) ?? (isWebhook ? this.webhook(path, body) : this.api(req, path, body));
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' ? 'text/html' : 'application/json; charset=utf-8';
    res.writeHead(reply.status, { 'Content-Type': type, ...reply.headers }).end(text);
  }

  private injected(isWebhook: boolean): Reply | undefined {
    if (this.rateLimited.times > 0) {
      this.rateLimited.times -= 1;
      const headers = { 'Retry-After': String(this.rateLimited.retryAfterSeconds) };
      return { status: 429, headers, body: isWebhook ? 'rate_limited' : { ok: false, error: 'ratelimited' } };
    }
    if (this.failing.times > 0) {
      this.failing.times -= 1;
      return { status: this.failing.status, body: isWebhook ? 'rollup_error' : '<html>Service Unavailable</html>' };
    }
    return undefined;
  }

  /** Incoming webhook: `ok`, or an error word with a 4xx/5xx status (Slack's webhook error table). */
  private webhook(path: string, body: string): Reply {
    if (path !== WEBHOOK_PATH) return { status: 404, body: 'no_service' };
    let payload: { text?: string; blocks?: unknown[] };
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      return { status: 400, body: 'invalid_payload' };
    }
    if (!blocksValid(payload.blocks)) return { status: 400, body: 'invalid_payload' };
    if (!payload.text && !payload.blocks?.length) return { status: 400, body: 'missing_text_or_fallback_or_attachments' };
    if (this.removed) return { status: 404, body: 'channel_not_found' };
    this.append({ text: payload.text, blocks: payload.blocks });
    return { status: 200, body: 'ok' };
  }

  /** Web API: HTTP 200 with `{ ok: true, ... }` or `{ ok: false, error }`. */
  private api(req: IncomingMessage, path: string, body: string): Reply {
    const fail = (error: string): Reply => ({ status: 200, body: { ok: false, error } });
    const method = path.replace(/^\/api\//, '');
    if (method !== 'chat.postMessage' && method !== 'chat.update') return { status: 404, body: { ok: false, error: 'unknown_method' } };
    const auth = req.headers.authorization;
    if (!auth) return fail('not_authed');
    if (auth !== `Bearer ${this.token}`) return fail('invalid_auth');
    let args: { channel?: string; text?: string; blocks?: unknown[]; ts?: string; thread_ts?: string };
    try {
      args = JSON.parse(body) as typeof args;
    } catch {
      return fail('invalid_json');
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args)) return fail('json_not_object');
    if (!blocksValid(args.blocks)) return fail('invalid_blocks');
    const known = [this.channel.id, this.channel.name, `#${this.channel.name}`].includes(args.channel ?? '');
    if (!known || this.removed) return fail('channel_not_found');
    if (!args.text && !args.blocks?.length) return fail('no_text');
    if (method === 'chat.update') {
      const target = this.channel.messages.find((m) => m.ts === args.ts);
      if (!target) return fail('message_not_found');
      Object.assign(target, { text: args.text, blocks: args.blocks, edits: target.edits + 1 });
      return { status: 200, body: { ok: true, channel: this.channel.id, ts: target.ts, text: args.text } };
    }
    if (args.thread_ts !== undefined && !this.channel.messages.some((m) => m.ts === args.thread_ts)) {
      return fail('message_not_found');
    }
    const ts = this.append({ text: args.text, blocks: args.blocks, threadTs: args.thread_ts });
    return { status: 200, body: { ok: true, channel: this.channel.id, ts, message: { type: 'message', text: args.text, ts } } };
  }

  private append(message: Omit<FakeSlackMessage, 'ts' | 'edits'>): string {
    this.sequence += 1;
    const ts = `1773457920.${String(this.sequence).padStart(6, '0')}`;
    this.channel.messages.push({ ...message, ts, edits: 0 });
    return ts;
  }
}
