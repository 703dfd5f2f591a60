/**
 * The two CloudWatch alarms AWS creates for a target tracking policy on GPU utilization: a high alarm that
 * scales out, a low alarm that scales in. "Amazon EC2 Auto Scaling creates and manages the CloudWatch alarms that
 * trigger the scaling policy" (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html).
 */
import type { AlarmDefinition } from '../alarms/alarm-definition';

/** High alarm: 3 of 3 one-minute datapoints above the target (the metric rising is answered within minutes). */
export const HIGH_ALARM_DATAPOINTS = 3;
/** Low alarm: 15 of 15 one-minute datapoints below it, so scale-in waits a quarter of an hour of low load. */
export const LOW_ALARM_DATAPOINTS = 15;
/**
 * The low alarm's threshold as a share of the target: AWS removes capacity "only when utilization passes a
 * threshold that is far enough below the target value (usually more than 10% lower)"
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html).
 */
export const LOW_ALARM_SHARE_OF_TARGET = 0.9;

export interface TargetTrackingAlarms {
  high: AlarmDefinition;
  low: AlarmDefinition;
}

/**
 * The alarms for keeping the fleet's average `nvidia_smi_utilization_gpu` (CloudWatch agent, percent) at
 * `targetUtilization` (0..1). Both keep CloudWatch's default treatment of missing data, so a fleet that reports
 * nothing goes to INSUFFICIENT_DATA, in which target tracking never scales in.
 *
 * @example
 * ```ts
 * targetTrackingAlarms('bert-large', 'reactive', 0.6).high.threshold; // 60
 * ```
 */
export const targetTrackingAlarms = (fleetName: string, policyName: string, targetUtilization: number): TargetTrackingAlarms => {
  const common = {
    description: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policyName}.`,
    metric: { namespace: 'CWAgent', name: 'nvidia_smi_utilization_gpu', dimensions: { AutoScalingGroupName: fleetName } },
    statistic: 'Average',
    periodSeconds: 60,
    treatMissingData: 'missing',
  } as const;
  const targetPercent = targetUtilization * 100;
  return {
    high: {
      ...common,
      name: `TargetTracking-${fleetName}-AlarmHigh`,
      evaluationPeriods: HIGH_ALARM_DATAPOINTS,
      datapointsToAlarm: HIGH_ALARM_DATAPOINTS,
      threshold: targetPercent,
      comparisonOperator: 'GreaterThanThreshold',
    },
    low: {
      ...common,
      name: `TargetTracking-${fleetName}-AlarmLow`,
      evaluationPeriods: LOW_ALARM_DATAPOINTS,
      datapointsToAlarm: LOW_ALARM_DATAPOINTS,
      threshold: targetPercent * LOW_ALARM_SHARE_OF_TARGET,
      comparisonOperator: 'LessThanThreshold',
    },
  };
};
