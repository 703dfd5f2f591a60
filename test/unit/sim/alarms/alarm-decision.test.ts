import { describe, expect, it } from 'vitest';
import { decideAlarmState } from '../../../../sim/alarms/alarm-decision';
import type { AlarmDefinition, AlarmStateValue, TreatMissingData } from '../../../../sim/alarms/alarm-definition';

/** Datapoints oldest to newest as the CloudWatch docs write them: 0 not breaching, X breaching, - missing. */
const newestFirst = (row: string): number[] =>
  row
    .split(' ')
    .map((c) => (c === 'X' ? 90 : c === '0' ? 10 : Number.NaN))
    .reverse();

const alarm = (datapointsToAlarm: number, treatMissingData: TreatMissingData): AlarmDefinition => ({
  name: 'docs-example',
  metric: { namespace: 'Test', name: 'Load', dimensions: {} },
  statistic: 'Average',
  periodSeconds: 300,
  evaluationPeriods: 3,
  datapointsToAlarm,
  threshold: 50,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData,
  evaluationRangePeriods: 5,
});

type Expected = AlarmStateValue | 'retain';
type Row = [row: string, missing: Expected, ignore: Expected, breaching: Expected, notBreaching: Expected];

// "How alarm state is evaluated when data is missing", CloudWatch User Guide (AlarmThatSendsEmail.md @ 05fd32f):
// the two tables, row by row, columns MISSING | IGNORE | BREACHING | NOT BREACHING.
const THREE_OF_THREE: Row[] = [
  ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
  ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
  ['- - - - -', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
  ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['- - - - X', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
  ['X - - - -', 'ALARM', 'retain', 'ALARM', 'OK'],
];
const TWO_OF_THREE: Row[] = [
  ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - - X', 'INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK'],
];
const TREATMENTS: TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

const cases = (m: number, rows: Row[]) =>
  rows.flatMap(([row, ...expected]) => TREATMENTS.map((treat, i) => ({ m, row, treat, expected: expected[i] as Expected })));

describe('decideAlarmState', () => {
  it.each([...cases(3, THREE_OF_THREE), ...cases(2, TWO_OF_THREE)])(
    '$m of 3, datapoints $row, treat missing as $treat -> $expected',
    ({ m, row, treat, expected }) => {
      for (const current of ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const) {
        // Prepare
        const definition = alarm(m, treat);

        // Act
        const decision = decideAlarmState(definition, newestFirst(row), current);

        // Assess
        expect(decision.state).toBe(expected === 'retain' ? current : expected);
      }
    },
  );

  it('evaluates only the newest N real datapoints when the range holds more than N', () => {
    // Prepare: oldest to newest X X X 0 0, 3 of 3; the breaching ones are older than the newest three
    const definition = alarm(3, 'breaching');

    // Act
    const decision = decideAlarmState(definition, newestFirst('X X X 0 0'), 'ALARM');

    // Assess
    expect(decision).toEqual({ state: 'OK', kind: 'datapoints', evaluated: 3, breaching: 1, notBreaching: 2, filled: 0 });
  });

  it('fills in missing datapoints only as many times as needed to make up N', () => {
    // Prepare: one real non-breaching datapoint, missing treated as breaching
    const definition = alarm(2, 'breaching');

    // Act
    const decision = decideAlarmState(definition, newestFirst('- - - - 0'), 'OK');

    // Assess
    expect(decision).toEqual({ state: 'ALARM', kind: 'filled', evaluated: 1, breaching: 0, notBreaching: 1, filled: 2 });
  });

  it.each([
    ['GreaterThanOrEqualToThreshold', 50, 'ALARM'],
    ['GreaterThanThreshold', 50, 'OK'],
    ['LessThanOrEqualToThreshold', 50, 'ALARM'],
    ['LessThanThreshold', 50, 'OK'],
    ['LessThanThreshold', 49, 'ALARM'],
  ] as const)('compares with %s: a datapoint of %d against threshold 50 gives %s', (comparisonOperator, value, expected) => {
    // Prepare
    const definition: AlarmDefinition = { ...alarm(1, 'missing'), evaluationPeriods: 1, comparisonOperator };

    // Act
    const decision = decideAlarmState(definition, [value, Number.NaN, Number.NaN], 'INSUFFICIENT_DATA');

    // Assess
    expect(decision.state).toBe(expected);
  });
});
