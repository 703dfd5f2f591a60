import { describe, expect, it } from 'vitest';
import { parseGpuAlarmTrigger } from '../../../../layers/events/gpu-alarm-trigger';
import { GpuAlarmFeed, gpuUtilizationAlarms } from '../../../../sim/alarms/gpu-fleet-alarms';
import { SIM_ALARM_PREFIX } from '../../../../sim/twin-world';
import { aFleet } from '../../../helpers/spot-factories';

const T0 = Date.UTC(2026, 2, 2, 0, 0, 0);
const MINUTE_MS = 60_000;
// Critical tier: below 20% or above 75% in 4 of 5 one-minute periods.
const fleet = aFleet();

/** One sample every 10 s from `fromMs` for `minutes`, at `utilization`; the events of the periods closed. */
const feedFor = (feed: GpuAlarmFeed, fromMs: number, minutes: number, utilization: number) => {
  const events = [];
  for (let t = fromMs; t < fromMs + minutes * MINUTE_MS; t += 10_000) {
    feed.sample(t, utilization);
    events.push(...feed.due(t + 10_000));
  }
  return events;
};

describe('gpuUtilizationAlarms', () => {
  it("builds the fleet's gpu-low and gpu-high alarms as infra/gpu-alarms.cjs does", () => {
    // Act
    const [low, high] = gpuUtilizationAlarms('gpu-fleet-autopilot-dev', fleet);

    // Assess
    expect(low).toMatchObject({ name: 'gpu-fleet-autopilot-dev.bert-large-search.gpu-low', threshold: 20, comparisonOperator: 'LessThanThreshold', periodSeconds: 60, evaluationPeriods: 5, datapointsToAlarm: 4, treatMissingData: 'missing', metricId: 'utilization' });
    expect(high).toMatchObject({ name: 'gpu-fleet-autopilot-dev.bert-large-search.gpu-high', threshold: 75, comparisonOperator: 'GreaterThanThreshold' });
    expect(high?.metric).toEqual({ namespace: 'CWAgent', name: 'nvidia_smi_utilization_gpu', dimensions: { FleetId: fleet.fleetId } });
  });
});

describe('GpuAlarmFeed', () => {
  it('sends the gpu-high ALARM after 4 saturated minutes, as an event the gpu-alarm parser reads as our signal', () => {
    // Prepare
    const feed = new GpuAlarmFeed({ prefix: SIM_ALARM_PREFIX, fleet, startMs: T0, account: '123456789012', region: 'us-east-1' });
    feedFor(feed, T0, 5, 0.5);

    // Act
    const events = feedFor(feed, T0 + 5 * MINUTE_MS, 5, 0.95);

    // Assess
    const alarm = events.find((e) => e.detail.state.value === 'ALARM');
    expect(alarm?.detail.alarmName).toBe(`${SIM_ALARM_PREFIX}.bert-large-search.gpu-high`);
    expect(alarm?.time).toBe(new Date(T0 + 9 * MINUTE_MS).toISOString().replace('.000Z', 'Z'));
    const parsed = parseGpuAlarmTrigger(alarm, SIM_ALARM_PREFIX);
    expect(parsed.ok && parsed.trigger.kind === 'alarm' ? parsed.trigger.signal : undefined).toMatchObject({ kind: 'gpu-high', state: 'ALARM', previousState: 'OK', value: 95, threshold: 75 });
  });

  it('goes to INSUFFICIENT_DATA when no GPU host publishes, never to the idle alarm', () => {
    // Prepare
    const feed = new GpuAlarmFeed({ prefix: SIM_ALARM_PREFIX, fleet, startMs: T0, account: '123456789012', region: 'us-east-1' });
    feedFor(feed, T0, 5, 0.5);

    // Act
    const events = feed.due(T0 + 20 * MINUTE_MS);

    // Assess
    expect(events.map((e) => e.detail.state.value)).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA']);
  });
});
