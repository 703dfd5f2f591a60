/** TritonHttpClient's requests as Triton sees them, against a local server that answers like Triton. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TritonHttpClient } from '../../../../layers/adapters/triton/triton-client';
import { FakeTritonServer } from '../../../helpers/fake-triton-server';

const requestJson = '{"inputs":[{"name":"input_ids","shape":[1,2],"datatype":"INT64","data":[101,102]}]}';

describe('TritonHttpClient', () => {
  let triton: FakeTritonServer;
  let client: TritonHttpClient;

  beforeEach(async () => {
    triton = await FakeTritonServer.start({ models: ['bert-large', 'rerank/v2'], latencyMs: 20 });
    client = new TritonHttpClient({ baseUrl: `${triton.url}/` });
  });
  afterEach(async () => {
    await triton.stop();
  });

  it('posts the request body as JSON to the model\'s infer path', async () => {
    // Act
    await client.infer('bert-large', requestJson);

    // Assess
    expect(triton.requests).toEqual([
      { method: 'POST', path: '/v2/models/bert-large/infer', contentType: 'application/json', body: requestJson },
    ]);
  });

  it('checks server and model readiness with GETs, the model name escaped into its path segment', async () => {
    // Act
    const ready = await client.ready('rerank/v2');

    // Assess
    expect(ready).toBe(true);
    expect(triton.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /v2/health/ready', 'GET /v2/models/rerank%2Fv2/ready']);
  });

  it('sends concurrent inferences concurrently, as Triton\'s dynamic batcher needs', async () => {
    // Act
    await Promise.all([1, 2, 3].map(() => client.infer('bert-large', requestJson)));

    // Assess
    expect(triton.maxInFlight).toBe(3);
    expect(triton.inFlight).toBe(0);
  });

  it('treats 429 as retryable, like a 5xx', async () => {
    // Prepare
    triton.failNext(1, 429, 'rate limited');

    // Act
    const failed = client.infer('bert-large', requestJson);

    // Assess
    await expect(failed).rejects.toMatchObject({ code: 'TooManyRequests', retryable: true, status: 429 });
  });

  it('shows an error body that is not Triton\'s JSON as it came, for a proxy in between', async () => {
    // Prepare: a server that answers every request with a proxy's HTML error page.
    const proxy: Server = createServer((_, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const behindProxy = new TritonHttpClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });

    // Act
    const failed = behindProxy.infer('bert-large', requestJson);

    // Assess
    await expect(failed).rejects.toMatchObject({ code: 'BadGateway', retryable: true, status: 502 });
    await expect(failed).rejects.toThrow('502 Bad Gateway');
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });
});
