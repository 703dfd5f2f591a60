// End to end without AWS: the alarms infra/gpu-alarms.cjs defines, evaluated by the simulator's CloudWatch alarm,
// emit state-change events that parseGpuAlarmEvent reads back as the right fleet, kind and transition.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { GpuAlarmSignal } from '../../../layers/core/gpu-alarm/gpu-alarm-signal';
import { parseGpuAlarmEvent } from '../../../layers/events/cloudwatch-alarm-state-change';
import type { AlarmDefinition, ComparisonOperator } from '../../../sim/alarms/alarm-definition';
import { AlarmEvaluator } from '../../../sim/alarms/alarm-evaluator';
import { alarmStateChangeEvent } from '../../../sim/alarms/alarm-state-change-event';

interface AlarmProperties {
  AlarmName: string;
  ComparisonOperator: ComparisonOperator;
  Threshold: number;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  TreatMissingData: AlarmDefinition['treatMissingData'];
  Metrics: { MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] }; Period: number; Stat: string } }[];
}
const { gpuAlarmResources } = createRequire(import.meta.url)('../../../infra/gpu-alarms.cjs') as {
  gpuAlarmResources: (file: unknown, prefix: string) => Record<string, { Properties: AlarmProperties }>;
};

const PREFIX = 'gpu-fleet-autopilot-dev';
const FLEET = {
  fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f',
  name: 'bert-large-search',
  tier: 'critical',
  gpuAlarms: { evaluationPeriods: 3, datapointsToAlarm: 3 },
};
const T0 = Date.UTC(2026, 2, 2, 0, 0);
const MINUTE = 60_000;

/** The generated gpu-low alarm as the simulator's alarm definition. */
const gpuLowDefinition = (): AlarmDefinition => {
  const low = Object.values(gpuAlarmResources({ fleets: [FLEET] }, PREFIX)).find((r) => r.Properties.AlarmName.endsWith('.gpu-low'));
  const stat = low?.Properties.Metrics[0]?.MetricStat;
  if (!low || !stat) throw new Error('no gpu-low alarm on a metric');
  const p = low.Properties;
  return {
    name: p.AlarmName,
    metric: {
      namespace: stat.Metric.Namespace,
      name: stat.Metric.MetricName,
      dimensions: Object.fromEntries(stat.Metric.Dimensions.map((d) => [d.Name, d.Value])),
    },
    statistic: stat.Stat as AlarmDefinition['statistic'],
    periodSeconds: stat.Period,
    evaluationPeriods: p.EvaluationPeriods,
    datapointsToAlarm: p.DatapointsToAlarm,
    threshold: p.Threshold,
    comparisonOperator: p.ComparisonOperator,
    treatMissingData: p.TreatMissingData,
  };
};

describe('gpu-low alarm events from the simulator', () => {
  it('reads idle -> ALARM, busy -> OK, then silent hosts -> INSUFFICIENT_DATA, never idle', () => {
    // Prepare: 3 idle minutes, 3 busy minutes (3 of 3 to alarm, so 1 to recover), then no datapoint (the agent stopped)
    const definition = gpuLowDefinition();
    const alarm = new AlarmEvaluator(definition, { startMs: T0, periodOriginMs: T0 });
    const utilization = [5, 4, 6, 70, 72, 68];
    utilization.forEach((value, minute) => alarm.add(T0 + minute * MINUTE + 30_000, value));
    alarm.advanceTo(T0 + 12 * MINUTE);

    // Act
    const signals = alarm.transitions.map((transition) => {
      const result = parseGpuAlarmEvent(alarmStateChangeEvent(definition, transition, { account: '123456789012', region: 'us-east-1' }), PREFIX);
      if (!result.ok || !('signal' in result)) throw new Error(`not a signal: ${JSON.stringify(result)}`);
      return result.signal;
    });

    // Assess
    const summary = (s: GpuAlarmSignal) => [s.fleetName, s.kind, s.previousState, s.state, s.value, s.threshold];
    expect(signals.map(summary)).toEqual([
      ['bert-large-search', 'gpu-low', 'INSUFFICIENT_DATA', 'ALARM', 6, 20],
      ['bert-large-search', 'gpu-low', 'ALARM', 'OK', 70, 20],
      ['bert-large-search', 'gpu-low', 'OK', 'INSUFFICIENT_DATA', undefined, 20],
    ]);
    expect(signals.map((s) => s.stateChangedAtMs)).toEqual(alarm.transitions.map((t) => t.current.timestampMs));
  });
});
