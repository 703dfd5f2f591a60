// Loads infra/gpu-alarms.cjs for tests, with the shapes it returns and what CloudFormation requires of them.
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { parseAlarmName } from '../../layers/core/gpu-alarm/alarm-name';

export interface MetricDataQuery {
  Id: string;
  Expression?: string;
  Label?: string;
  MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] }; Period: number; Stat: string };
  ReturnData: boolean;
}
export interface AlarmResource {
  Type: string;
  Properties: Record<string, unknown> & {
    AlarmName: string;
    AlarmDescription: string;
    ComparisonOperator: string;
    Threshold: number;
    EvaluationPeriods: number;
    DatapointsToAlarm: number;
    TreatMissingData: string;
    Metrics: MetricDataQuery[];
  };
}
export type FleetEntryInput = Record<string, unknown>;
export interface GpuAlarmsModule {
  resources: (sls: { resolveVariable: (variable: string) => Promise<string> }) => Promise<{ Resources: Record<string, AlarmResource> }>;
  gpuAlarmResources: (file: { fleets: FleetEntryInput[] }, prefix: string) => Record<string, AlarmResource>;
}

export const gpuAlarms = createRequire(import.meta.url)('../../infra/gpu-alarms.cjs') as GpuAlarmsModule;

export const PREFIX = 'gpu-fleet-autopilot-dev';

/** A fleets-file entry valid for FleetEntrySchema. */
export const entry = (overrides: FleetEntryInput = {}): FleetEntryInput => ({
  fleetId: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f',
  name: 'bert-large-search',
  tier: 'critical',
  model: { name: 'bert-large', precision: 'int8' },
  sloP99Ms: 50,
  queueUrls: ['https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-search-requests'],
  instanceTypes: ['g5.xlarge'],
  minCapacityUnits: 400,
  maxCapacityUnits: 4000,
  launchLeadTimeSeconds: 240,
  slackChannel: '#gpu-autopilot',
  ...overrides,
});

export const alarmsOf = (...fleets: FleetEntryInput[]): AlarmResource[] => Object.values(gpuAlarms.gpuAlarmResources({ fleets }, PREFIX));

export const byKind = (alarms: AlarmResource[]) => (kind: string): AlarmResource => {
  const alarm = alarms.find((a) => parseAlarmName(a.Properties.AlarmName)?.kind === kind);
  if (!alarm) throw new Error(`no ${kind} alarm`);
  return alarm;
};

/** What PutMetricAlarm and AWS::CloudWatch::Alarm require of an alarm built on `Metrics`. */
export const expectValidMetricsAlarm = (alarm: AlarmResource): void => {
  const p = alarm.Properties;
  expect(alarm.Type).toBe('AWS::CloudWatch::Alarm');
  // With Metrics, the single-metric properties must be absent.
  for (const forbidden of ['MetricName', 'Namespace', 'Dimensions', 'Period', 'Statistic', 'ExtendedStatistic', 'Unit']) {
    expect(p).not.toHaveProperty(forbidden);
  }
  expect(p.AlarmName.length).toBeLessThanOrEqual(255);
  expect(p.AlarmDescription.length).toBeLessThanOrEqual(1024);
  expect(['breaching', 'notBreaching', 'ignore', 'missing']).toContain(p.TreatMissingData);
  expect(p.DatapointsToAlarm).toBeLessThanOrEqual(p.EvaluationPeriods);
  expect(p.Metrics.filter((q) => q.ReturnData)).toHaveLength(1);
  expect(p.Metrics.length).toBeLessThanOrEqual(10);
  const ids = p.Metrics.map((q) => q.Id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const query of p.Metrics) {
    expect(query.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    expect((query.Expression === undefined) !== (query.MetricStat === undefined)).toBe(true);
    if (query.MetricStat) {
      expect(query.MetricStat.Period % 60).toBe(0);
      const limit = query.MetricStat.Period < 3600 ? 86_400 : 604_800;
      expect(query.MetricStat.Period * p.EvaluationPeriods).toBeLessThanOrEqual(limit);
    }
    // An expression may name only the other queries' ids.
    const named = query.Expression?.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? [];
    for (const name of named) expect(ids.filter((id) => id !== query.Id)).toContain(name);
  }
};

