/** A CloudWatch metric alarm as PutMetricAlarm defines it: the fields the simulator evaluates and reports. */
import { AlarmInputError } from './alarm-input-error';

export type AlarmStatistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';
/** PutMetricAlarm `TreatMissingData`; CloudWatch's default is `missing`. */
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';
export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** The metric the alarm watches (`MetricStat.Metric` in the alarm's configuration). */
export interface AlarmMetric {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

/** For a metric-math alarm: the expression whose result is compared (the metric becomes its input `m1`). */
export interface AlarmExpression {
  id: string;
  expression: string;
  label?: string;
}

/**
 * One metric alarm. M of N: the alarm goes to ALARM when at least `datapointsToAlarm` (M) of the last
 * `evaluationPeriods` (N) datapoints breach; they need not be consecutive.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarm-evaluation
 *
 * @example
 * ```ts
 * const high: AlarmDefinition = {
 *   name: 'gpu-high', metric: { namespace: 'CWAgent', name: 'nvidia_smi_utilization_gpu', dimensions: {} },
 *   statistic: 'Average', periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 3,
 *   threshold: 60, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'missing',
 * };
 * ```
 */
export interface AlarmDefinition {
  name: string;
  description?: string;
  metric: AlarmMetric;
  /**
   * The query id of an alarm defined with a `Metrics` array of one MetricStat (infra/gpu-alarms.cjs: `utilization`);
   * absent for an alarm defined by MetricName, whose event lists a generated id.
   */
  metricId?: string;
  expression?: AlarmExpression;
  statistic: AlarmStatistic;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
  /**
   * How many recent periods CloudWatch retrieves to evaluate (the "evaluation range"). AWS says only that it is
   * more than N and depends on the period; its documented example retrieves 5 for N = 3, so the default is N + 2.
   */
  evaluationRangePeriods?: number;
}

/** The evaluation range in periods: the definition's, or N + 2 (the documented example's 5 for N = 3). */
export const evaluationRangeOf = (definition: AlarmDefinition): number =>
  definition.evaluationRangePeriods ?? definition.evaluationPeriods + 2;

/** Whether one datapoint breaches the alarm's threshold. */
export const isBreaching = (operator: ComparisonOperator, value: number, threshold: number): boolean => {
  switch (operator) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
};

/** The comparison as CloudWatch words it in a state reason ("was greater than the threshold"). */
export const comparisonWords = (operator: ComparisonOperator): string => {
  switch (operator) {
    case 'GreaterThanThreshold':
      return 'greater than';
    case 'GreaterThanOrEqualToThreshold':
      return 'greater than or equal to';
    case 'LessThanThreshold':
      return 'less than';
    case 'LessThanOrEqualToThreshold':
      return 'less than or equal to';
  }
};

const HIGH_RESOLUTION_PERIODS = new Set([10, 20, 30]);

/**
 * Checks a definition against PutMetricAlarm's rules: period 10, 20, 30 or a multiple of 60; 1 <= M <= N;
 * period x N at most one day (periods under an hour) or seven days.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 */
export const validateAlarmDefinition = (definition: AlarmDefinition): AlarmDefinition => {
  const { name, periodSeconds: period, evaluationPeriods: n, datapointsToAlarm: m } = definition;
  const fail = (detail: string): never => {
    throw new AlarmInputError(`${name}: ${detail}`);
  };
  if (name.length === 0) fail('the alarm needs a name');
  if (!HIGH_RESOLUTION_PERIODS.has(period) && !(Number.isInteger(period) && period > 0 && period % 60 === 0)) {
    fail(`periodSeconds ${period} must be 10, 20, 30 or a multiple of 60`);
  }
  if (!Number.isInteger(n) || n < 1) fail(`evaluationPeriods ${n} must be a whole number >= 1`);
  if (!Number.isInteger(m) || m < 1 || m > n) fail(`datapointsToAlarm ${m} must be a whole number in 1..evaluationPeriods (${n})`);
  const maxWindowSeconds = period < 3600 ? 86_400 : 604_800;
  if (period * n > maxWindowSeconds) fail(`periodSeconds x evaluationPeriods = ${period * n} exceeds ${maxWindowSeconds}`);
  if (!Number.isFinite(definition.threshold)) fail('threshold must be a finite number');
  const range = evaluationRangeOf(definition);
  if (!Number.isInteger(range) || range < n) fail(`evaluationRangePeriods ${range} must be a whole number >= evaluationPeriods (${n})`);
  return definition;
};
