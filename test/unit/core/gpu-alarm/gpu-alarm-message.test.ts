// The gpu-alarm Slack messages: what on-call reads for missing metrics, capacity changes and memory recommendations.
import { describe, expect, it } from 'vitest';
import { decideGpuAlarm } from '../../../../layers/core/gpu-alarm/decide-gpu-alarm';
import { renderGpuAlarmNotice } from '../../../../layers/core/gpu-alarm/gpu-alarm-message';
import { gpuAlarmSettingsOf } from '../../../../layers/core/gpu-alarm/gpu-alarm-settings';
import type { GpuAlarmNotice } from '../../../../layers/core/gpu-alarm/gpu-alarm-types';
import { gpuTypeOptionsFor } from '../../../../layers/core/gpu-alarm/gpu-type-options';
import { escapeMrkdwn, SLACK_HEADER_TEXT_MAX, SLACK_MESSAGE_TEXT_MAX, SLACK_SECTION_TEXT_MAX } from '../../../../layers/core/slack-limits';
import { aGpuAlarmInput, aGpuSignal, aLoad, MINUTE_MS, NOW_MS } from '../../../helpers/gpu-alarm-factories';
import { headerText, isEscaped, sectionTexts } from '../../../helpers/slack-message-parts';
import { aFleet } from '../../../helpers/spot-factories';

const CHANNEL = '#gpu-autopilot';

const dataMissing = (overrides: Partial<Extract<GpuAlarmNotice, { kind: 'data-missing' }>> = {}): GpuAlarmNotice => ({
  kind: 'data-missing',
  fleetName: 'bert-large-search',
  alarmKind: 'gpu-high',
  sinceMs: NOW_MS,
  targetUnits: 2000,
  fulfilledUnits: 2000,
  cloudwatchReason: 'Insufficient Data: 5 datapoints were unknown.',
  ...overrides,
});

describe('renderGpuAlarmNotice', () => {
  it('tells on-call that the GPU metrics stopped and what to check', () => {
    // Act
    const message = renderGpuAlarmNotice(dataMissing(), CHANNEL);

    // Assess
    expect(message.channel).toBe(CHANNEL);
    expect(headerText(message)).toBe('GPU metrics of bert-large-search are missing');
    expect(sectionTexts(message)[0]).toContain('CloudWatch agent (nvidia_smi metrics) or the DCGM exporter');
    expect(sectionTexts(message)[0]).toContain(new Date(NOW_MS).toISOString());
  });

  it('says when no instance serves at all', () => {
    // Act
    const message = renderGpuAlarmNotice(dataMissing({ fulfilledUnits: 0 }), CHANNEL);

    // Assess
    expect(sectionTexts(message)[0]).toContain('No instance serves (fulfilled 0 of 2000 units)');
  });

  it('says how long the metrics were missing once they are back', () => {
    // Act
    const message = renderGpuAlarmNotice(
      { kind: 'data-restored', fleetName: 'bert-large-search', alarmKind: 'gpu-low', missingSinceMs: NOW_MS - 12 * MINUTE_MS, restoredAtMs: NOW_MS },
      CHANNEL,
    );

    // Assess
    expect(message.text).toBe(
      `GPU metrics of bert-large-search are back. GPU datapoints are back after 12 min (missing since ${new Date(NOW_MS - 12 * MINUTE_MS).toISOString()}). The alarms act again.`,
    );
  });

  it('shows the guard\'s verdict on a capacity change when it did not execute', () => {
    // Prepare
    const [notice] = decideGpuAlarm(aGpuAlarmInput()).notices;
    if (notice?.kind !== 'capacity-change') throw new Error('expected a capacity change notice');

    // Act
    const message = renderGpuAlarmNotice({ ...notice, verdict: 'dry-run' }, CHANNEL);

    // Assess
    expect(headerText(message)).toBe('Scaling in bert-large-search on low GPU utilization: 2000 -> 1800 units (dry-run)');
    expect(sectionTexts(message)[0]).toBe(escapeMrkdwn(notice.reason));
  });

  it('names the recommended type, what the fleet pays now, and what INT8 would change', () => {
    // Prepare: the seed's BERT-large FP16 on p3.2xlarge, GPU memory 90% full
    const fleet = aFleet({ model: { name: 'bert-large', precision: 'fp16' }, sloP99Ms: 100, capacityUnitsByType: { 'p3.2xlarge': 247 }, minCapacityUnits: 247 });
    const decision = decideGpuAlarm(
      aGpuAlarmInput({
        fleet,
        settings: gpuAlarmSettingsOf(fleet),
        catalog: gpuTypeOptionsFor(fleet),
        signal: aGpuSignal({ kind: 'gpu-memory-high', value: 90 }),
        targetUnits: 741,
        fulfilledUnits: 741,
        load: aLoad({ arrivalQps: 480 }),
      }),
    );
    const notice = decision.notices.find((n) => n.kind === 'memory-recommendation');
    if (notice === undefined) throw new Error('expected a memory recommendation');

    // Act
    const message = renderGpuAlarmNotice(notice, CHANNEL);

    // Assess
    expect(headerText(message)).toBe('GPU memory of bert-large-search is nearly full: g6e.xlarge fits for less');
    const body = sectionTexts(message)[0] ?? '';
    expect(body).toContain('About 14.4 GiB of GPU memory is in use per GPU; with headroom a type needs 18.0 GiB at FP16.');
    expect(body).toContain('Cheapest for 600 units: g6e.xlarge x1');
    expect(body).toContain('Now: p3.2xlarge x3');
    expect(body).toContain('INT8 engines would change the choice to g6.xlarge x2');
  });

  it('escapes names and keeps every part within Slack\'s limits', () => {
    // Prepare
    const notice = dataMissing({ fleetName: `<!channel> & ${'x'.repeat(300)}`, cloudwatchReason: `<@U123> ${'y'.repeat(5000)}` });

    // Act
    const message = renderGpuAlarmNotice(notice, CHANNEL);

    // Assess
    expect(headerText(message).length).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
    expect(sectionTexts(message)[0]?.length).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_MESSAGE_TEXT_MAX);
    expect(isEscaped(sectionTexts(message).join('\n'))).toBe(true);
  });
});
