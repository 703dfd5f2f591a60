/** What the Triton twin adds beyond the contract: latency on the injected clock, concurrency, down, reset. */
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryInference } from '../../../layers/twins/in-memory-inference';
import { ManualClock } from '../../../layers/twins/manual-clock';

const START_MS = Date.UTC(2026, 2, 1, 12, 0, 0);
const requestJson = '{"inputs":[{"name":"INPUT0","shape":[2],"datatype":"FP32","data":[0.5,1.5]}]}';

describe('InMemoryInference', () => {
  let clock: ManualClock;
  let triton: InMemoryInference;

  beforeEach(() => {
    clock = new ManualClock(START_MS);
    triton = new InMemoryInference({ models: ['bert-large'], latencyMs: 40, sleep: (ms) => clock.sleep(ms) });
  });

  it('takes its service time on the injected clock', async () => {
    // Act
    await triton.infer('bert-large', requestJson);

    // Assess
    expect(clock.nowMs() - START_MS).toBe(40);
  });

  it('takes a per-model service time when given one', async () => {
    // Prepare
    triton.setModelReady('llama-8b', true);
    triton.setLatency((model) => (model === 'llama-8b' ? 900 : 40));

    // Act
    await triton.infer('llama-8b', requestJson);

    // Assess
    expect(clock.nowMs() - START_MS).toBe(900);
  });

  it('counts requests in service at once, and calls and answers', async () => {
    // Act
    await Promise.all([1, 2, 3, 4].map(() => triton.infer('bert-large', requestJson)));

    // Assess
    expect({ max: triton.maxInFlight, now: triton.inFlight, served: triton.served, calls: triton.calls.infer }).toEqual({ max: 4, now: 0, served: 4, calls: 4 });
  });

  it('refuses everything while down and is ready again once up', async () => {
    // Prepare
    triton.setDown(true);
    const whileDown = await triton.ready('bert-large');
    const inferring = triton.infer('bert-large', requestJson);

    // Act
    triton.setDown(false);

    // Assess
    expect(whileDown).toBe(false);
    await expect(inferring).rejects.toMatchObject({ code: 'ECONNREFUSED', retryable: true });
    expect(await triton.ready('bert-large')).toBe(true);
  });

  it('needs a sleep to wait out a latency, and says so', async () => {
    // Prepare
    const misconfigured = new InMemoryInference({ models: ['bert-large'], latencyMs: 10 });

    // Act
    const inferring = misconfigured.infer('bert-large', requestJson);

    // Assess
    await expect(inferring).rejects.toMatchObject({ code: 'TwinMisconfigured', retryable: false });
  });

  it('forgets injected errors, readiness changes and counts on reset', async () => {
    // Prepare
    triton.failNext(5, 503);
    triton.setServerReady(false);
    await triton.infer('bert-large', requestJson).catch(() => undefined);

    // Act
    triton.reset();

    // Assess
    expect(await triton.ready('bert-large')).toBe(true);
    await expect(triton.infer('bert-large', requestJson)).resolves.toContain('"OUTPUT0"');
    expect(triton.calls).toEqual({ ready: 1, infer: 1 });
  });
});
