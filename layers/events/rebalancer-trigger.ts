/** The rebalancer's edge: its schedule rule's "Scheduled Event" or our one-time "Replacement Step", validated. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import type { RebalanceTrigger } from '../core/rebalancer/rebalance-trigger';
import { REPLACEMENT_STEP_DETAIL_TYPE } from '../core/rebalancer/replacement-step-event';
import { AUTOPILOT_EVENT_SOURCE } from '../core/scheduled-event';
import { EventParseError } from './errors';
import { ScheduledEventSchema } from './forecast-trigger';
import { preview } from './issue-message';
import { schemaRejection } from './schema-rejection';

export type { RebalanceTrigger } from '../core/rebalancer/rebalance-trigger';

/** A look at one replacement the function scheduled for itself (EventBridge Scheduler, one-time). */
export const ReplacementStepEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal(AUTOPILOT_EVENT_SOURCE),
  'detail-type': z.literal(REPLACEMENT_STEP_DETAIL_TYPE),
  detail: z.object({
    fleetId: z.string().regex(/^fleet-[0-9a-f-]+$/),
    moveId: z.string().min(1).max(256),
    check: z.number().int().nonnegative(),
  }),
});

export type RebalanceTriggerResult = { ok: true; trigger: RebalanceTrigger } | { ok: false; error: EventParseError };

/**
 * Parse what invoked the rebalancer. Other EventBridge events are acknowledged as `ignored` (with the reason); a known
 * kind that fails its schema, or anything that is not an EventBridge event, is an EventParseError naming the fields.
 * Never throws.
 *
 * @example
 * const parsed = parseRebalanceTrigger(event);
 * if (!parsed.ok) throw parsed.error; // not retryable: the on-failure destination keeps it
 */
export const parseRebalanceTrigger = (raw: unknown): RebalanceTriggerResult => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: new EventParseError(`rebalancer trigger: expected an EventBridge event, received ${preview(raw)}`, { fields: ['(event)'] }) };
  }
  const event = raw as Record<string, unknown>;
  try {
    if (event.source === 'aws.events' && event['detail-type'] === 'Scheduled Event') {
      const parsed = ScheduledEventSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) return { ok: false, error: schemaRejection(event, parsed.error.issues) };
      return { ok: true, trigger: { kind: 'scheduled-run', eventId: parsed.data.id, emittedAtMs: Date.parse(parsed.data.time) } };
    }
    if (event.source === AUTOPILOT_EVENT_SOURCE && event['detail-type'] === REPLACEMENT_STEP_DETAIL_TYPE) {
      const parsed = ReplacementStepEventSchema.safeParse(raw, { reportInput: true });
      if (!parsed.success) return { ok: false, error: schemaRejection(event, parsed.error.issues) };
      const { id, time, detail } = parsed.data;
      return { ok: true, trigger: { kind: 'replacement-step', eventId: id, emittedAtMs: Date.parse(time), detail } };
    }
    const envelope = EventBridgeSchema.safeParse(raw, { reportInput: true });
    if (!envelope.success) return { ok: false, error: schemaRejection(event, envelope.error.issues) };
    const { id, source, 'detail-type': detailType } = envelope.data;
    return { ok: true, trigger: { kind: 'ignored', eventId: id, reason: `no rebalancer trigger for source ${preview(source)} detail-type ${preview(detailType)}` } };
  } catch (cause) {
    return { ok: false, error: new EventParseError('rebalancer trigger could not be read', { cause, fields: ['(event)'] }) };
  }
};
