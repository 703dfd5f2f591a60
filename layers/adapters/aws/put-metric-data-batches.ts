/** Splits CloudWatch MetricData into PutMetricData calls within the service's limits: 1,000 metrics and 1 MB a call. */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { PUT_METRIC_DATA_LIMITS } from '../../core/metric-datum-limits';

// The request body beside MetricData (Namespace, brackets, separators), over-estimated.
const ENVELOPE_BYTES = 1_024;

/**
 * Consecutive batches, in order, each with at most 1,000 data and an estimated body of at most the payload
 * limit. The estimate is the datum's JSON (CloudWatch's AWS JSON 1.0 protocol sends MetricData as JSON, timestamps
 * as epoch seconds, which are shorter than the ISO form measured here).
 *
 * @example
 * putMetricDataBatches(data).length; // 3 for 2,500 small data
 */
export const putMetricDataBatches = (data: readonly MetricDatum[]): MetricDatum[][] => {
  const { maxDataPerCall, maxPayloadBytes } = PUT_METRIC_DATA_LIMITS;
  const batches: MetricDatum[][] = [];
  let batch: MetricDatum[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const datum of data) {
    const size = Buffer.byteLength(JSON.stringify(datum), 'utf8') + 1;
    if (batch.length > 0 && (batch.length === maxDataPerCall || bytes + size > maxPayloadBytes)) {
      batches.push(batch);
      batch = [];
      bytes = ENVELOPE_BYTES;
    }
    batch.push(datum);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
};
