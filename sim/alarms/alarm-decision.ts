/**
 * One CloudWatch alarm evaluation: the state the last datapoints of the evaluation range call for, following
 * "How alarm state is evaluated when data is missing" in the CloudWatch User Guide:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
 * (awsdocs/amazon-cloudwatch-user-guide doc_source/AlarmThatSendsEmail.md @ 05fd32f63861ca6646c8aa5c94334fd6e0dfdbf5).
 */
import { isBreaching, type AlarmDefinition, type AlarmStateValue } from './alarm-definition';

/**
 * How the state was reached, which decides the wording of the state reason:
 * - `datapoints`: real datapoints only (N of them, or fewer with `missing` / `ignore`);
 * - `filled`: fewer than N real datapoints, missing ones filled as breaching or not breaching;
 * - `insufficient`: `missing` with nothing to decide on;
 * - `retained`: `ignore` with nothing to decide on, the current state is kept.
 */
export type AlarmDecisionKind = 'datapoints' | 'filled' | 'insufficient' | 'retained';

export interface AlarmDecision {
  state: AlarmStateValue;
  kind: AlarmDecisionKind;
  /** Real datapoints evaluated (at most N): the newest ones of the evaluation range. */
  evaluated: number;
  breaching: number;
  notBreaching: number;
  /** Missing datapoints filled in with the treatment to make up N (0 when `evaluated` >= N). */
  filled: number;
}

/**
 * Decides the alarm state from the evaluation range, newest first (`NaN` = missing datapoint).
 *
 * - At least N real datapoints in the range: the newest N decide, and the missing-data treatment is ignored.
 * - None: `missing` gives INSUFFICIENT_DATA, `ignore` keeps the state, `breaching` ALARM, `notBreaching` OK.
 * - Some, fewer than N: missing ones are filled in as few times as possible (N minus the real ones) with the
 *   treatment. With `missing` and `ignore` nothing is filled in: M breaching real ones give ALARM, any real
 *   non-breaching one gives OK, otherwise `ignore` keeps the state and `missing` gives ALARM only when the oldest
 *   evaluated datapoint is a real breaching one (the documentation's 3-of-3 row `X - - - -`), else
 *   INSUFFICIENT_DATA (row `- - - - X`).
 *
 * @example
 * ```ts
 * // 3 of 3, range 5, oldest to newest `0 X X - X`: the newest three real datapoints all breach.
 * decideAlarmState(def, [90, NaN, 90, 90, 10], 'OK').state; // 'ALARM'
 * ```
 */
export const decideAlarmState = (
  definition: AlarmDefinition,
  newestFirst: ArrayLike<number>,
  current: AlarmStateValue,
): AlarmDecision => {
  const n = definition.evaluationPeriods;
  const m = definition.datapointsToAlarm;
  let real = 0;
  let breaching = 0;
  let notBreaching = 0;
  let oldestRealAge = -1;
  let oldestRealBreaches = false;
  for (let age = 0; age < newestFirst.length && real < n; age += 1) {
    const value = newestFirst[age] as number;
    if (Number.isNaN(value)) continue;
    real += 1;
    const breaches = isBreaching(definition.comparisonOperator, value, definition.threshold);
    if (breaches) breaching += 1;
    else notBreaching += 1;
    oldestRealAge = age;
    oldestRealBreaches = breaches;
  }
  const decision = (state: AlarmStateValue, kind: AlarmDecisionKind, filled = 0): AlarmDecision => ({
    state,
    kind,
    evaluated: real,
    breaching,
    notBreaching,
    filled,
  });
  if (real >= n) return decision(breaching >= m ? 'ALARM' : 'OK', 'datapoints');
  const toFill = n - real;
  switch (definition.treatMissingData) {
    case 'breaching':
      return decision(breaching + toFill >= m ? 'ALARM' : 'OK', 'filled', toFill);
    case 'notBreaching':
      return decision(breaching >= m ? 'ALARM' : 'OK', 'filled', toFill);
    case 'ignore':
      if (breaching >= m) return decision('ALARM', 'datapoints');
      if (notBreaching > 0) return decision('OK', 'datapoints');
      return decision(current, 'retained');
    case 'missing':
      if (breaching >= m) return decision('ALARM', 'datapoints');
      if (notBreaching > 0) return decision('OK', 'datapoints');
      if (real > 0 && oldestRealBreaches && oldestRealAge > ageOfNewestMissing(newestFirst, toFill)) {
        return decision('ALARM', 'datapoints');
      }
      return decision('INSUFFICIENT_DATA', 'insufficient');
  }
};

/** Age of the `count`-th newest missing datapoint: the oldest of those that would be filled in. */
const ageOfNewestMissing = (newestFirst: ArrayLike<number>, count: number): number => {
  let seen = 0;
  for (let age = 0; age < newestFirst.length; age += 1) {
    if (Number.isNaN(newestFirst[age] as number)) {
      seen += 1;
      if (seen === count) return age;
    }
  }
  return newestFirst.length;
};
