/**
 * A fleet's GPU utilization alarms as infra/gpu-alarms.cjs creates them, evaluated on the simulated fleet-wide GPU
 * utilization, and their state changes as the EventBridge events the gpu-alarm function receives.
 */
import type { FleetConfig } from '../../layers/core/fleet';
import { alarmNameOf } from '../../layers/core/gpu-alarm/alarm-name';
import { GPU_METRICS, gpuAlarmThresholdsOf } from '../../layers/core/gpu-alarm/alarm-thresholds';
import type { AlarmDefinition } from './alarm-definition';
import { AlarmEvaluator } from './alarm-evaluator';
import { alarmStateChangeEvent, type CloudWatchAlarmStateChangeEvent } from './alarm-state-change-event';

/**
 * The `gpu-low` and `gpu-high` alarms of one fleet: the CWAgent `nvidia_smi_utilization_gpu` Average on the
 * fleet's `FleetId` series, the fleet's thresholds, period, M of N, missing data `missing`, as infra/gpu-alarms.cjs.
 * The `gpu-memory-high` alarm is left out: the simulator has no GPU memory (a model's engines fit, or the fleet
 * would not serve at all).
 *
 * @example
 * gpuUtilizationAlarms('gpu-fleet-autopilot-sim', fleet).map((a) => a.name); // ['...bert-large-qa.gpu-low', '...gpu-high']
 */
export const gpuUtilizationAlarms = (prefix: string, fleet: FleetConfig): AlarmDefinition[] => {
  const t = gpuAlarmThresholdsOf(fleet);
  const common = {
    metric: { namespace: GPU_METRICS.namespace, name: GPU_METRICS.utilization, dimensions: { [GPU_METRICS.fleetDimension]: fleet.fleetId } },
    metricId: 'utilization',
    statistic: 'Average',
    periodSeconds: t.periodSeconds,
    evaluationPeriods: t.evaluationPeriods,
    datapointsToAlarm: t.datapointsToAlarm,
    treatMissingData: 'missing',
  } as const;
  const window = `in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds} s`;
  return [
    {
      ...common,
      name: alarmNameOf(prefix, fleet.name, 'gpu-low'),
      description: `${fleet.name} (${fleet.fleetId}): fleet-wide GPU utilization below ${t.lowUtilizationPercent}% ${window}.`,
      threshold: t.lowUtilizationPercent,
      comparisonOperator: 'LessThanThreshold',
    },
    {
      ...common,
      name: alarmNameOf(prefix, fleet.name, 'gpu-high'),
      description: `${fleet.name} (${fleet.fleetId}): fleet-wide GPU utilization above ${t.highUtilizationPercent}% ${window}.`,
      threshold: t.highUtilizationPercent,
      comparisonOperator: 'GreaterThanThreshold',
    },
  ];
};

export interface GpuAlarmFeedOptions {
  prefix: string;
  fleet: FleetConfig;
  /** When the alarms were created (they start in INSUFFICIENT_DATA). */
  startMs: number;
  account: string;
  region: string;
}

/**
 * The alarms of one fleet fed the fleet's average GPU utilization as the CloudWatch agent would publish it. A step
 * with nothing serving publishes nothing (no GPU host reports), which the alarms see as missing data.
 *
 * @example
 * const feed = new GpuAlarmFeed({ prefix, fleet, startMs, account, region });
 * feed.sample(stepStartMs, 0.12);              // 12% busy during the step
 * for (const event of feed.due(stepEndMs)) ... // the state changes of the periods that closed
 */
export class GpuAlarmFeed {
  readonly alarms: AlarmEvaluator[];
  private pending: CloudWatchAlarmStateChangeEvent[] = [];

  constructor(private readonly options: GpuAlarmFeedOptions) {
    this.alarms = gpuUtilizationAlarms(options.prefix, options.fleet).map(
      (definition) =>
        new AlarmEvaluator(definition, {
          startMs: options.startMs,
          onTransition: (transition) => this.pending.push(alarmStateChangeEvent(definition, transition, { account: options.account, region: options.region })),
        }),
    );
  }

  /** One sample of the fleet's utilization (0..1) at `atMs`, published as percent. */
  sample(atMs: number, utilization: number): void {
    for (const alarm of this.alarms) alarm.add(atMs, utilization * 100);
  }

  /** Closes every period ended by `nowMs` and hands out the state changes since the last call, oldest first. */
  due(nowMs: number): CloudWatchAlarmStateChangeEvent[] {
    for (const alarm of this.alarms) alarm.advanceTo(nowMs);
    if (this.pending.length === 0) return [];
    const events = this.pending.sort((a, b) => a.time.localeCompare(b.time));
    this.pending = [];
    return events;
  }
}
