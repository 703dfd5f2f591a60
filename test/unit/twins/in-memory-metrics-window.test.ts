import { describe, expect, it } from 'vitest';
import { InMemoryMetrics } from '../../../layers/twins/in-memory-metrics';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-requests';
const T0 = Date.UTC(2026, 10, 2, 12, 0);
const MINUTE = 60_000;

describe('InMemoryMetrics minute datapoints by window', () => {
  it('returns the minutes of [from, to) oldest first, whatever order they were recorded in', () => {
    // Prepare: minutes 3, 0, 2 and 1 (out of order), minute 2 twice
    const metrics = new InMemoryMetrics();
    for (const [minute, count] of [[3, 30], [0, 1], [2, 20], [1, 10], [2, 5]] as const) metrics.put(QUEUE, T0 + minute * MINUTE, count);
    // Act
    const window = metrics.minuteSums(QUEUE, T0 + MINUTE, T0 + 3 * MINUTE);
    const all = metrics.minuteSums(QUEUE);
    // Assess
    expect(window).toEqual([[T0 + MINUTE, 10], [T0 + 2 * MINUTE, 25]]);
    expect(all.map(([m]) => (m - T0) / MINUTE)).toEqual([0, 1, 2, 3]);
  });

  it('keeps answering correctly when minutes are appended after a read', async () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    metrics.put(QUEUE, T0, 60);
    expect(await metrics.arrivalRateQps(QUEUE, T0 + MINUTE, 60)).toBe(1);
    // Act: a later minute, then an earlier one
    metrics.put(QUEUE, T0 + MINUTE, 120);
    metrics.put(QUEUE, T0 - MINUTE, 600);
    // Assess
    expect(await metrics.arrivalRateQps(QUEUE, T0 + 2 * MINUTE, 60)).toBe(2);
    expect(metrics.minuteSums(QUEUE).map(([, c]) => c)).toEqual([600, 60, 120]);
  });
});
