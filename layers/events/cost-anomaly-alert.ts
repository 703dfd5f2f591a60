/** Routes an input to the Cost Anomaly Detection format it is in (EventBridge event or Lambda SNS event), if either. */
import type { CostAnomaly } from '../core/cost/cost-anomaly';
import { parseCostAnomalyDetected } from './cost-anomaly-detected';
import { parseCostAnomalySns } from './cost-anomaly-sns';
import { EventParseError } from './errors';

/** The anomalies an alert carries (one for EventBridge, one per SNS record), or why it was rejected. */
export type CostAnomalyAlertResult = { ok: true; anomalies: CostAnomaly[] } | { ok: false; error: EventParseError };

const fieldOf = (raw: unknown, key: string): unknown =>
  typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;

/** Whether the input claims to be the `aws.ce` "Anomaly Detected" event (its schema still decides if it is one). */
export const isCostAnomalyDetectedEvent = (raw: unknown): boolean =>
  fieldOf(raw, 'source') === 'aws.ce' && fieldOf(raw, 'detail-type') === 'Anomaly Detected';

/** Whether the input claims to be a Lambda SNS event (`Records[0].EventSource` is `aws:sns`). */
export const isSnsEvent = (raw: unknown): boolean => {
  const records = fieldOf(raw, 'Records');
  return Array.isArray(records) && fieldOf(records[0], 'EventSource') === 'aws:sns';
};

/**
 * Read a Cost Anomaly Detection alert in either format, or undefined when the input is in neither (a scheduled
 * event, say: the caller's other inputs). Never throws.
 *
 * @example
 * ```ts
 * const alert = parseCostAnomalyAlert(event, clock.nowMs());
 * if (alert === undefined) return handleScheduledRun(event);
 * if (!alert.ok) throw alert.error;
 * ```
 */
export const parseCostAnomalyAlert = (raw: unknown, receivedAtMs: number): CostAnomalyAlertResult | undefined => {
  try {
    if (isCostAnomalyDetectedEvent(raw)) {
      const result = parseCostAnomalyDetected(raw, receivedAtMs);
      return result.ok ? { ok: true, anomalies: [result.anomaly] } : result;
    }
    return isSnsEvent(raw) ? parseCostAnomalySns(raw, receivedAtMs) : undefined;
  } catch (cause) {
    // A throwing getter or proxy: unreadable input is rejected like malformed input, never thrown.
    return { ok: false, error: new EventParseError('cost anomaly input could not be read', { cause, fields: ['(event)'] }) };
  }
};
