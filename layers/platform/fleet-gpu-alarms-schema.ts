/** The fleets file's optional `gpuAlarms` block (zod): Partial<GpuAlarmThresholds>, every field within CloudWatch's range. */
import { z } from 'zod';

const percent = z.number().gt(0).lt(100);

/**
 * The `gpuAlarms` block of a fleet: any field left out takes its tier's default (gpuAlarmThresholdsOf). Checks that
 * span fields (low below high, M at most N, the evaluation window) run on the merged settings in fleets-schema.ts.
 *
 * @example
 * gpuAlarms: { lowUtilizationPercent: 15, evaluationPeriods: 15, datapointsToAlarm: 12 }
 */
export const GpuAlarmsBlockSchema = z
  .object({
    lowUtilizationPercent: percent,
    highUtilizationPercent: percent,
    highMemoryPercent: percent,
    /**
     * A multiple of 60: the agent publishes one datapoint a minute, and a 10/20/30 s period on minute data lapses
     * into INSUFFICIENT_DATA (PutMetricAlarm `Period`). At most a day.
     */
    periodSeconds: z.number().int().min(60).max(86_400).multipleOf(60, 'must be a multiple of 60'),
    evaluationPeriods: z.number().int().min(1).max(1440),
    datapointsToAlarm: z.number().int().min(1).max(1440),
  })
  .partial()
  .strict();

export type GpuAlarmsBlock = z.infer<typeof GpuAlarmsBlockSchema>;
