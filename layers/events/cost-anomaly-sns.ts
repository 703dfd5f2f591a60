/** Parser for the Lambda SNS event carrying Cost Anomaly Detection's IMMEDIATE alert (its JSON in `Sns.Message`). */
import { SnsSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import { z } from 'zod';
import type { CostAnomaly } from '../core/cost/cost-anomaly';
import { AnomalyBodySchema, costAnomalyOf, DimensionFieldsSchema } from './cost-anomaly-fields';
import { EventParseError } from './errors';
import { describeIssues, preview } from './issue-message';

/**
 * The alert inside `Sns.Message`. Unlike the EventBridge event it names the dimension `dimensionalValue`, carries
 * the account as `accountId` (no envelope account), the monitor as `monitorArn`, and root causes without impact.
 *
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/ad-SNS.html
 * @example test/fixtures/events/cost-anomaly-sns.json (its `Records[0].Sns.Message`)
 */
export const CostAnomalyAlertSchema = AnomalyBodySchema.extend(DimensionFieldsSchema.shape).extend({
  accountId: z.string().regex(/^\d{12}$/),
  subscriptionId: z.string().optional(),
  subscriptionName: z.string().optional(),
});

export type CostAnomalyAlert = z.infer<typeof CostAnomalyAlertSchema>;

/** Why an SNS message is not an anomaly alert: not JSON at all, or JSON of something else. */
export type NotACostAnomalyReason = 'not-json' | 'not-an-anomaly';

/**
 * A well-formed SNS notification whose message is not a Cost Anomaly Detection alert: a test publish, a message
 * another publisher sent to the topic. Never retryable. A handler may acknowledge it with a log line rather than
 * fail the invocation; it is a subclass of `EventParseError`, so code that treats every parse error alike still works.
 */
export class NotACostAnomalyError extends EventParseError {
  // `name` stays EventParseError's, so logs and DLQ tooling keyed on it treat this alike; `reason` tells them apart.
  readonly reason: NotACostAnomalyReason;
  readonly messageId: string;

  constructor(message: string, options: { reason: NotACostAnomalyReason; messageId: string; field: string; cause?: unknown }) {
    super(message, { cause: options.cause, eventId: options.messageId, detailType: 'SNS Notification', fields: [options.field] });
    this.reason = options.reason;
    this.messageId = options.messageId;
  }
}

/** The anomalies of an SNS event (Lambda delivers one record per invocation), or why it was rejected. */
export type CostAnomalySnsResult = { ok: true; anomalies: CostAnomaly[] } | { ok: false; error: EventParseError };

type SnsRecord = z.infer<typeof SnsSchema>['Records'][number];

const prefixed = (prefix: readonly PropertyKey[], issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] =>
  issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] }));

const rejection = (messageId: string, issues: readonly z.core.$ZodIssue[]): EventParseError => {
  const { fields, text } = describeIssues(issues);
  return new EventParseError(`SNS notification ${messageId}: ${text}`, { eventId: messageId, detailType: 'SNS Notification', fields });
};

const jsonOf = (text: string): { ok: true; value: unknown } | { ok: false; cause: unknown } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { ok: false, cause };
  }
};

const readRecord = (record: SnsRecord, index: number, receivedAtMs: number): CostAnomaly | EventParseError => {
  const { MessageId: messageId, Message: text, Subject: subject } = record.Sns;
  const field = `Records[${index}].Sns.Message`;
  const about = `SNS notification ${messageId}${subject ? ` (subject ${preview(subject)})` : ''}`;
  const json = jsonOf(text);
  if (!json.ok) {
    const message = `${about} is not a Cost Anomaly Detection alert: ${field} is not JSON, starts ${preview(text.slice(0, 60))}`;
    return new NotACostAnomalyError(message, { reason: 'not-json', messageId, field, cause: json.cause });
  }
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('anomalyId' in value)) {
    const message = `${about} is not a Cost Anomaly Detection alert: ${field} has no anomalyId`;
    return new NotACostAnomalyError(message, { reason: 'not-an-anomaly', messageId, field });
  }
  const alert = CostAnomalyAlertSchema.safeParse(value, { reportInput: true });
  if (!alert.success) return rejection(messageId, prefixed(['Records', index, 'Sns', 'Message'], alert.error.issues));
  return costAnomalyOf(alert.data, {
    via: 'sns',
    accountId: alert.data.accountId,
    monitorArn: alert.data.monitorArn,
    dimensionValue: alert.data.dimensionalValue ?? alert.data.dimensionValue,
    receivedAtMs,
  });
};

/**
 * Validate a Lambda SNS event and read the anomaly alert in each record. The envelope is Powertools' `SnsSchema`
 * (Lambda subscriptions receive only `Notification`s: SNS confirms them itself). A message that is not an alert
 * yields a `NotACostAnomalyError`; an alert with a bad field an `EventParseError` naming it
 * (`Records[0].Sns.Message.impact.totalImpact`).
 *
 * @example
 * ```ts
 * const result = parseCostAnomalySns(event, clock.nowMs());
 * if (!result.ok && result.error instanceof NotACostAnomalyError) return; // a test message: log and acknowledge
 * ```
 */
export const parseCostAnomalySns = (raw: unknown, receivedAtMs: number): CostAnomalySnsResult => {
  const envelope = SnsSchema.safeParse(raw, { reportInput: true });
  if (!envelope.success) return { ok: false, error: rejection('(unread)', envelope.error.issues) };
  const anomalies: CostAnomaly[] = [];
  for (const [index, record] of envelope.data.Records.entries()) {
    const read = readRecord(record, index, receivedAtMs);
    if (read instanceof EventParseError) return { ok: false, error: read };
    anomalies.push(read);
  }
  return { ok: true, anomalies };
};
