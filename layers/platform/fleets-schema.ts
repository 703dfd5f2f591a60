/** The fleets file schema (zod): validated at build (npm test) and at cold start, errors name the field. */
import { z } from 'zod';
import { defaultGpuAlarmThresholds, gpuAlarmThresholdsProblems } from '../core/gpu-alarm/alarm-thresholds';
import { ForecastBlockSchema } from './fleet-forecast-schema';
import { GpuAlarmsBlockSchema } from './fleet-gpu-alarms-schema';

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

export const FleetEntrySchema = z
  .object({
    fleetId: z.string().regex(/^fleet-[0-9a-f-]+$/, 'must be an EC2 Fleet id like fleet-0123abcd-...'),
    name: z.string().min(1).max(64),
    tier: z.enum(['critical', 'standard', 'batch']),
    model: z.object({
      name: z.string().min(1),
      precision: z.enum(['fp16', 'int8']),
      sequenceLength: z.number().int().positive().optional(),
    }),
    sloP99Ms: positive,
    queueUrls: z.array(z.url()).min(1),
    /** Candidate instance types; their capacity comes from `capacityUnits` or, failing that, the catalog. */
    instanceTypes: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, 'must be an instance type like g5.xlarge')).min(1),
    /** QPS at the SLO per instance of each type (the fleet's WeightedCapacity), when measured by the team. */
    capacityUnits: z.record(z.string(), positive).optional(),
    minCapacityUnits: nonNegative,
    maxCapacityUnits: positive,
    onDemandBaseUnits: nonNegative.default(0),
    launchLeadTimeSeconds: z.number().int().min(30).max(3600),
    slackChannel: z.string().min(1),
    dryRun: z.boolean().default(false),
    rebalancePolicy: z.enum(['surge-then-drain', 'surge-and-drain', 'notify-only']).default('surge-then-drain'),
    drainTimeoutSeconds: z.number().int().min(300).max(6 * 3600).default(1800),
    /** Forecast scaling: fields left out take the tier's defaults. */
    forecast: ForecastBlockSchema.optional(),
    /** GPU utilization and memory alarms (infra/gpu-alarms.cjs): fields left out take the tier's defaults. */
    gpuAlarms: GpuAlarmsBlockSchema.optional(),
    /** Who pays for the fleet (chargeback): the fleet's `team` and `cost-center` tags. */
    team: z.string().min(1).max(128).optional(),
    costCenter: z.string().min(1).max(128).optional(),
  })
  .strict()
  .refine((f) => f.minCapacityUnits <= f.maxCapacityUnits, {
    message: 'minCapacityUnits must not exceed maxCapacityUnits',
    path: ['minCapacityUnits'],
  })
  .refine((f) => f.onDemandBaseUnits <= f.maxCapacityUnits, {
    message: 'onDemandBaseUnits must not exceed maxCapacityUnits',
    path: ['onDemandBaseUnits'],
  })
  // Across fields, on the block merged over the tier's defaults: a block may be valid alone and not with them.
  .superRefine((f, ctx) => {
    if (!f.gpuAlarms) return;
    for (const problem of gpuAlarmThresholdsProblems({ ...defaultGpuAlarmThresholds(f.tier), ...f.gpuAlarms })) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: ['gpuAlarms', problem.field] });
    }
  });

export const FleetsFileSchema = z
  .object({ fleets: z.array(FleetEntrySchema).min(1) })
  .strict()
  .refine((f) => new Set(f.fleets.map((x) => x.fleetId)).size === f.fleets.length, {
    message: 'fleet ids must be unique',
    path: ['fleets'],
  });

export type FleetEntry = z.infer<typeof FleetEntrySchema>;
export type FleetsFile = z.infer<typeof FleetsFileSchema>;

/** `fleets[0].sloP99Ms: Invalid input: expected number, received string` — one line per problem. */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n');

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
