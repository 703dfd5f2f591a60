// infra/gpu-alarms.cjs: per fleet, three CloudWatch alarms CloudFormation accepts, on the series the agent publishes.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { alarmNameOf } from '../../../layers/core/gpu-alarm/alarm-name';
import { defaultGpuAlarmThresholds, GPU_METRICS } from '../../../layers/core/gpu-alarm/alarm-thresholds';
import { GPU_ALARM_KINDS } from '../../../layers/core/gpu-alarm/gpu-alarm-signal';
import { PREFIX, alarmsOf, byKind, entry, expectValidMetricsAlarm, gpuAlarms } from '../../helpers/gpu-alarm-resources';

describe('gpuAlarmResources', () => {
  it('gives each fleet a gpu-low, a gpu-high and a gpu-memory-high alarm named <prefix>.<fleet>.<kind>', () => {
    // Act
    const alarms = alarmsOf(entry(), entry({ fleetId: 'fleet-0a1b2c3d-0000-4000-8000-000000000001', name: 'reranker.v2', tier: 'batch' }));

    // Assess
    expect(alarms.map((a) => a.Properties.AlarmName).sort()).toEqual(
      ['bert-large-search', 'reranker.v2'].flatMap((fleet) => GPU_ALARM_KINDS.map((kind) => alarmNameOf(PREFIX, fleet, kind))).sort(),
    );
  });

  it('builds alarms CloudFormation accepts: Metrics queries, one returned, ids referenced, windows within limits', () => {
    // Act
    const alarms = alarmsOf(entry(), entry({ fleetId: 'fleet-0a1b2c3d-0000-4000-8000-000000000001', name: 'batch-embed', tier: 'batch' }));

    // Assess
    alarms.forEach(expectValidMetricsAlarm);
  });

  it('watches the fleet-wide average utilization below the low and above the high threshold', () => {
    // Act
    const kind = byKind(alarmsOf(entry()));

    // Assess
    const defaults = defaultGpuAlarmThresholds('critical');
    expect(kind('gpu-low').Properties).toMatchObject({ ComparisonOperator: 'LessThanThreshold', Threshold: defaults.lowUtilizationPercent });
    expect(kind('gpu-high').Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: defaults.highUtilizationPercent });
    expect(kind('gpu-low').Properties.Metrics).toEqual([
      {
        Id: 'utilization',
        Label: 'GPU utilization (%), fleet average',
        MetricStat: {
          Metric: {
            Namespace: 'CWAgent',
            MetricName: 'nvidia_smi_utilization_gpu',
            Dimensions: [{ Name: 'FleetId', Value: 'fleet-5c4e3bd2-8a1f-4e2b-9c3d-1a2b3c4d5e6f' }],
          },
          Period: defaults.periodSeconds,
          Stat: 'Average',
        },
        ReturnData: true,
      },
    ]);
  });

  it('watches the share of all GPU memory in use with metric math over the used and total sums', () => {
    // Act
    const memory = byKind(alarmsOf(entry()))('gpu-memory-high').Properties;

    // Assess
    expect(memory).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: defaultGpuAlarmThresholds('critical').highMemoryPercent });
    expect(memory.Metrics.map((q) => [q.Id, q.Expression ?? `${q.MetricStat?.Stat}(${q.MetricStat?.Metric.MetricName})`, q.ReturnData])).toEqual([
      ['used', 'Sum(nvidia_smi_memory_used)', false],
      ['total', 'Sum(nvidia_smi_memory_total)', false],
      ['memory', '100 * used / total', true],
    ]);
  });

  it('lets a fleet that stops reporting go INSUFFICIENT_DATA: missing data is neither idle nor fine', () => {
    // Act
    const alarms = alarmsOf(entry());

    // Assess
    expect(alarms.map((a) => a.Properties.TreatMissingData)).toEqual(['missing', 'missing', 'missing']);
  });

  it('keeps logical ids stable when fleets are reordered, and unique across fleets', () => {
    // Prepare
    const other = entry({ fleetId: 'fleet-0a1b2c3d-0000-4000-8000-000000000001', name: 'other' });

    // Act
    const forward = Object.keys(gpuAlarms.gpuAlarmResources({ fleets: [entry(), other] }, PREFIX));
    const backward = Object.keys(gpuAlarms.gpuAlarmResources({ fleets: [other, entry()] }, PREFIX));

    // Assess
    expect(forward.sort()).toEqual(backward.sort());
    expect(new Set(forward).size).toBe(6);
    for (const id of forward) expect(id).toMatch(/^[A-Za-z0-9]{1,255}$/);
  });

  it('refuses a prefix with a dot, which would make the names unreadable', () => {
    // Act
    const build = () => gpuAlarms.gpuAlarmResources({ fleets: [entry()] }, 'gpu.autopilot');

    // Assess
    expect(build).toThrow('no dot');
  });

});

describe('the serverless file resolver', () => {
  it("reads config/fleets.yaml and names the alarms with the stack's prefix", async () => {
    // Prepare
    const asked: string[] = [];
    const resolveVariable = async (variable: string): Promise<string> => {
      asked.push(variable);
      return PREFIX;
    };

    // Act
    const { Resources } = await gpuAlarms.resources({ resolveVariable });

    // Assess
    expect(asked).toEqual(['self:custom.prefix']);
    const names = Object.values(Resources).map((a) => a.Properties.AlarmName);
    expect(names.length % 3).toBe(0);
    expect(names).toContain(alarmNameOf(PREFIX, 'bert-large-search', 'gpu-low'));
  });

  it('reads the metrics the agent config publishes: namespace, fleet dimension and measurements', async () => {
    // Prepare
    const agent = createRequire(import.meta.url)('../../../infra/cloudwatch-agent-gpu.json') as {
      metrics: {
        namespace: string;
        aggregation_dimensions: string[][];
        metrics_collected: { nvidia_gpu: { measurement: { name: string }[]; append_dimensions: Record<string, string> } };
      };
    };
    const published = agent.metrics.metrics_collected.nvidia_gpu.measurement.map((m) => `nvidia_smi_${m.name}`);

    // Act
    const queried = alarmsOf(entry()).flatMap((a) => a.Properties.Metrics.flatMap((q) => (q.MetricStat ? [q.MetricStat.Metric] : [])));

    // Assess
    expect(agent.metrics.namespace).toBe(GPU_METRICS.namespace);
    expect(agent.metrics.aggregation_dimensions).toContainEqual([GPU_METRICS.fleetDimension]);
    expect(Object.keys(agent.metrics.metrics_collected.nvidia_gpu.append_dimensions)).toEqual([GPU_METRICS.fleetDimension]);
    for (const metric of queried) {
      expect(metric.Namespace).toBe(agent.metrics.namespace);
      expect(published).toContain(metric.MetricName);
      expect(metric.Dimensions.map((d) => d.Name)).toEqual([GPU_METRICS.fleetDimension]);
    }
  });
});
