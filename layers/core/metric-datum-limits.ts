/** What CloudWatch PutMetricData accepts of one datum: checked before publishing, so the twin and the adapter refuse alike. */

/** Limits of PutMetricData (CloudWatch API reference, PutMetricData and MetricDatum / Dimension). */
export const PUT_METRIC_DATA_LIMITS = {
  /** Metrics per call (MetricData and EntityMetricData together). */
  maxDataPerCall: 1_000,
  /** Request size of an HTTP POST; kept under 1 MiB with room for the envelope and the size estimate. */
  maxPayloadBytes: 1_000_000,
  maxDimensions: 30,
  /** Timestamps from two weeks before now to two hours after. */
  maxAgeMs: 14 * 24 * 3_600_000,
  maxAheadMs: 2 * 3_600_000,
  /** Values outside ±2^360 are refused, as are NaN and the infinities. */
  maxMagnitude: 2 ** 360,
} as const;

/** The parts of a datum the limits apply to. */
export interface DatumToPublish {
  name: string;
  dimensions: Record<string, string>;
  timestampMs: number;
  value: number;
}

/**
 * Why CloudWatch would refuse the datum at `nowMs`, or undefined when it would accept it: a metric name of 1-255
 * characters, at most 30 dimensions with names of 1-255 and values of 1-1024 characters, a finite value within
 * ±2^360, and a timestamp from 14 days before `nowMs` to 2 hours after it.
 *
 * @example
 * metricDatumProblem({ name: 'ForecastUpper', dimensions: { Fleet: 'bert' }, timestampMs: now + 3 * 3_600_000, value: 9 }, now);
 * // 'timestamp 2026-03-01T15:00:00.000Z is more than 2 hours after now'
 */
export const metricDatumProblem = (datum: DatumToPublish, nowMs: number): string | undefined => {
  const { maxAgeMs, maxAheadMs, maxDimensions, maxMagnitude } = PUT_METRIC_DATA_LIMITS;
  if (datum.name.length < 1 || datum.name.length > 255) return `metric name of ${datum.name.length} characters (1-255)`;
  const dimensions = Object.entries(datum.dimensions);
  if (dimensions.length > maxDimensions) return `${dimensions.length} dimensions (at most ${maxDimensions})`;
  const badDimension = dimensions.find(([name, value]) => name.length < 1 || name.length > 255 || value.length < 1 || value.length > 1024);
  if (badDimension) return `dimension ${badDimension[0]}: names have 1-255 characters, values 1-1024`;
  if (!Number.isFinite(datum.value) || Math.abs(datum.value) > maxMagnitude) return `value ${datum.value} is not a finite number within ±2^360`;
  if (!Number.isFinite(datum.timestampMs)) return `timestamp ${datum.timestampMs} is not a time`;
  const at = new Date(datum.timestampMs).toISOString();
  if (datum.timestampMs < nowMs - maxAgeMs) return `timestamp ${at} is more than 14 days before now`;
  if (datum.timestampMs > nowMs + maxAheadMs) return `timestamp ${at} is more than 2 hours after now`;
  return undefined;
};
