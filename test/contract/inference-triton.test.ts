/** Runs the InferencePort contract against TritonHttpClient talking KServe v2 to a local fake Triton server. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll } from 'vitest';
import { TritonHttpClient } from '../../layers/adapters/triton/triton-client';
import { FakeTritonServer } from '../helpers/fake-triton-server';
import { describeInferenceContract } from './inference.contract';

// A port nobody listens on: fetch gets a real ECONNREFUSED, as when Triton has not started or has exited.
let deadUrl: string;
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

describeInferenceContract('TritonHttpClient on a fake Triton server', async () => {
  const triton = await FakeTritonServer.start({ models: ['bert-large'], latencyMs: 2 });
  return {
    port: new TritonHttpClient({ baseUrl: triton.url, timeoutMs: 5_000 }),
    unreachablePort: new TritonHttpClient({ baseUrl: deadUrl }),
    model: 'bert-large',
    setServerReady: (ready) => triton.setServerReady(ready),
    setModelReady: (model, ready) => triton.setModelReady(model, ready),
    failNext: (times, status, message) => triton.failNext(times, status, message),
    setLatencyMs: (ms) => triton.setLatency(ms),
    close: () => triton.stop(),
  };
});
