/**
 * CloudWatch's wording of an alarm state: `stateReason` and the `stateReasonData` JSON, as the samples of
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html show them
 * (Java-style numbers such as `50.0`, datapoints newest first with `dd/MM/yy HH:mm:ss` UTC period starts).
 */
import type { AlarmDecision } from './alarm-decision';
import { comparisonWords, type AlarmDefinition } from './alarm-definition';

export interface AlarmReason {
  reason: string;
  reasonData: string;
}

/** Where the evaluated range sits in time. */
export interface EvaluationTime {
  /** When the evaluation ran (`queryDate`). */
  atMs: number;
  /** Start of the newest period of the range; older periods start one period apart before it. */
  newestPeriodStartMs: number;
}

/** A double as Java prints it (CloudWatch's stateReason does): `50.0`, `0.0666851903306472`, `1.0E7`. */
export const javaDouble = (value: number): string => {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(value);
  if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    const text = String(value === 0 ? 0 : value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
};

/** `2019-10-02T17:04:40.989+0000`: the timestamp format of alarm states and reason data. */
export const cloudWatchTimestamp = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

const two = (n: number): string => String(n).padStart(2, '0');

/** `02/10/19 16:59:00`: how a state reason dates a datapoint (the start of its period, UTC). */
export const reasonDate = (ms: number): string => {
  const d = new Date(ms);
  const date = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)}`;
  return `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
const wasWere = (n: number): string => (n === 1 ? 'was' : 'were');

/** Ages (0 = newest) of the datapoints the decision evaluated: its real ones, then the missing ones filled in. */
const evaluatedAges = (definition: AlarmDefinition, decision: AlarmDecision, newestFirst: ArrayLike<number>): number[] => {
  const wantMissing = decision.kind === 'datapoints' ? 0 : definition.evaluationPeriods - decision.evaluated;
  const ages: number[] = [];
  let real = 0;
  let missing = 0;
  for (let age = 0; age < newestFirst.length && (real < decision.evaluated || missing < wantMissing); age += 1) {
    const isMissing = Number.isNaN(newestFirst[age] as number);
    if (isMissing && missing < wantMissing) missing += 1;
    else if (!isMissing && real < decision.evaluated) real += 1;
    else continue;
    ages.push(age);
  }
  return ages;
};

const thresholdText = (definition: AlarmDefinition, decision: AlarmDecision, datapoints: string): string => {
  const words = comparisonWords(definition.comparisonOperator);
  const threshold = javaDouble(definition.threshold);
  const last = `out of the last ${decision.evaluated} datapoints [${datapoints}]`;
  if (decision.state === 'ALARM') {
    const minimum = count(definition.datapointsToAlarm, 'datapoint');
    return `Threshold Crossed: ${decision.breaching} ${last} ${wasWere(decision.breaching)} ${words} the threshold (${threshold}) (minimum ${minimum} for OK -> ALARM transition).`;
  }
  // Going back to OK takes enough non-breaching datapoints that fewer than M of the N can breach.
  const minimum = count(definition.evaluationPeriods - definition.datapointsToAlarm + 1, 'datapoint');
  return `Threshold Crossed: ${decision.notBreaching} ${last} ${wasWere(decision.notBreaching)} not ${words} the threshold (${threshold}) (minimum ${minimum} for ALARM -> OK transition).`;
};

const reasonText = (definition: AlarmDefinition, decision: AlarmDecision, datapoints: string): string => {
  const n = definition.evaluationPeriods;
  switch (decision.kind) {
    case 'insufficient':
    case 'retained': {
      const unknown = n - decision.evaluated;
      return `Insufficient Data: ${count(unknown, 'datapoint')} ${wasWere(unknown)} unknown.`;
    }
    case 'filled': {
      const treatedAs = definition.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching';
      const received = decision.evaluated === 0 ? 'no datapoints were' : `${count(decision.evaluated, 'datapoint')} ${wasWere(decision.evaluated)}`;
      return `Threshold Crossed: ${received} received for ${n} periods and ${count(decision.filled, 'missing datapoint')} ${wasWere(decision.filled)} treated as [${treatedAs}].`;
    }
    case 'datapoints':
      return thresholdText(definition, decision, datapoints);
  }
};

/**
 * The stateReason and stateReasonData of a decision reached at `time` over `newestFirst` (NaN = missing).
 *
 * @example
 * ```ts
 * alarmReason(def, decideAlarmState(def, [99.5], 'OK'), [99.5], time).reason;
 * // 'Threshold Crossed: 1 out of the last 1 datapoints [99.5 (02/10/19 16:59:00)] was greater than ...'
 * ```
 */
export const alarmReason = (
  definition: AlarmDefinition,
  decision: AlarmDecision,
  newestFirst: ArrayLike<number>,
  time: EvaluationTime,
): AlarmReason => {
  const periodMs = definition.periodSeconds * 1000;
  const ages = evaluatedAges(definition, decision, newestFirst);
  const startOf = (age: number): number => time.newestPeriodStartMs - age * periodMs;
  const valueAt = (age: number): number => newestFirst[age] as number;
  const realAges = ages.filter((age) => !Number.isNaN(valueAt(age)));
  const datapoints = realAges.map((age) => `${javaDouble(valueAt(age))} (${reasonDate(startOf(age))})`).join(', ');
  const oldestAge = ages.length > 0 ? Math.max(...ages) : definition.evaluationPeriods - 1;
  const evaluated = ages.map((age) =>
    Number.isNaN(valueAt(age))
      ? `{"timestamp":"${cloudWatchTimestamp(startOf(age))}"}`
      : `{"timestamp":"${cloudWatchTimestamp(startOf(age))}","value":${javaDouble(valueAt(age))}}`,
  );
  const recent = [...realAges].reverse().map((age) => javaDouble(valueAt(age)));
  // Metric-math alarms have no single statistic, and their reason data leaves it out (documented sample).
  const statistic = definition.expression === undefined ? `"statistic":"${definition.statistic}",` : '';
  const reasonData =
    `{"version":"1.0","queryDate":"${cloudWatchTimestamp(time.atMs)}","startDate":"${cloudWatchTimestamp(startOf(oldestAge))}",` +
    `${statistic}"period":${definition.periodSeconds},"recentDatapoints":[${recent.join(',')}],` +
    `"threshold":${javaDouble(definition.threshold)},"evaluatedDatapoints":[${evaluated.join(',')}]}`;
  return { reason: reasonText(definition, decision, datapoints), reasonData };
};
