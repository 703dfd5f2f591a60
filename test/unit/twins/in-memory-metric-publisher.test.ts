/** Behaviour of the PutMetricData twin beyond the contract: queries by name, the clock's window, failures, reset. */
import { describe, expect, it } from 'vitest';
import type { MetricDatum } from '../../../layers/ports/metric-publisher-port';
import { InMemoryMetricPublisher } from '../../../layers/twins/in-memory-metric-publisher';
import { ManualClock } from '../../../layers/twins/manual-clock';

const NOW_MS = Date.UTC(2026, 2, 2, 7, 15);
const datum = (name: string, fleet: string, value: number): MetricDatum => ({ name, dimensions: { Fleet: fleet }, timestampMs: NOW_MS, value, unit: 'Count' });

describe('InMemoryMetricPublisher', () => {
  it('answers all data, or those of one name across dimensions', async () => {
    // Prepare
    const publisher = new InMemoryMetricPublisher(new ManualClock(NOW_MS));
    await publisher.publish([datum('ForecastDemand', 'bert', 1), datum('ForecastDemand', 'reranker', 2), datum('PlannedCapacity', 'bert', 3)]);

    // Act
    const all = publisher.published();
    const demand = publisher.published({ name: 'ForecastDemand' });

    // Assess
    expect([all.length, demand.map((d) => d.value)]).toEqual([3, [1, 2]]);
  });

  it('judges timestamps against the clock it is given, as time moves', async () => {
    // Prepare
    const clock = new ManualClock(NOW_MS - 3 * 3_600_000);
    const publisher = new InMemoryMetricPublisher(clock);

    // Act
    const early = publisher.publish([datum('ForecastDemand', 'bert', 1)]);
    clock.set(NOW_MS);
    const onTime = publisher.publish([datum('ForecastDemand', 'bert', 1)]);

    // Assess
    await expect(early).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await expect(onTime).resolves.toBeUndefined();
  });

  it('fails the told calls without keeping their data, then forgets everything on reset', async () => {
    // Prepare
    const publisher = new InMemoryMetricPublisher(new ManualClock(NOW_MS));
    publisher.failNext('unavailable');

    // Act
    const failed = publisher.publish([datum('ForecastDemand', 'bert', 1)]);
    await failed.catch(() => undefined);
    await publisher.publish([datum('ForecastDemand', 'bert', 2)]);
    const beforeReset = publisher.published().map((d) => d.value);
    publisher.failNext('throttling');
    publisher.reset();
    await publisher.publish([datum('ForecastDemand', 'bert', 3)]);

    // Assess
    await expect(failed).rejects.toMatchObject({ code: 'ServiceUnavailable', retryable: true });
    expect([beforeReset, publisher.published().map((d) => d.value)]).toEqual([[2], [3]]);
  });
});
