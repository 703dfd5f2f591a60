// parseGpuAlarmTrigger: our alarms become alarm triggers, our own rechecks recheck triggers, anything else is named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gpuAlarmRecheckEvent, type GpuAlarmRecheckDetail } from '../../../layers/core/gpu-alarm-recheck-event';
import { parseGpuAlarmTrigger } from '../../../layers/events/gpu-alarm-trigger';
import { alarmFixture, asOurAlarm, PREFIX } from '../../fixtures/events/cloudwatch-alarm-factories';

const ALARM_NAME = `${PREFIX}.bert-large-search.gpu-low`;
const DETAIL: GpuAlarmRecheckDetail = {
  fleetId: 'fleet-7d3e9a41-5c2b-4f08-a6e1-93b0c4d2f718',
  fleetName: 'bert-large-search',
  kind: 'gpu-low',
  state: 'ALARM',
  alarmName: ALARM_NAME,
  alarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${ALARM_NAME}`,
  reason: 'Threshold Crossed: 3 out of the last 3 datapoints were less than the threshold (20.0)',
  value: 9.5,
  threshold: 20,
};
const AT_MS = Date.UTC(2026, 2, 10, 2, 25, 0);
const recheck = (detail: Partial<GpuAlarmRecheckDetail> = {}) =>
  gpuAlarmRecheckEvent({ name: 'gar-fleet-7d3e9a41-gpu-low-20260310T022500Z', atMs: AT_MS, account: '123456789012', region: 'us-east-1', detail: { ...DETAIL, ...detail } });

describe('parseGpuAlarmTrigger', () => {
  it('reads the recheck fixture, which is exactly what the builder makes', () => {
    // Prepare
    const fixture: unknown = JSON.parse(readFileSync('test/fixtures/events/gpu-alarm-recheck.json', 'utf8'));
    // Act
    const parsed = parseGpuAlarmTrigger(fixture, PREFIX);
    // Assess
    expect(recheck()).toEqual(fixture);
    expect(parsed).toMatchObject({ ok: true, trigger: { kind: 'recheck', eventId: 'gar-fleet-7d3e9a41-gpu-low-20260310T022500Z', detail: DETAIL } });
  });

  it("turns our own recheck into a recheck trigger whose id is the schedule's name", () => {
    // Act
    const parsed = parseGpuAlarmTrigger(recheck(), PREFIX);

    // Assess
    expect(parsed).toEqual({ ok: true, trigger: { kind: 'recheck', eventId: 'gar-fleet-7d3e9a41-gpu-low-20260310T022500Z', emittedAtMs: AT_MS, detail: DETAIL } });
  });

  it('turns a state change of one of our alarms into an alarm trigger', () => {
    // Act
    const parsed = parseGpuAlarmTrigger(asOurAlarm(alarmFixture('metric-math'), 'bert-large-search', 'gpu-high'), PREFIX);

    // Assess
    expect(parsed).toMatchObject({ ok: true, trigger: { kind: 'alarm', signal: { fleetName: 'bert-large-search', kind: 'gpu-high', state: 'ALARM' } } });
  });

  it("acknowledges someone else's alarm with the reason", () => {
    // Act
    const parsed = parseGpuAlarmTrigger(alarmFixture('metric-math'), PREFIX);

    // Assess
    expect(parsed).toMatchObject({ ok: true, trigger: { kind: 'ignored', reason: expect.stringContaining('TotalNetworkTrafficTooHigh') } });
  });

  it('rejects a recheck with a bad field, naming it', () => {
    // Act
    const parsed = parseGpuAlarmTrigger(recheck({ kind: 'cpu-high' as GpuAlarmRecheckDetail['kind'] }), PREFIX);

    // Assess
    expect(parsed).toMatchObject({ ok: false, error: { name: 'EventParseError', retryable: false, fields: ['detail.kind'] } });
  });

  it.each([
    ['another stack', { alarmName: `gpu-fleet-autopilot-prod.bert-large-search.gpu-low` }],
    ['another fleet', { fleetName: 'reranker' }],
    ['another kind', { kind: 'gpu-high' as const }],
  ])('rejects a recheck whose alarm name is not the alarm of its fleet and kind (%s)', (_, change) => {
    // Act
    const parsed = parseGpuAlarmTrigger(recheck(change), PREFIX);

    // Assess
    expect(parsed).toMatchObject({ ok: false, error: { fields: ['detail.alarmName'], message: expect.stringMatching(/^GPU Alarm Recheck event gar-.*: detail\.alarmName: alarm /) } });
  });

  it('reads a recheck without a datapoint, and reports a throwing getter as an unreadable event', () => {
    // Prepare
    const { value: _value, threshold: _threshold, ...withoutData } = DETAIL;
    const hostile = { 'detail-type': 'GPU Alarm Recheck', get source(): string { throw new Error('boom'); } };

    // Act
    const parsed = parseGpuAlarmTrigger(gpuAlarmRecheckEvent({ name: 'gar-1', atMs: AT_MS, account: '123456789012', region: 'us-east-1', detail: withoutData }), PREFIX);
    const unreadable = parseGpuAlarmTrigger(hostile, PREFIX);

    // Assess
    expect(parsed).toMatchObject({ ok: true, trigger: { kind: 'recheck', detail: withoutData } });
    expect(parsed.ok && parsed.trigger.kind === 'recheck' && 'value' in parsed.trigger.detail).toBe(false);
    expect(unreadable).toMatchObject({ ok: false, error: { name: 'EventParseError', fields: ['(event)'] } });
  });
});
