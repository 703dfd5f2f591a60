/** The gpu-alarm function's edge: our GPU alarms' state changes and the function's own scheduled rechecks, validated. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import { GPU_ALARM_RECHECK_DETAIL_TYPE } from '../core/gpu-alarm-recheck-event';
import type { GpuAlarmTrigger } from '../core/gpu-alarm-trigger';
import { parseAlarmName } from '../core/gpu-alarm/alarm-name';
import { AUTOPILOT_EVENT_SOURCE } from '../core/scheduled-event';
import { parseGpuAlarmEvent } from './cloudwatch-alarm-state-change';
import { EventParseError } from './errors';
import { schemaRejection } from './schema-rejection';

export type { GpuAlarmTrigger } from '../core/gpu-alarm-trigger';

/**
 * A recheck the function scheduled for itself (EventBridge Scheduler, one-time): the alarm, the state it is for and
 * what CloudWatch last said of it. Built by `gpuAlarmRecheckEvent` (layers/core/gpu-alarm-recheck-event.ts).
 */
export const GpuAlarmRecheckEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal(AUTOPILOT_EVENT_SOURCE),
  'detail-type': z.literal(GPU_ALARM_RECHECK_DETAIL_TYPE),
  detail: z.object({
    fleetId: z.string().regex(/^fleet-[0-9a-f-]+$/),
    fleetName: z.string().min(1).max(255),
    kind: z.enum(['gpu-low', 'gpu-high', 'gpu-memory-high']),
    state: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']),
    alarmName: z.string().min(1).max(255),
    alarmArn: z.string().regex(/^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:/),
    reason: z.string().max(1023),
    value: z.number().finite().optional(),
    threshold: z.number().finite().optional(),
  }),
});

export type GpuAlarmTriggerResult = { ok: true; trigger: GpuAlarmTrigger } | { ok: false; error: EventParseError };

const isRecheck = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)['detail-type'] === GPU_ALARM_RECHECK_DETAIL_TYPE;

const parseRecheck = (raw: Record<string, unknown>, prefix: string): GpuAlarmTriggerResult => {
  const parsed = GpuAlarmRecheckEventSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, error: schemaRejection(raw, parsed.error.issues) };
  const { id, time, detail } = parsed.data;
  const parts = parseAlarmName(detail.alarmName);
  // Only this stack schedules rechecks for its own alarms: any other name is a hand-made or misrouted event.
  if (parts?.prefix !== prefix || parts.fleetName !== detail.fleetName || parts.kind !== detail.kind) {
    const message = `alarm ${detail.alarmName} is not ${prefix}'s ${detail.kind} alarm of fleet ${detail.fleetName}`;
    return { ok: false, error: schemaRejection(raw, [{ code: 'custom', path: ['detail', 'alarmName'], message, input: detail.alarmName }]) };
  }
  const { value, threshold, ...rest } = detail;
  const recheckDetail = { ...rest, ...(value === undefined ? {} : { value }), ...(threshold === undefined ? {} : { threshold }) };
  return { ok: true, trigger: { kind: 'recheck', eventId: id, emittedAtMs: Date.parse(time), detail: recheckDetail } };
};

/**
 * Parse what invoked the gpu-alarm function: a state change of one of this stack's GPU alarms (`parseGpuAlarmEvent`,
 * `prefix` = the stack's `${service}-${stage}`) becomes an `alarm` trigger, our own `GPU Alarm Recheck` a `recheck`;
 * other alarms and events are `ignored` with the reason; anything that fails its schema is an EventParseError naming
 * the fields. Never throws.
 *
 * @example
 * const parsed = parseGpuAlarmTrigger(event, 'gpu-fleet-autopilot-dev');
 * if (!parsed.ok) throw parsed.error; // not retryable: the on-failure destination keeps it
 */
export const parseGpuAlarmTrigger = (raw: unknown, prefix: string): GpuAlarmTriggerResult => {
  try {
    if (isRecheck(raw)) return parseRecheck(raw, prefix);
  } catch (cause) {
    return { ok: false, error: new EventParseError('gpu-alarm recheck could not be read', { cause, fields: ['(event)'] }) };
  }
  const parsed = parseGpuAlarmEvent(raw, prefix);
  if (!parsed.ok) return parsed;
  return { ok: true, trigger: 'signal' in parsed ? { kind: 'alarm', signal: parsed.signal } : { kind: 'ignored', reason: parsed.ignored } };
};
