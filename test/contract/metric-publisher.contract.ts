/** Contract of MetricPublisherPort: every datum published and readable by metric, refused as CloudWatch refuses, on twin and adapter. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MetricDatum, MetricPublisherPort, MetricUnit } from '../../layers/ports/metric-publisher-port';

/** A published datum read back as the dashboard would: per metric, its time, value and unit. */
export interface ReadBack {
  timestampMs: number;
  value: number;
  unit: MetricUnit | string | undefined;
}

export interface MetricPublisherContractSubject {
  port: MetricPublisherPort;
  /** A port over the same kind of service that cannot answer (throttled). */
  unavailablePort: MetricPublisherPort;
  /** The data of one metric (name and exactly these dimensions), oldest first. */
  readBack(name: string, dimensions: Record<string, string>): ReadBack[];
}

/** The subject's clock reads this instant. */
export const PUBLISHER_NOW_MS = Date.UTC(2026, 2, 2, 7, 15);
const HOUR = 3_600_000;
const FLEET = { Fleet: 'bert-large' };
const datum = (overrides: Partial<MetricDatum> = {}): MetricDatum => ({
  name: 'ForecastDemand',
  dimensions: FLEET,
  timestampMs: PUBLISHER_NOW_MS,
  value: 1_840,
  unit: 'Count',
  ...overrides,
});

export const describeMetricPublisherContract = (implementation: string, makeSubject: () => MetricPublisherContractSubject): void => {
  describe(`MetricPublisherPort contract: ${implementation}`, () => {
    let subject: MetricPublisherContractSubject;

    beforeEach(() => {
      subject = makeSubject();
    });

    it('publishes the forecast, its bound and the planned capacity, each readable as its own metric', async () => {
      // Act
      await subject.port.publish([
        datum({ timestampMs: PUBLISHER_NOW_MS + 5 * 60_000, value: 1_900 }),
        datum(),
        datum({ name: 'ForecastUpper', value: 2_150 }),
        datum({ name: 'PlannedCapacity', value: 26, unit: 'None' }),
      ]);

      // Assess
      expect(subject.readBack('ForecastDemand', FLEET)).toEqual([
        { timestampMs: PUBLISHER_NOW_MS, value: 1_840, unit: 'Count' },
        { timestampMs: PUBLISHER_NOW_MS + 300_000, value: 1_900, unit: 'Count' },
      ]);
      expect(subject.readBack('PlannedCapacity', FLEET)).toEqual([{ timestampMs: PUBLISHER_NOW_MS, value: 26, unit: 'None' }]);
    });

    it('keeps metrics of other dimensions apart', async () => {
      // Act
      await subject.port.publish([datum(), datum({ dimensions: { Fleet: 'reranker' }, value: 3 }), datum({ dimensions: { ...FLEET, Bound: 'upper' }, value: 7 })]);

      // Assess
      expect(subject.readBack('ForecastDemand', FLEET).map((d) => d.value)).toEqual([1_840]);
      expect(subject.readBack('ForecastDemand', { Bound: 'upper', Fleet: 'bert-large' }).map((d) => d.value)).toEqual([7]);
    });

    it('publishes every datum of a long list', async () => {
      // Prepare
      const data = Array.from({ length: 2_500 }, (_, i) => datum({ timestampMs: PUBLISHER_NOW_MS - i * 60_000, value: i }));

      // Act
      await subject.port.publish(data);

      // Assess
      expect(subject.readBack('ForecastDemand', FLEET)).toHaveLength(2_500);
    });

    it('accepts timestamps from 14 days before now to 2 hours after, and an empty list', async () => {
      // Act
      await subject.port.publish([datum({ timestampMs: PUBLISHER_NOW_MS - 14 * 24 * HOUR }), datum({ timestampMs: PUBLISHER_NOW_MS + 2 * HOUR })]);
      await subject.port.publish([]);

      // Assess
      expect(subject.readBack('ForecastDemand', FLEET)).toHaveLength(2);
    });

    it.each([
      ['a NaN value', datum({ value: Number.NaN })],
      ['an infinite value', datum({ value: Number.POSITIVE_INFINITY })],
      ['a timestamp more than 2 hours ahead', datum({ timestampMs: PUBLISHER_NOW_MS + 2 * HOUR + 1 })],
      ['a timestamp more than 14 days old', datum({ timestampMs: PUBLISHER_NOW_MS - 14 * 24 * HOUR - 1 })],
      ['31 dimensions', datum({ dimensions: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`D${i}`, 'x'])) })],
    ])('refuses %s with a MetricPublishError a retry will not fix, and publishes none of the list', async (_, bad) => {
      // Act
      const publishing = subject.port.publish([datum(), bad]);

      // Assess
      await expect(publishing).rejects.toMatchObject({ name: 'MetricPublishError', code: 'InvalidParameterValue', retryable: false });
      expect(subject.readBack('ForecastDemand', FLEET)).toEqual([]);
    });

    it('rejects with a retryable MetricPublishError when the service cannot answer', async () => {
      // Act
      const publishing = subject.unavailablePort.publish([datum()]);

      // Assess
      await expect(publishing).rejects.toMatchObject({ name: 'MetricPublishError', retryable: true });
      await expect(publishing).rejects.toThrow(/^publishing 1 metrics to GpuFleetAutopilot/);
    });
  });
};
