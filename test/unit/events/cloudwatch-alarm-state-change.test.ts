// The gpu-alarm edge: the documented CloudWatch alarm events validate, and our alarms' become signals.
import { describe, expect, it } from 'vitest';
import { CloudWatchAlarmStateChangeEventSchema, parseGpuAlarmEvent } from '../../../layers/events/cloudwatch-alarm-state-change';
import {
  METRIC_ALARM_FIXTURES,
  PREFIX,
  alarmFixture,
  asOurAlarm,
  signalOf,
  swapStates,
  withState,
} from '../../fixtures/events/cloudwatch-alarm-factories';

const ourSingleMetric = () => asOurAlarm(alarmFixture('state-change'), 'bert-large-search', 'gpu-high');

describe('CloudWatchAlarmStateChangeEventSchema', () => {
  it.each(METRIC_ALARM_FIXTURES)('accepts the documented %s sample as it is', (name) => {
    // Act
    const result = CloudWatchAlarmStateChangeEventSchema.safeParse(alarmFixture(name));

    // Assess
    expect(result.error).toBeUndefined();
  });
});

describe('parseGpuAlarmEvent with one of our alarms', () => {
  it('turns a single-metric OK -> ALARM change into a signal with its datapoint and threshold', () => {
    // Act
    const signal = signalOf(parseGpuAlarmEvent(ourSingleMetric(), PREFIX));

    // Assess
    expect(signal).toEqual({
      eventId: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
      emittedAtMs: Date.UTC(2019, 9, 2, 17, 4, 40),
      alarmName: 'gpu-fleet-autopilot-dev.bert-large-search.gpu-high',
      alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:gpu-fleet-autopilot-dev.bert-large-search.gpu-high',
      fleetName: 'bert-large-search',
      kind: 'gpu-high',
      state: 'ALARM',
      previousState: 'OK',
      stateChangedAtMs: Date.UTC(2019, 9, 2, 17, 4, 40, 989),
      reason:
        'Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434 (02/10/19 16:59:00)] was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).',
      value: 99.50160229693434,
      threshold: 50,
    });
  });

  it('reads ALARM -> OK, the transition that closes the incident', () => {
    // Act
    const signal = signalOf(parseGpuAlarmEvent(swapStates(ourSingleMetric()), PREFIX));

    // Assess
    expect(signal).toMatchObject({ state: 'OK', previousState: 'ALARM', value: 0.0666851903306472, threshold: 50 });
    expect(signal.stateChangedAtMs).toBe(Date.UTC(2019, 9, 1, 13, 56, 40, 987));
  });

  it('reads a metric-math alarm leaving INSUFFICIENT_DATA, whose previous state has no reasonData', () => {
    // Act
    const signal = signalOf(parseGpuAlarmEvent(asOurAlarm(alarmFixture('metric-math'), 'bert-large-search', 'gpu-memory-high'), PREFIX));

    // Assess
    expect(signal).toMatchObject({ kind: 'gpu-memory-high', state: 'ALARM', previousState: 'INSUFFICIENT_DATA', value: 45628, threshold: 10000 });
  });

  it('reads a change to INSUFFICIENT_DATA (the hosts stopped reporting) with no datapoint', () => {
    // Act
    const signal = signalOf(parseGpuAlarmEvent(swapStates(asOurAlarm(alarmFixture('metric-math'), 'bert-large-search', 'gpu-low')), PREFIX));

    // Assess
    expect(signal).toMatchObject({ kind: 'gpu-low', state: 'INSUFFICIENT_DATA', previousState: 'ALARM', reason: 'Unchecked: Initial alarm creation' });
    expect(signal).not.toHaveProperty('value');
    expect(signal).not.toHaveProperty('threshold');
  });

  it('reads a Metrics Insights alarm, whose states carry no reasonData', () => {
    // Act
    const signal = signalOf(parseGpuAlarmEvent(asOurAlarm(alarmFixture('metrics-insights'), 'llama-70b', 'gpu-low'), PREFIX));

    // Assess
    expect(signal).toMatchObject({ fleetName: 'llama-70b', state: 'ALARM', previousState: 'INSUFFICIENT_DATA', reason: '6 out of 6 time series evaluated to ALARM' });
    expect(signal).not.toHaveProperty('value');
  });

  it('keeps the datapoint but no threshold when the reasonData has bands instead (anomaly detection)', () => {
    // Act
    const signal = signalOf(parseGpuAlarmEvent(asOurAlarm(alarmFixture('anomaly-detection'), 'bert-large-search', 'gpu-low'), PREFIX));

    // Assess
    expect(signal.value).toBe(0);
    expect(signal).not.toHaveProperty('threshold');
  });

  it.each([
    ['not JSON', '{"version":"1.0","recentDatapoints":[99.5'],
    ['a JSON array', '[99.5]'],
    ['JSON null', 'null'],
    ['datapoints that are not numbers', '{"recentDatapoints":["99.5"],"threshold":"50"}'],
    ['an empty datapoint list', '{"recentDatapoints":[],"threshold":50.0}'],
  ])('reads a signal without figures when reasonData is %s', (_label, reasonData) => {
    // Prepare
    const event = withState(ourSingleMetric(), { reasonData });

    // Act
    const signal = signalOf(parseGpuAlarmEvent(event, PREFIX));

    // Assess
    expect(signal.state).toBe('ALARM');
    expect(signal).not.toHaveProperty('value');
  });

  it('takes the last of several recent datapoints', () => {
    // Prepare
    const event = withState(ourSingleMetric(), { reasonData: '{"recentDatapoints":[91.0,93.5,97.25],"threshold":90.0}' });

    // Act
    const signal = signalOf(parseGpuAlarmEvent(event, PREFIX));

    // Assess
    expect(signal).toMatchObject({ value: 97.25, threshold: 90 });
  });
});

