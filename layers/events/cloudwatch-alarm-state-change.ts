/** Parser for `aws.cloudwatch` "CloudWatch Alarm State Change": our fleets' GPU alarms become GpuAlarmSignals. */
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { z } from 'zod';
import { parseAlarmName } from '../core/gpu-alarm/alarm-name';
import type { AlarmStateValue, GpuAlarmSignal } from '../core/gpu-alarm/gpu-alarm-signal';
import { readReasonData } from './alarm-reason-data';
import { CloudWatchTimestampSchema } from './cloudwatch-timestamp';
import { EventParseError } from './errors';
import { describeIssues, preview } from './issue-message';

const DETAIL_TYPE = 'CloudWatch Alarm State Change';

// Keyed by the core type, so a state added in core and not here fails type-checking.
const STATE_VALUES = { OK: 'OK', ALARM: 'ALARM', INSUFFICIENT_DATA: 'INSUFFICIENT_DATA' } satisfies {
  [S in AlarmStateValue]: S;
};

/** `state` / `previousState`: reasonData is absent for the initial state and is JSON text when present. */
export const AlarmStateSchema = z.object({
  value: z.enum(STATE_VALUES),
  reason: z.string(),
  reasonData: z.string().optional(),
  timestamp: CloudWatchTimestampSchema,
  actionsSuppressedBy: z.string().optional(),
  actionsSuppressedReason: z.string().optional(),
});

/** A metric the alarm retrieves (`metricStat`): every single-metric alarm, and the inputs of a metric-math one. */
export const MetricStatQuerySchema = z.object({
  id: z.string().min(1),
  metricStat: z.object({
    metric: z.object({
      namespace: z.string().min(1),
      name: z.string().min(1),
      dimensions: z.record(z.string(), z.string()).optional(),
    }),
    period: z.number().int().positive(),
    stat: z.string().min(1),
    unit: z.string().optional(),
  }),
  label: z.string().optional(),
  returnData: z.boolean(),
});

/** A metric-math expression, or a Metrics Insights query (`SELECT ...`), which carries its own `period`. */
export const ExpressionQuerySchema = z.object({
  id: z.string().min(1),
  expression: z.string().min(1),
  label: z.string().optional(),
  returnData: z.boolean(),
  period: z.number().int().positive().optional(),
});

/**
 * EventBridge envelope (Powertools' `EventBridgeSchema`) with a metric alarm's state change: single-metric,
 * metric-math and Metrics Insights alarms alike list what they evaluate in `configuration.metrics`. Composite alarms
 * (`configuration.alarmRule`) have no metrics and are acknowledged before this schema runs. Optional extras of the
 * current documentation (`muteDetail`, `alarmTags`) are allowed and not read.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 * @example test/fixtures/events/cloudwatch-alarm-metric-math.json (the documentation's metric-math sample)
 */
export const CloudWatchAlarmStateChangeEventSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.cloudwatch'),
  'detail-type': z.literal(DETAIL_TYPE),
  detail: z.object({
    alarmName: z.string().min(1).max(255),
    state: AlarmStateSchema,
    previousState: AlarmStateSchema,
    configuration: z.object({
      description: z.string().optional(),
      metrics: z.array(z.union([MetricStatQuerySchema, ExpressionQuerySchema])).min(1),
    }),
  }),
});

export type CloudWatchAlarmStateChangeEvent = z.infer<typeof CloudWatchAlarmStateChangeEventSchema>;

/** What `parseGpuAlarmEvent` returns: one of our alarms' signal, an acknowledged other event, or the reason it failed. */
export type GpuAlarmParseResult =
  | { ok: true; signal: GpuAlarmSignal }
  | { ok: true; ignored: string }
  | { ok: false; error: EventParseError };

// Enough of the event to decide whether it is ours before the whole of it is validated.
const AlarmRoutingSchema = EventBridgeSchema.extend({
  version: z.literal('0'),
  source: z.literal('aws.cloudwatch'),
  'detail-type': z.literal(DETAIL_TYPE),
  detail: z.object({ alarmName: z.string().min(1), configuration: z.unknown().optional() }),
});

const reject = (raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): GpuAlarmParseResult => {
  const id = typeof raw.id === 'string' ? raw.id.slice(0, 128) : undefined;
  const detailType = typeof raw['detail-type'] === 'string' ? raw['detail-type'].slice(0, 128) : undefined;
  const { fields, text } = describeIssues(issues);
  const message = `${detailType ?? 'EventBridge'} event ${id ?? '(no id)'}: ${text}`;
  return { ok: false, error: new EventParseError(message, { eventId: id, detailType, fields }) };
};

const describeThrown = (cause: unknown): string => {
  try {
    return cause instanceof Error ? `${cause.name}: ${cause.message}` : `a thrown ${typeof cause}`;
  } catch {
    return 'an unreadable throw';
  }
};

const isComposite = (configuration: unknown): boolean =>
  typeof configuration === 'object' && configuration !== null && 'alarmRule' in configuration;

// The alarm's own ARN among `resources` (`arn:aws:cloudwatch:us-east-1:123456789012:alarm:<name>`).
const alarmArnOf = (resources: readonly string[], alarmName: string): string | undefined =>
  resources.find((arn) => /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:/.test(arn) && arn.endsWith(`:alarm:${alarmName}`));

const toSignal = (event: CloudWatchAlarmStateChangeEvent, alarmArn: string, fleetName: string, kind: GpuAlarmSignal['kind']): GpuAlarmSignal => {
  const { alarmName, state, previousState } = event.detail;
  return {
    eventId: event.id,
    emittedAtMs: Date.parse(event.time),
    alarmName,
    alarmArn,
    fleetName,
    kind,
    state: state.value,
    previousState: previousState.value,
    stateChangedAtMs: state.timestamp,
    reason: state.reason,
    ...readReasonData(state.reasonData),
  };
};

const parseRoutable = (raw: Record<string, unknown>, prefix: string): GpuAlarmParseResult => {
  if (raw.source !== 'aws.cloudwatch' || raw['detail-type'] !== DETAIL_TYPE) {
    // Anything else must still be an EventBridge event: a hand-made invoke is rejected naming its fields.
    const envelope = EventBridgeSchema.safeParse(raw, { reportInput: true });
    if (!envelope.success) return reject(raw, envelope.error.issues);
    const { source, 'detail-type': detailType } = envelope.data;
    return { ok: true, ignored: `not a CloudWatch alarm state change: source ${preview(source)} detail-type ${preview(detailType)}` };
  }
  const routing = AlarmRoutingSchema.safeParse(raw, { reportInput: true });
  if (!routing.success) return reject(raw, routing.error.issues);
  const { alarmName, configuration } = routing.data.detail;
  if (isComposite(configuration)) return { ok: true, ignored: `composite alarm ${preview(alarmName)}: not one of the GPU alarms` };
  const parts = parseAlarmName(alarmName);
  if (parts === undefined || parts.prefix !== prefix) {
    return { ok: true, ignored: `alarm ${preview(alarmName)} is not one of ${prefix}'s GPU alarms (${prefix}.<fleet>.<kind>)` };
  }
  const parsed = CloudWatchAlarmStateChangeEventSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return reject(raw, parsed.error.issues);
  const alarmArn = alarmArnOf(parsed.data.resources, alarmName);
  if (alarmArn === undefined) {
    return reject(raw, [{ code: 'custom', path: ['resources'], message: `expected the ARN of alarm ${preview(alarmName)}`, input: raw.resources }]);
  }
  return { ok: true, signal: toSignal(parsed.data, alarmArn, parts.fleetName, parts.kind) };
};

/**
 * Parse what invoked the gpu-alarm function. A state change of one of this stack's GPU alarms (named by `prefix`,
 * the stack's `${service}-${stage}`) becomes a signal, with the last datapoint and the threshold when `reasonData`
 * carries them; other alarms, composite alarms and other EventBridge events are acknowledged as `ignored` with the
 * reason; anything that fails its schema is an EventParseError naming the fields. Never throws, whatever the input.
 *
 * @example
 * ```ts
 * const result = parseGpuAlarmEvent(event, 'gpu-fleet-autopilot-dev');
 * if (!result.ok) throw result.error; // not retryable: the on-failure destination keeps it
 * if ('ignored' in result) return;
 * result.signal.kind; // 'gpu-low'
 * ```
 */
export const parseGpuAlarmEvent = (raw: unknown, prefix: string): GpuAlarmParseResult => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: new EventParseError(`gpu alarm: expected an EventBridge event, received ${preview(raw)}`, { fields: ['(event)'] }) };
  }
  try {
    return parseRoutable(raw as Record<string, unknown>, prefix);
  } catch (cause) {
    return { ok: false, error: new EventParseError(`gpu alarm event could not be read: ${describeThrown(cause)}`, { cause, fields: ['(event)'] }) };
  }
};
