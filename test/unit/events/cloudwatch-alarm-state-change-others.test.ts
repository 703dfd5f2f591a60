// The gpu-alarm edge: what is not one of our alarms is acknowledged with a reason; a malformed one of ours is rejected.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGpuAlarmEvent } from '../../../layers/events/cloudwatch-alarm-state-change';
import { EventParseError } from '../../../layers/events/errors';
import {
  METRIC_ALARM_FIXTURES,
  PREFIX,
  alarmFixture,
  asOurAlarm,
  errorOf,
  ignoredOf,
  withState,
} from '../../fixtures/events/cloudwatch-alarm-factories';

const ourSingleMetric = () => asOurAlarm(alarmFixture('state-change'), 'bert-large-search', 'gpu-high');

describe('parseGpuAlarmEvent acknowledges what is not ours', () => {
  it.each(METRIC_ALARM_FIXTURES)('ignores the documented %s sample, another alarm, naming it', (name) => {
    // Act
    const reason = ignoredOf(parseGpuAlarmEvent(alarmFixture(name), PREFIX));

    // Assess
    expect(reason).toContain(JSON.stringify(alarmFixture(name).detail.alarmName));
  });

  it("ignores our alarm names under another stage's prefix", () => {
    // Act
    const reason = ignoredOf(parseGpuAlarmEvent(ourSingleMetric(), 'gpu-fleet-autopilot-prod'));

    // Assess
    expect(reason).toContain('not one of gpu-fleet-autopilot-prod');
  });

  it('ignores a composite alarm, even one named like ours', () => {
    // Act
    const results = [alarmFixture('composite'), asOurAlarm(alarmFixture('composite'), 'bert-large-search', 'gpu-low')].map((event) =>
      ignoredOf(parseGpuAlarmEvent(event, PREFIX)),
    );

    // Assess
    expect(results.every((reason) => reason.startsWith('composite alarm'))).toBe(true);
  });

  it('ignores a Metrics Insights contributor state change (another detail-type)', () => {
    // Act
    const reason = ignoredOf(parseGpuAlarmEvent(alarmFixture('contributor'), PREFIX));

    // Assess
    expect(reason).toContain('"CloudWatch Alarm Contributor State Change"');
  });

  it('ignores another EventBridge event (a schedule rule)', () => {
    // Prepare
    const scheduled = JSON.parse(readFileSync(new URL('../../fixtures/events/scheduled-event.json', import.meta.url), 'utf8')) as unknown;

    // Act
    const reason = ignoredOf(parseGpuAlarmEvent(scheduled, PREFIX));

    // Assess
    expect(reason).toContain('"Scheduled Event"');
  });
});

describe('parseGpuAlarmEvent rejects a malformed event of ours', () => {
  it.each([
    ['an unknown state', { value: 'WARNING' }, 'detail.state.value'],
    ['a timestamp that is not CloudWatch\'s', { timestamp: '02/10/19 17:04:40' }, 'detail.state.timestamp'],
    ['a date that does not exist', { timestamp: '2019-02-30T17:04:40.989+0000' }, 'detail.state.timestamp'],
  ])('names the field for %s', (_label, state, field) => {
    // Act
    const error = errorOf(parseGpuAlarmEvent(withState(ourSingleMetric(), state), PREFIX));

    // Assess
    expect(error).toBeInstanceOf(EventParseError);
    expect(error.fields).toContain(field);
    expect(error.retryable).toBe(false);
    expect(error.eventId).toBe('c4c1c1c9-6542-e61b-6ef0-8c4d36933a92');
  });

  it('names resources when none is the alarm ARN', () => {
    // Act
    const error = errorOf(parseGpuAlarmEvent({ ...ourSingleMetric(), resources: [] }, PREFIX));

    // Assess
    expect(error.fields).toEqual(['resources']);
  });

  it('names the configuration when an alarm of ours lists no metrics', () => {
    // Prepare
    const event = ourSingleMetric();

    // Act
    const error = errorOf(parseGpuAlarmEvent({ ...event, detail: { ...event.detail, configuration: { metrics: [] } } }, PREFIX));

    // Assess
    expect(error.fields).toContain('detail.configuration.metrics');
  });

  it.each([
    ['null', null],
    ['a string', 'CloudWatch Alarm State Change'],
    ['an array of the event', [alarmFixture('state-change')]],
  ])('rejects %s as not an event', (_label, raw) => {
    // Act
    const error = errorOf(parseGpuAlarmEvent(raw, PREFIX));

    // Assess
    expect(error.fields).toEqual(['(event)']);
  });

  it('rejects an object that is no EventBridge event, naming its missing fields', () => {
    // Act
    const error = errorOf(parseGpuAlarmEvent({ alarmName: 'x' }, PREFIX));

    // Assess
    expect(error.fields).toEqual(expect.arrayContaining(['id', 'time', 'detail-type']));
  });
});
