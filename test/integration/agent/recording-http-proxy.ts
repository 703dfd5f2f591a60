// A recording HTTP proxy in front of a local fake (SQS emulator, IMDS, Triton): every request as the server saw it, with times.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request, recorded where it reached the server and where the server answered it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  arrivedAtMs: number;
  /** When the server's answer was complete (a server may finish a request its client gave up on, as SQS does). */
  answeredAtMs?: number;
  status?: number;
  answer?: string;
  /** The client closed the connection before the answer came (an aborted long poll, a timed-out inference). */
  clientGone: boolean;
}

/**
 * The agent's adapter points at `url`; the test's own probes talk to the server directly, so `requests` holds the
 * agent's requests only. The proxy never cuts a request short: when the client leaves, the server still finishes.
 *
 * @example
 * const proxy = await RecordingHttpProxy.start(localSqs.endpoint);
 * new SQSClient({ endpoint: proxy.url, ... });
 * proxy.requests.filter((r) => r.headers['x-amz-target'] === 'AmazonSQS.ReceiveMessage');
 */
export class RecordingHttpProxy {
  readonly requests: RecordedRequest[] = [];
  private readonly server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        headers: req.headers,
        body,
        arrivedAtMs: Date.now(),
        clientGone: false,
      };
      this.requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.clientGone = true;
      });
      const upstream = httpRequest(`${this.target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
        void readBody(answer).then((text) => {
          record.answeredAtMs = Date.now();
          record.status = answer.statusCode ?? 0;
          record.answer = text;
          if (res.destroyed) return;
          res.writeHead(record.status, answer.headers);
          res.end(text);
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });

  private constructor(private readonly target: string) {}

  /** Proxies to `target` (`http://127.0.0.1:<port>`). */
  static async start(target: string): Promise<RecordingHttpProxy> {
    const proxy = new RecordingHttpProxy(target.replace(/\/+$/, ''));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }
}

const readBody = async (stream: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf-8');
};
