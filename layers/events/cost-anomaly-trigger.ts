/** The cost-anomaly function's edge: a Cost Anomaly Detection alert (EventBridge or SNS) or the spend-rate check's schedule. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import type { CostAnomalyTrigger } from '../core/cost/cost-anomaly-trigger';
import { parseCostAnomalyAlert } from './cost-anomaly-alert';
import { NotACostAnomalyError } from './cost-anomaly-sns';
import { EventParseError } from './errors';
import { ScheduledEventSchema } from './forecast-trigger';
import { preview } from './issue-message';
import { schemaRejection } from './schema-rejection';

export type { CostAnomalyTrigger } from '../core/cost/cost-anomaly-trigger';

export type CostAnomalyTriggerResult = { ok: true; trigger: CostAnomalyTrigger } | { ok: false; error: EventParseError };

const idOf = (raw: Record<string, unknown>): string | undefined => {
  if (typeof raw.id === 'string') return raw.id;
  const records = raw.Records;
  const first = Array.isArray(records) ? (records[0] as { Sns?: { MessageId?: unknown } } | undefined) : undefined;
  return typeof first?.Sns?.MessageId === 'string' ? first.Sns.MessageId : undefined;
};

/**
 * Parse what invoked the cost-anomaly function at `receivedAtMs`. An SNS message that is not an anomaly alert (a test
 * publish) and other EventBridge events are acknowledged as `ignored` with the reason; an alert or schedule event that
 * fails its schema, or anything else, is an EventParseError naming the fields. Never throws.
 *
 * @example
 * const parsed = parseCostAnomalyTrigger(event, clock.nowMs());
 * if (!parsed.ok) throw parsed.error; // not retryable: the on-failure destination keeps it
 */
export const parseCostAnomalyTrigger = (raw: unknown, receivedAtMs: number): CostAnomalyTriggerResult => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: new EventParseError(`cost-anomaly trigger: expected an EventBridge or SNS event, received ${preview(raw)}`, { fields: ['(event)'] }) };
  }
  const event = raw as Record<string, unknown>;
  try {
    const alert = parseCostAnomalyAlert(raw, receivedAtMs);
    if (alert !== undefined) {
      if (alert.ok) return { ok: true, trigger: { kind: 'anomalies', eventId: idOf(event) ?? alert.anomalies[0]?.anomalyId ?? 'unknown', anomalies: alert.anomalies } };
      if (alert.error instanceof NotACostAnomalyError) return { ok: true, trigger: { kind: 'ignored', eventId: alert.error.messageId, reason: alert.error.message } };
      return alert;
    }
    if (event.source === 'aws.events' && event['detail-type'] === 'Scheduled Event') {
      const parsed = ScheduledEventSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) return { ok: false, error: schemaRejection(event, parsed.error.issues) };
      return { ok: true, trigger: { kind: 'spend-check', eventId: parsed.data.id, emittedAtMs: Date.parse(parsed.data.time) } };
    }
    const envelope = EventBridgeSchema.safeParse(raw, { reportInput: true });
    if (!envelope.success) return { ok: false, error: schemaRejection(event, envelope.error.issues) };
    const { id, source, 'detail-type': detailType } = envelope.data;
    return { ok: true, trigger: { kind: 'ignored', eventId: id, reason: `no cost-anomaly trigger for source ${preview(source)} detail-type ${preview(detailType)}` } };
  } catch (cause) {
    return { ok: false, error: new EventParseError('cost-anomaly trigger could not be read', { cause, fields: ['(event)'] }) };
  }
};
