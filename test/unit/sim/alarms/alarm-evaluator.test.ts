import { describe, expect, it } from 'vitest';
import type { AlarmDefinition, AlarmStatistic, TreatMissingData } from '../../../../sim/alarms/alarm-definition';
import { AlarmEvaluator, type AlarmTransition } from '../../../../sim/alarms/alarm-evaluator';
import { AlarmInputError } from '../../../../sim/alarms/alarm-input-error';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;

const gpuHigh = (overrides: Partial<AlarmDefinition> = {}): AlarmDefinition => ({
  name: 'gpu-high',
  metric: { namespace: 'CWAgent', name: 'nvidia_smi_utilization_gpu', dimensions: { AutoScalingGroupName: 'bert' } },
  statistic: 'Average',
  periodSeconds: 60,
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  threshold: 60,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'missing',
  ...overrides,
});

/** Feeds one value per 10 s through each minute of `minutes` (NaN = no sample that minute) from `fromMs`. */
const feedMinutes = (alarm: AlarmEvaluator, fromMs: number, minutes: number[]): void => {
  minutes.forEach((value, i) => {
    for (let s = 0; s < 60; s += 10) if (!Number.isNaN(value)) alarm.add(fromMs + i * MINUTE + s * 1000, value);
  });
  alarm.advanceTo(fromMs + minutes.length * MINUTE);
};

const states = (transitions: AlarmTransition[]) => transitions.map((t) => [t.current.value, (t.atMs - T0) / MINUTE]);

describe('AlarmEvaluator', () => {
  it('starts in INSUFFICIENT_DATA as an alarm just created', () => {
    // Act
    const alarm = new AlarmEvaluator(gpuHigh(), { startMs: T0 });

    // Assess
    expect(alarm.stateRecord).toEqual({ value: 'INSUFFICIENT_DATA', reason: 'Unchecked: Initial alarm creation', timestampMs: T0 });
  });

  it.each<[AlarmStatistic, number]>([
    ['Average', 30],
    ['Sum', 90],
    ['Minimum', 10],
    ['Maximum', 60],
    ['SampleCount', 3],
  ])('aggregates the samples of a period with the %s statistic into one datapoint (%d)', (statistic, expected) => {
    // Prepare
    const alarm = new AlarmEvaluator(gpuHigh({ statistic }), { startMs: T0 });

    // Act
    [10, 20, 60].forEach((v, i) => alarm.add(T0 + i * 15_000, v));
    const evaluations = alarm.advanceTo(T0 + MINUTE);

    // Assess
    expect(evaluations).toBe(1);
    expect(alarm.latestDatapoint).toBe(expected);
  });

  it('goes to ALARM when 3 of 3 one-minute datapoints breach, at the end of the third minute and not before', () => {
    // Prepare
    const alarm = new AlarmEvaluator(gpuHigh(), { startMs: T0 });
    feedMinutes(alarm, T0, [40, 40, 40]);

    // Act
    feedMinutes(alarm, T0 + 3 * MINUTE, [90, 90]);
    const beforeThird = alarm.state;
    feedMinutes(alarm, T0 + 5 * MINUTE, [90]);

    // Assess
    expect(beforeThird).toBe('OK');
    expect(states(alarm.transitions)).toEqual([
      ['OK', 1],
      ['ALARM', 6],
    ]);
    expect(alarm.stateRecord.reason).toBe(
      'Threshold Crossed: 3 out of the last 3 datapoints [90.0 (05/01/26 12:05:00), 90.0 (05/01/26 12:04:00), 90.0 (05/01/26 12:03:00)] were greater than the threshold (60.0) (minimum 3 datapoints for OK -> ALARM transition).',
    );
  });

  it('stays OK when only 2 of the last 3 datapoints breach a 3-of-3 alarm', () => {
    // Prepare
    const alarm = new AlarmEvaluator(gpuHigh(), { startMs: T0 });

    // Act
    feedMinutes(alarm, T0, [40, 90, 90, 40, 90, 90, 40]);

    // Assess
    expect(states(alarm.transitions)).toEqual([['OK', 1]]);
  });

  it('goes to ALARM on 2 breaching of the last 3 for a 2-of-3 alarm, even when they are not consecutive', () => {
    // Prepare
    const alarm = new AlarmEvaluator(gpuHigh({ datapointsToAlarm: 2 }), { startMs: T0 });

    // Act
    feedMinutes(alarm, T0, [40, 90, 40, 90]);

    // Assess
    expect(states(alarm.transitions)).toEqual([
      ['OK', 1],
      ['ALARM', 4],
    ]);
  });

  it('recovers to OK as soon as one of the last 3 datapoints stops breaching a 3-of-3 alarm', () => {
    // Prepare
    const alarm = new AlarmEvaluator(gpuHigh(), { startMs: T0 });
    feedMinutes(alarm, T0, [90, 90, 90]);

    // Act
    feedMinutes(alarm, T0 + 3 * MINUTE, [50]);

    // Assess
    const last = alarm.transitions.at(-1);
    expect(last?.previous.value).toBe('ALARM');
    expect(last?.current).toMatchObject({ value: 'OK', timestampMs: T0 + 4 * MINUTE });
    expect(last?.current.reason).toBe(
      'Threshold Crossed: 1 out of the last 3 datapoints [50.0 (05/01/26 12:03:00), 90.0 (05/01/26 12:02:00), 90.0 (05/01/26 12:01:00)] was not greater than the threshold (60.0) (minimum 1 datapoint for ALARM -> OK transition).',
    );
  });

  it.each<[TreatMissingData, string[]]>([
    ['missing', ['OK@1', 'INSUFFICIENT_DATA@8']],
    ['ignore', ['OK@1']],
    ['breaching', ['OK@1', 'ALARM@8']],
    ['notBreaching', ['OK@1']],
  ])('when the metric stops after 3 OK minutes, treat missing as %s gives %j', (treatMissingData, expected) => {
    // Prepare: evaluation range 5, so the old datapoints are used until they leave the range
    const alarm = new AlarmEvaluator(gpuHigh({ treatMissingData }), { startMs: T0 });
    feedMinutes(alarm, T0, [40, 40, 40]);

    // Act
    alarm.advanceTo(T0 + 20 * MINUTE);

    // Assess
    expect(alarm.transitions.map((t) => `${t.current.value}@${(t.atMs - T0) / MINUTE}`)).toEqual(expected);
  });

  it('says why it has insufficient data, and why missing data made it alarm', () => {
    // Prepare
    const missing = new AlarmEvaluator(gpuHigh(), { startMs: T0 });
    const breaching = new AlarmEvaluator(gpuHigh({ treatMissingData: 'breaching' }), { startMs: T0 });
    const twoOfThree = new AlarmEvaluator(gpuHigh({ treatMissingData: 'breaching', datapointsToAlarm: 2 }), { startMs: T0 });

    // Act
    for (const alarm of [missing, breaching, twoOfThree]) {
      feedMinutes(alarm, T0, [40, 40, 40]);
      alarm.advanceTo(T0 + 20 * MINUTE);
    }

    // Assess
    expect(missing.stateRecord.reason).toBe('Insufficient Data: 3 datapoints were unknown.');
    expect(breaching.stateRecord.reason).toBe(
      'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].',
    );
    expect(twoOfThree.stateRecord).toMatchObject({
      value: 'ALARM',
      timestampMs: T0 + 7 * MINUTE,
      reason: 'Threshold Crossed: 1 datapoint was received for 3 periods and 2 missing datapoints were treated as [Breaching].',
    });
  });

  it('tells its listener of each transition, with the previous state it left', () => {
    // Prepare
    const seen: AlarmTransition[] = [];
    const alarm = new AlarmEvaluator(gpuHigh(), { startMs: T0, onTransition: (t) => seen.push(t) });

    // Act
    feedMinutes(alarm, T0, [90, 90, 90]);

    // Assess
    expect(seen).toEqual(alarm.transitions);
    expect(seen.map((t) => [t.previous.value, t.current.value])).toEqual([
      ['INSUFFICIENT_DATA', 'ALARM'],
    ]);
    expect(JSON.parse(seen[0]?.current.reasonData ?? '{}')).toMatchObject({
      version: '1.0',
      statistic: 'Average',
      period: 60,
      recentDatapoints: [90, 90, 90],
      threshold: 60,
      startDate: '2026-01-05T12:00:00.000+0000',
      queryDate: '2026-01-05T12:03:00.000+0000',
    });
  });

  it('refuses a sample for a period it has already evaluated', () => {
    // Prepare
    const alarm = new AlarmEvaluator(gpuHigh(), { startMs: T0 });
    alarm.advanceTo(T0 + 2 * MINUTE);

    // Act
    const late = () => alarm.add(T0 + 30_000, 50);

    // Assess
    expect(late).toThrow(AlarmInputError);
  });

  it.each<[string, Partial<AlarmDefinition>]>([
    ['M above N', { datapointsToAlarm: 4 }],
    ['a 45-second period', { periodSeconds: 45 }],
    ['more than a day of 1-minute periods', { evaluationPeriods: 1441, datapointsToAlarm: 1 }],
    ['an evaluation range shorter than N', { evaluationRangePeriods: 2 }],
  ])('rejects a definition with %s, as PutMetricAlarm would', (_label, overrides) => {
    // Act
    const create = () => new AlarmEvaluator(gpuHigh(overrides), { startMs: T0 });

    // Assess
    expect(create).toThrow(AlarmInputError);
  });
});
