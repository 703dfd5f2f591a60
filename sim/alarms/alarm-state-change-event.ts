/**
 * The EventBridge "CloudWatch Alarm State Change" event CloudWatch sends for an alarm transition, shaped as the
 * documented samples: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 * (fixture: test/fixtures/events/cloudwatch-alarm-state-change.json).
 */
import type { AlarmDefinition, AlarmStateValue } from './alarm-definition';
import type { AlarmStateRecord, AlarmTransition } from './alarm-evaluator';
import { cloudWatchTimestamp } from './alarm-reason';

export interface AlarmEventState {
  reason: string;
  reasonData?: string;
  timestamp: string;
  value: AlarmStateValue;
}

export interface AlarmEventMetricStat {
  id: string;
  metricStat: {
    metric: { dimensions: Record<string, string>; name: string; namespace: string };
    period: number;
    stat: string;
  };
  returnData: boolean;
}

export interface AlarmEventExpression {
  expression: string;
  id: string;
  label?: string;
  returnData: boolean;
}

export interface CloudWatchAlarmStateChangeEvent {
  version: '0';
  id: string;
  'detail-type': 'CloudWatch Alarm State Change';
  source: 'aws.cloudwatch';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    alarmName: string;
    configuration: { description?: string; metrics: (AlarmEventMetricStat | AlarmEventExpression)[] };
    previousState: AlarmEventState;
    state: AlarmEventState;
  };
}

export interface AlarmEventContext {
  account: string;
  region: string;
  /** The event id; by default a UUID-shaped id derived from the alarm, the time and the new state. */
  id?: string;
}

/** A UUID-shaped id that is the same for the same text, so a rerun of a seeded simulation emits the same events. */
const uuidFrom = (text: string): string => {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i += 1) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 2246822519) >>> 0;
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** Key order as in the documented sample: reason, reasonData (absent for the initial state), timestamp, value. */
const eventState = (record: AlarmStateRecord): AlarmEventState => ({
  reason: record.reason,
  ...(record.reasonData === undefined ? {} : { reasonData: record.reasonData }),
  timestamp: cloudWatchTimestamp(record.timestampMs),
  value: record.value,
});

const metricStat = (alarm: AlarmDefinition, id: string, returnData: boolean): AlarmEventMetricStat => ({
  id,
  metricStat: {
    metric: { dimensions: { ...alarm.metric.dimensions }, name: alarm.metric.name, namespace: alarm.metric.namespace },
    period: alarm.periodSeconds,
    stat: alarm.statistic,
  },
  returnData,
});

/** A single-metric alarm lists its metric; a metric-math alarm lists the expression, then its input `m1`. */
const configurationMetrics = (alarm: AlarmDefinition): (AlarmEventMetricStat | AlarmEventExpression)[] => {
  if (alarm.expression === undefined) return [metricStat(alarm, alarm.metricId ?? uuidFrom(`metric|${alarm.name}`), true)];
  const { expression, id, label } = alarm.expression;
  return [{ expression, id, ...(label === undefined ? {} : { label }), returnData: true }, metricStat(alarm, 'm1', false)];
};

/**
 * The event EventBridge delivers for `transition` of `alarm` in the given account and region.
 *
 * @example
 * ```ts
 * const event = alarmStateChangeEvent(high, alarm.transitions[0]!, { account: '123456789012', region: 'us-east-1' });
 * event.detail.state.value; // 'ALARM'
 * ```
 */
export const alarmStateChangeEvent = (
  alarm: AlarmDefinition,
  transition: AlarmTransition,
  context: AlarmEventContext,
): CloudWatchAlarmStateChangeEvent => ({
  version: '0',
  id: context.id ?? uuidFrom(`alarm|${alarm.name}|${transition.atMs}|${transition.current.value}`),
  'detail-type': 'CloudWatch Alarm State Change',
  source: 'aws.cloudwatch',
  account: context.account,
  time: new Date(Math.floor(transition.atMs / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  region: context.region,
  resources: [`arn:aws:cloudwatch:${context.region}:${context.account}:alarm:${alarm.name}`],
  detail: {
    alarmName: alarm.name,
    configuration: {
      ...(alarm.description === undefined ? {} : { description: alarm.description }),
      metrics: configurationMetrics(alarm),
    },
    previousState: eventState(transition.previous),
    state: eventState(transition.current),
  },
});
