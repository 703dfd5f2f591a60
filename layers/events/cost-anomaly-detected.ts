/** Parser for `aws.ce` "Anomaly Detected": AWS Cost Anomaly Detection's EventBridge event, read as a `CostAnomaly`. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { CostAnomaly } from '../core/cost/cost-anomaly';
import type { EventParseError } from './errors';
import { AnomalyBodySchema, costAnomalyOf, DimensionFieldsSchema } from './cost-anomaly-fields';
import { schemaRejection } from './schema-rejection';

const MONITOR_ARN = /^arn:aws[a-z-]*:ce::\d{12}:anomalymonitor\/.+/;

/**
 * EventBridge envelope with the anomaly detail. The event goes to the default bus of the Cost Anomaly Detection home
 * Region (us-east-1), best effort. Its `account` is the account the anomaly belongs to; `detail.accountId`, when
 * present, says the same. The monitor's ARN is in `resources` and, in the current sample, in `detail.monitorArn`.
 * Unlike the SNS alert, the dimension is `dimensionValue` and each root cause may carry `impact.contribution`.
 *
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/cad-eventbridge.html
 * @example test/fixtures/events/cost-anomaly-detected.json
 */
export const CostAnomalyDetectedEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.ce'),
  'detail-type': z.literal('Anomaly Detected'),
  account: z.string().regex(/^\d{12}$/),
  detail: AnomalyBodySchema.extend(DimensionFieldsSchema.shape).extend({
    accountId: z.string().regex(/^\d{12}$/).optional(),
    accountName: z.string().optional(),
    monitorName: z.string().optional(),
  }),
});

/** A validated "Anomaly Detected" event, as AWS sends it. */
export type CostAnomalyDetectedEvent = z.infer<typeof CostAnomalyDetectedEventSchema>;

/** The anomaly the event reports; `receivedAtMs` is the caller's clock (the event's `time` is when AWS sent it). */
export const toCostAnomaly = (event: CostAnomalyDetectedEvent, receivedAtMs: number): CostAnomaly => {
  const { detail } = event;
  return costAnomalyOf(detail, {
    via: 'eventbridge',
    accountId: event.account,
    monitorArn: detail.monitorArn ?? event.resources.find((arn) => MONITOR_ARN.test(arn)),
    dimensionValue: detail.dimensionValue ?? detail.dimensionalValue,
    receivedAtMs,
  });
};

/** A read anomaly, or why the event was rejected (never retryable: the same bytes fail the same way). */
export type CostAnomalyParseResult = { ok: true; anomaly: CostAnomaly } | { ok: false; error: EventParseError };

/**
 * Validate an "Anomaly Detected" event and read its anomaly. A failing event yields an `EventParseError` naming
 * each failing field (`detail.impact.totalImpact: expected number, received string`).
 *
 * @example
 * ```ts
 * const result = parseCostAnomalyDetected(event, clock.nowMs());
 * if (!result.ok) throw result.error; // to the DLQ
 * ```
 */
export const parseCostAnomalyDetected = (raw: unknown, receivedAtMs: number): CostAnomalyParseResult => {
  const parsed = CostAnomalyDetectedEventSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, anomaly: toCostAnomaly(parsed.data, receivedAtMs) };
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return { ok: false, error: schemaRejection(record, parsed.error.issues) };
};
