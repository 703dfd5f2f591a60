/** Behaviour of the CloudWatch twin beyond the contract: minute buckets, window rounding, failures, reset. */
import { describe, expect, it } from 'vitest';
import { InMemoryMetrics } from '../../../layers/twins/in-memory-metrics';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work';
const NOON = Date.UTC(2026, 2, 1, 12, 0, 0);

describe('InMemoryMetrics', () => {
  it('adds arrivals within one minute into that minute’s datapoint', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    metrics.put(QUEUE_URL, NOON - 50_000, 30);
    metrics.put(QUEUE_URL, NOON - 10_000, 30);

    // Act
    const rate = await metrics.arrivalRateQps(QUEUE_URL, NOON, 60);

    // Assess
    expect(rate).toBe(1);
  });

  it('starts the window at the minute its start falls in, as CloudWatch rounds StartTime down', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    metrics.put(QUEUE_URL, NOON - 120_000, 90);

    // Act
    const rate = await metrics.arrivalRateQps(QUEUE_URL, NOON - 30_000, 60);

    // Assess
    expect(rate).toBe(1.5);
  });

  it('keys datapoints by queue name, as the QueueName dimension does', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    metrics.put(QUEUE_URL, NOON - 60_000, 60);

    // Act
    const rate = await metrics.arrivalRateQps(`${QUEUE_URL}/`, NOON, 60);

    // Assess
    expect(rate).toBe(1);
  });

  it('rejects a negative count', () => {
    // Act
    const act = () => new InMemoryMetrics().put(QUEUE_URL, NOON, -1);

    // Assess
    expect(act).toThrow(RangeError);
  });

  it('fails as told with a retryable error, then answers again', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    metrics.put(QUEUE_URL, NOON - 60_000, 60);
    metrics.failNext('throttling');

    // Act
    const failed = metrics.arrivalRateQps(QUEUE_URL, NOON, 60);

    // Assess
    await expect(failed).rejects.toMatchObject({ name: 'MetricsError', code: 'ThrottlingException', retryable: true });
    await expect(metrics.arrivalRateQps(QUEUE_URL, NOON, 60)).resolves.toBe(1);
  });

  it('forgets datapoints and pending failures on reset', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    metrics.put(QUEUE_URL, NOON - 60_000, 60);
    metrics.failNext('unavailable', 2);

    // Act
    metrics.reset();

    // Assess
    await expect(metrics.arrivalRateQps(QUEUE_URL, NOON, 60)).resolves.toBeUndefined();
  });
});
