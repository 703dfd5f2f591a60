/** A fleet's CloudWatch GPU alarm thresholds and evaluation: the fleets file's `gpuAlarms` block over its tier's defaults. */
import type { Tier } from '../tier';
import defaults from './alarm-threshold-defaults.json';

/**
 * What the three alarms of a fleet compare, and how long. One period/evaluation set serves the three alarms: the
 * decisions add their own hysteresis and cooldowns on top (the alarms only say what CloudWatch saw).
 */
export interface GpuAlarmThresholds {
  /** `gpu-low` goes to ALARM below this fleet-wide average GPU utilization, percent. */
  lowUtilizationPercent: number;
  /** `gpu-high` goes to ALARM above this fleet-wide average GPU utilization, percent. */
  highUtilizationPercent: number;
  /** `gpu-memory-high` goes to ALARM above this share of the fleet's GPU memory in use, percent. */
  highMemoryPercent: number;
  /** CloudWatch period, seconds: a multiple of 60 (the agent publishes once a minute). */
  periodSeconds: number;
  /** N of "M out of N". */
  evaluationPeriods: number;
  /** M of "M out of N". */
  datapointsToAlarm: number;
}

/**
 * Where the alarms read GPU metrics: the CloudWatch agent's NVIDIA metrics, rolled up by the agent on the fleet
 * dimension (infra/cloudwatch-agent-gpu.json). Shared with infra/gpu-alarms.cjs through the same JSON file.
 */
export const GPU_METRICS = {
  namespace: defaults.namespace,
  fleetDimension: defaults.fleetDimension,
  utilization: defaults.metrics.utilization,
  memoryUsed: defaults.metrics.memoryUsed,
  memoryTotal: defaults.metrics.memoryTotal,
} as const;

// Keyed by Tier, so a tier added in core and missing from the defaults file fails type-checking.
const TIER_DEFAULTS: Record<Tier, GpuAlarmThresholds> = defaults.tiers;

/** The tier's defaults: critical fleets alarm sooner (fewer, shorter periods) and keep more headroom. */
export const defaultGpuAlarmThresholds = (tier: Tier): GpuAlarmThresholds => ({ ...TIER_DEFAULTS[tier] });

/** The fleet's alarm thresholds: its own where given, its tier's defaults elsewhere. */
export const gpuAlarmThresholdsOf = (fleet: { tier: Tier; gpuAlarms?: Partial<GpuAlarmThresholds> }): GpuAlarmThresholds => ({
  ...defaultGpuAlarmThresholds(fleet.tier),
  ...fleet.gpuAlarms,
});

/** One reason a thresholds set cannot become valid alarms, naming the field. */
export interface GpuAlarmThresholdsProblem {
  field: keyof GpuAlarmThresholds;
  message: string;
}

// PutMetricAlarm: Period x EvaluationPeriods at most one day for periods under an hour, seven days otherwise.
const ONE_DAY_SECONDS = 86_400;
const SEVEN_DAYS_SECONDS = 604_800;

/**
 * What is wrong with merged thresholds, across fields (each field's own range is the schema's job): thresholds that
 * overlap, M above N, or an evaluation window CloudWatch refuses.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 */
export const gpuAlarmThresholdsProblems = (thresholds: GpuAlarmThresholds): GpuAlarmThresholdsProblem[] => {
  const problems: GpuAlarmThresholdsProblem[] = [];
  if (thresholds.lowUtilizationPercent >= thresholds.highUtilizationPercent) {
    problems.push({
      field: 'lowUtilizationPercent',
      message: `must be below highUtilizationPercent (${thresholds.highUtilizationPercent})`,
    });
  }
  if (thresholds.datapointsToAlarm > thresholds.evaluationPeriods) {
    problems.push({ field: 'datapointsToAlarm', message: `must not exceed evaluationPeriods (${thresholds.evaluationPeriods})` });
  }
  const limit = thresholds.periodSeconds < 3600 ? ONE_DAY_SECONDS : SEVEN_DAYS_SECONDS;
  if (thresholds.periodSeconds * thresholds.evaluationPeriods > limit) {
    problems.push({
      field: 'evaluationPeriods',
      message: `periodSeconds x evaluationPeriods must not exceed ${limit} s (CloudWatch's evaluation range)`,
    });
  }
  return problems;
};
