/** Behaviour of the demand-history twin beyond the contract: one world with the metrics twin, failures, reset. */
import { describe, expect, it } from 'vitest';
import type { DemandHistoryRequest } from '../../../layers/ports/demand-history-port';
import { InMemoryDemandHistory } from '../../../layers/twins/in-memory-demand-history';
import { InMemoryMetrics } from '../../../layers/twins/in-memory-metrics';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work';
const START_MS = Date.UTC(2026, 2, 1, 9, 0);
const request: DemandHistoryRequest = { metric: { kind: 'sqs-messages-sent' }, queueUrls: [QUEUE_URL], startMs: START_MS, endMs: START_MS + 900_000, periodSeconds: 300 };
const REQUESTS = { namespace: 'Triton/Inference', metricName: 'RequestCount', dimensions: { Fleet: 'bert-large' } };

describe('InMemoryDemandHistory', () => {
  it('answers from the arrivals the simulator puts into the metrics twin, as the metrics twin does', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    const history = new InMemoryDemandHistory(metrics);
    metrics.put(QUEUE_URL, START_MS + 310_000, 90);
    metrics.put(QUEUE_URL, START_MS + 420_000, 60);

    // Act
    const series = await history.demandHistory(request);
    const rate = await metrics.arrivalRateQps(QUEUE_URL, START_MS + 600_000, 300);

    // Assess
    expect(series.values).toEqual([undefined, 150, undefined]);
    expect(rate).toBe(150 / 300);
  });

  it.each([
    ['throttling', 'Throttling', true],
    ['internal-error', 'InternalError', true],
    ['forbidden', 'Forbidden', false],
  ] as const)('fails the next read with %s (code %s, retryable %s), then answers again', async (failure, code, retryable) => {
    // Prepare
    const history = new InMemoryDemandHistory();
    history.failNext(failure);

    // Act
    const failed = history.demandHistory(request);

    // Assess
    await expect(failed).rejects.toMatchObject({ name: 'DemandHistoryError', code, retryable });
    await expect(history.demandHistory(request)).resolves.toMatchObject({ values: [undefined, undefined, undefined] });
  });

  it('forgets custom datapoints and failures on reset, and leaves the SQS counts to the metrics twin', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    const history = new InMemoryDemandHistory(metrics);
    metrics.put(QUEUE_URL, START_MS, 5);
    history.putCustom(REQUESTS, START_MS, 5);
    history.failNext('throttling');

    // Act
    history.reset();
    const custom = await history.demandHistory({ ...request, metric: { kind: 'custom', ...REQUESTS, stat: 'Sum' } });
    const sqs = await history.demandHistory(request);

    // Assess
    expect([custom.values[0], sqs.values[0]]).toEqual([undefined, 5]);
  });

  it('refuses a custom value that CloudWatch would refuse', () => {
    // Act + Assess
    expect(() => new InMemoryDemandHistory().putCustom(REQUESTS, START_MS, Number.NaN)).toThrow(RangeError);
  });
});
