/** The fleets file's optional `forecast` block (zod): Partial<ForecastSettings>, every field within a sane range. */
import { z } from 'zod';

/** ASCII, at least one non-blank character, not starting with a colon (the CloudWatch Dimension/Namespace rules). */
const cloudWatchName = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^(?!:)[\x20-\x7e]+$/, 'must be printable ASCII and not start with a colon')
    .refine((s) => s.trim().length > 0, 'must not be blank');

/**
 * Where the demand history is read. Limits from the CloudWatch API reference (Metric, Dimension): namespace and
 * metric name 1-255 characters, up to 30 dimensions, names 1-255 and values 1-1024 characters.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Metric.html
 */
export const DemandMetricSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqs-messages-sent') }).strict(),
  z
    .object({
      kind: z.literal('custom'),
      namespace: cloudWatchName(255),
      metricName: cloudWatchName(255),
      dimensions: z
        .record(cloudWatchName(255), cloudWatchName(1024))
        .default({})
        .refine((d) => Object.keys(d).length <= 30, 'at most 30 dimensions'),
      /** Sum of a request-count metric, or SampleCount of a per-request metric such as latency. */
      stat: z.enum(['Sum', 'SampleCount']),
    })
    .strict(),
]);

const share = z.number().min(0).max(1);

/**
 * The `forecast` block of a fleet: any field left out takes its tier's default (forecastSettingsOf).
 *
 * @example
 * forecast: { quantile: 0.97, horizonHours: 12, metric: { kind: custom, namespace: AWS/ApplicationELB,
 *   metricName: RequestCount, dimensions: { LoadBalancer: app/bert/50dc6c495c0c9188 }, stat: Sum } }
 */
export const ForecastBlockSchema = z
  .object({
    enabled: z.boolean(),
    metric: DemandMetricSchema,
    /** The upper quantile the capacity covers: the median at least, not beyond p99.9 (the normal tail is unreliable there). */
    quantile: z.number().min(0.5).max(0.999),
    /** Below 30% the forecast buys more idle GPUs than it saves. */
    targetUtilization: z.number().min(0.3).max(1),
    backlogDrainSeconds: z.number().int().min(30).max(3600),
    maxScaleInFractionPerHour: share,
    scaleInAgreement: share,
    largeActionFraction: share,
    driftMase: z.number().min(0.1).max(10),
    /** A day of 5-minute runs: the forecast state keeps no more scored predictions than that. */
    driftWindowRuns: z.number().int().min(1).max(288),
    /** CloudWatch keeps 5-minute datapoints for 63 days. */
    historyDays: z.number().int().min(1).max(63),
    horizonHours: z.number().int().min(1).max(48),
  })
  .partial()
  .strict();

export type ForecastBlock = z.infer<typeof ForecastBlockSchema>;
