import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AlarmDefinition } from '../../../../sim/alarms/alarm-definition';
import { AlarmEvaluator } from '../../../../sim/alarms/alarm-evaluator';
import { alarmStateChangeEvent } from '../../../../sim/alarms/alarm-state-change-event';

type Json = Record<string, unknown>;
const sample = JSON.parse(
  readFileSync(new URL('../../../fixtures/events/cloudwatch-alarm-state-change.json', import.meta.url), 'utf8'),
) as Json;
const sampleDetail = sample.detail as { state: Json; previousState: Json };

/** The documented sample's alarm: ServerCpuTooHigh, 1 of 1 five-minute Average above 50. */
const serverCpuTooHigh: AlarmDefinition = {
  name: 'ServerCpuTooHigh',
  description: 'Goes into alarm when server CPU utilization is too high!',
  metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: { InstanceId: 'i-12345678901234567' } },
  statistic: 'Average',
  periodSeconds: 300,
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  threshold: 50,
  comparisonOperator: 'GreaterThanThreshold',
  treatMissingData: 'missing',
};

/** Key paths of a JSON value (array items by their first element), to compare shapes, not values. */
const keyPaths = (value: unknown, prefix = ''): string[] => {
  if (Array.isArray(value)) return value.length === 0 ? [prefix] : keyPaths(value[0], `${prefix}[]`);
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, `${prefix}.${key}`));
};

/** One datapoint in the period starting at `periodStartMs` (the grid aligned on it), evaluated when it closes. */
const transitionFor = (value: number, periodStartMs: number) => {
  const alarm = new AlarmEvaluator(serverCpuTooHigh, { startMs: periodStartMs, periodOriginMs: periodStartMs });
  alarm.add(periodStartMs + 30_000, value);
  alarm.advanceTo(periodStartMs + 300_000);
  return alarm.transitions;
};

describe('alarmStateChangeEvent', () => {
  it('words the state reasons exactly as the documented sample does', () => {
    // Act
    const [toAlarm] = transitionFor(99.50160229693434, Date.UTC(2019, 9, 2, 16, 59));
    const [toOk] = transitionFor(0.0666851903306472, Date.UTC(2019, 9, 1, 13, 46));

    // Assess
    expect(toAlarm?.current.reason).toBe(sampleDetail.state.reason);
    expect(toOk?.current.reason).toBe(sampleDetail.previousState.reason);
  });

  it('has the documented event shape: every key of the sample, in the same place', () => {
    // Prepare: OK, then ALARM, on a five-minute grid aligned like the sample's datapoint (16:59)
    const originMs = Date.UTC(2019, 9, 2, 16, 59);
    const alarm = new AlarmEvaluator(serverCpuTooHigh, { startMs: originMs - 300_000, periodOriginMs: originMs });
    alarm.add(originMs - 200_000, 0.07);
    alarm.add(originMs + 30_000, 99.5);
    alarm.advanceTo(originMs + 300_000);
    const transition = alarm.transitions[1];
    if (!transition) throw new Error('expected OK then ALARM');

    // Act
    const event = alarmStateChangeEvent(serverCpuTooHigh, transition, { account: '123456789012', region: 'us-east-1' });

    // Assess
    expect(keyPaths(event)).toEqual(keyPaths(sample));
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'CloudWatch Alarm State Change',
      source: 'aws.cloudwatch',
      time: '2019-10-02T17:04:00Z',
      resources: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh'],
      detail: {
        alarmName: 'ServerCpuTooHigh',
        configuration: { description: serverCpuTooHigh.description },
        previousState: { value: 'OK', timestamp: '2019-10-02T16:59:00.000+0000' },
        state: { value: 'ALARM', timestamp: '2019-10-02T17:04:00.000+0000' },
      },
    });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const reasonData = JSON.parse(event.detail.state.reasonData ?? '{}') as Json;
    const sampleReasonData = JSON.parse(sampleDetail.state.reasonData as string) as Json;
    expect(Object.keys(reasonData)).toEqual(expect.arrayContaining(Object.keys(sampleReasonData)));
  });

  it('writes numbers in reason data as CloudWatch does (50.0, not 50)', () => {
    // Prepare
    const [transition] = transitionFor(99.5, Date.UTC(2019, 9, 2, 16, 59));
    if (!transition) throw new Error('expected a transition');

    // Act
    const event = alarmStateChangeEvent(serverCpuTooHigh, transition, { account: '123456789012', region: 'us-east-1' });

    // Assess
    expect(event.detail.state.reasonData).toContain('"threshold":50.0');
    expect(event.detail.state.reasonData).toContain('"recentDatapoints":[99.5]');
  });

  it('leaves reasonData out of an initial previous state, as for a new alarm', () => {
    // Prepare
    const [transition] = transitionFor(99.5, Date.UTC(2019, 9, 2, 16, 59));
    if (!transition) throw new Error('expected a transition');

    // Act
    const event = alarmStateChangeEvent(serverCpuTooHigh, transition, { account: '123456789012', region: 'us-east-1', id: 'fixed' });

    // Assess
    expect(event.id).toBe('fixed');
    expect(event.detail.previousState).toEqual({
      reason: 'Unchecked: Initial alarm creation',
      timestamp: '2019-10-02T16:59:00.000+0000',
      value: 'INSUFFICIENT_DATA',
    });
  });

  it('lists a metric-math alarm as its expression and its input m1, as the documented metric-math sample does', () => {
    // Prepare
    const fleetAverage: AlarmDefinition = {
      ...serverCpuTooHigh,
      name: 'FleetGpuHigh',
      expression: { id: 'e1', expression: 'AVG(METRICS())', label: 'Fleet GPU' },
    };
    const alarm = new AlarmEvaluator(fleetAverage, { startMs: 0 });
    alarm.add(1_000, 99.5);
    alarm.advanceTo(300_000);
    const [transition] = alarm.transitions;
    if (!transition) throw new Error('expected a transition');

    // Act
    const event = alarmStateChangeEvent(fleetAverage, transition, { account: '123456789012', region: 'us-east-1' });

    // Assess
    expect(event.detail.configuration.metrics).toEqual([
      { expression: 'AVG(METRICS())', id: 'e1', label: 'Fleet GPU', returnData: true },
      {
        id: 'm1',
        metricStat: { metric: { dimensions: { InstanceId: 'i-12345678901234567' }, name: 'CPUUtilization', namespace: 'AWS/EC2' }, period: 300, stat: 'Average' },
        returnData: false,
      },
    ]);
    expect(event.detail.state.reasonData).not.toContain('"statistic"');
  });
});
