// A local HTTP server that answers like Triton Inference Server's KServe v2 HTTP/REST API, with identity models.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { identityInference } from '../../layers/twins/kserve-v2-identity';

export interface TritonRequestLog {
  method: string;
  path: string;
  contentType?: string;
  body: string;
}

const MODEL_PATH = /^\/v2\/models\/([^/]+)\/(ready|infer)$/;

/**
 * Health (`/v2/health/live`, `/v2/health/ready`), model readiness and inference; Triton answers "not ready" and
 * refused requests with 400 and `{"error": ...}`. Latency is real (keep it small); `failNext` applies to inferences.
 *
 * @example
 * const triton = await FakeTritonServer.start({ models: ['bert-large'], latencyMs: 20 });
 * triton.failNext(1, 503, 'Exceeds maximum queue size');
 */
export class FakeTritonServer {
  readonly requests: TritonRequestLog[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private latencyMs: number;
  private serverReady = true;
  private readonly models: Map<string, boolean>;
  private failing: { times: number; status: number; message: string } = { times: 0, status: 503, message: '' };
  private readonly server = createServer((req, res) => void this.handle(req, res));

  private constructor(options: { models?: string[]; latencyMs?: number }) {
    this.models = new Map((options.models ?? []).map((m) => [m, true]));
    this.latencyMs = options.latencyMs ?? 0;
  }

  static async start(options: { models?: string[]; latencyMs?: number } = {}): Promise<FakeTritonServer> {
    const fake = new FakeTritonServer(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setLatency(latencyMs: number): void {
    this.latencyMs = latencyMs;
  }
  setServerReady(ready: boolean): void {
    this.serverReady = ready;
  }
  setModelReady(model: string, ready: boolean): void {
    this.models.set(model, ready);
  }
  /** The next `times` inference requests get this status and `{"error": message}`. */
  failNext(times: number, status = 503, message = 'Server is overloaded'): void {
    this.failing = { times, status, message };
  }
  get inferRequests(): number {
    return this.requests.filter((r) => r.path.endsWith('/infer')).length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const body = Buffer.concat(chunks).toString('utf-8');
    this.requests.push({ method: req.method ?? 'GET', path, body, ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}) });
    if (req.method === 'GET' && path === '/v2/health/live') return reply(res, 200);
    if (req.method === 'GET' && path === '/v2/health/ready') return reply(res, this.serverReady ? 200 : 400);
    const match = MODEL_PATH.exec(path);
    const model = match?.[1] !== undefined ? decodeURIComponent(match[1]) : undefined;
    if (model === undefined) return reply(res, 404, { error: 'Not Found' });
    if (req.method === 'GET' && match?.[2] === 'ready') {
      return this.models.get(model) === true ? reply(res, 200) : reply(res, 400, { error: `Request for unknown model: '${model}' is not found` });
    }
    if (req.method === 'POST' && match?.[2] === 'infer') return this.infer(res, model, body);
    return reply(res, 405, { error: 'Method Not Allowed' });
  }

  private async infer(res: ServerResponse, model: string, body: string): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      if (this.failing.times > 0) {
        this.failing.times -= 1;
        return reply(res, this.failing.status, { error: this.failing.message });
      }
      if (this.models.get(model) !== true) return reply(res, 400, { error: `Request for unknown model: '${model}' is not found` });
      const outcome = identityInference(model, '1', body);
      if (!outcome.ok) return reply(res, outcome.status, { error: outcome.error });
      return reply(res, 200, outcome.responseJson);
    } finally {
      this.inFlight -= 1;
    }
  }
}

// A client that timed out has gone; its answer is dropped.
const reply = (res: ServerResponse, status: number, body?: { error: string } | string): void => {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
};
