/** The forecast scaler's edge: a schedule rule's "Scheduled Event" or our one-time "Forecast Step", validated. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { ForecastTrigger } from '../core/forecast/forecast-trigger';
import { EventParseError } from './errors';
import { describeIssues, preview } from './issue-message';

/**
 * What EventBridge delivers for a schedule rule (`rate(5 minutes)`): `detail` is an empty object and `resources`
 * names the rule.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html
 */
export const ScheduledEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.events'),
  'detail-type': z.literal('Scheduled Event'),
  detail: z.object({}),
});

/** A planned capacity step, posted on time by a one-time EventBridge Scheduler schedule. */
export const ForecastStepEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('gpu-fleet-autopilot'),
  'detail-type': z.literal('Forecast Step'),
  detail: z.object({
    fleetId: z.string().regex(/^fleet-[0-9a-f-]+$/),
    targetUnits: z.number().int().nonnegative(),
    // Within the range of a Date, so the time can be written in the ledger and Slack.
    effectiveAtMs: z.number().int().positive().max(8.64e15),
    runId: z.string().min(1).max(128),
  }),
});

export type { ForecastTrigger } from '../core/forecast/forecast-trigger';

export type ForecastTriggerResult = { ok: true; trigger: ForecastTrigger } | { ok: false; error: EventParseError };

const describeThrown = (cause: unknown): string => {
  try {
    return cause instanceof Error ? `${cause.name}: ${cause.message}` : `a thrown ${typeof cause}`;
  } catch {
    return 'an unreadable throw';
  }
};

const reject = (raw: Record<string, unknown>, issues: z.core.$ZodIssue[]): ForecastTriggerResult => {
  const id = typeof raw.id === 'string' ? raw.id.slice(0, 128) : undefined;
  const detailType = typeof raw['detail-type'] === 'string' ? raw['detail-type'].slice(0, 128) : undefined;
  const { fields, text } = describeIssues(issues);
  return { ok: false, error: new EventParseError(`${detailType ?? 'EventBridge'} event ${id ?? '(no id)'}: ${text}`, { eventId: id, detailType, fields }) };
};

/**
 * Parse what invoked the forecast scaler. Other EventBridge events are acknowledged as `ignored` (with the reason); a
 * known kind that fails its schema, or anything that is not an EventBridge event, is an EventParseError naming the
 * fields. Never throws, not even on a throwing getter or proxy.
 *
 * @example
 * const result = parseForecastTrigger(event);
 * if (!result.ok) throw result.error; // not retryable: the on-failure destination keeps it
 */
export const parseForecastTrigger = (raw: unknown): ForecastTriggerResult => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: new EventParseError(`forecast trigger: expected an EventBridge event, received ${preview(raw)}`, { fields: ['(event)'] }) };
  }
  const event = raw as Record<string, unknown>;
  try {
    if (event.source === 'aws.events' && event['detail-type'] === 'Scheduled Event') {
      const parsed = ScheduledEventSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) return reject(event, parsed.error.issues);
      const { id, time } = parsed.data;
      return { ok: true, trigger: { kind: 'scheduled-run', eventId: id, emittedAtMs: Date.parse(time) } };
    }
    if (event.source === 'gpu-fleet-autopilot' && event['detail-type'] === 'Forecast Step') {
      const parsed = ForecastStepEventSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) return reject(event, parsed.error.issues);
      const { id, time, detail } = parsed.data;
      return { ok: true, trigger: { kind: 'forecast-step', eventId: id, emittedAtMs: Date.parse(time), ...detail } };
    }
    // Anything else must still be an EventBridge event: an object that is not one (a hand-made test invoke) is
    // rejected naming its fields rather than acknowledged unseen.
    const envelope = EventBridgeSchema.safeParse(raw, { reportInput: true });
    if (!envelope.success) return reject(event, envelope.error.issues);
    const { id, source, 'detail-type': detailType } = envelope.data;
    return { ok: true, trigger: { kind: 'ignored', eventId: id, reason: `no forecast trigger for source ${preview(source)} detail-type ${preview(detailType)}` } };
  } catch (cause) {
    return { ok: false, error: new EventParseError(`forecast trigger could not be read: ${describeThrown(cause)}`, { cause, fields: ['(event)'] }) };
  }
};
