/** Environment configuration, read once at cold start with zod; the only module that reads process.env. */
import { z } from 'zod';
import { describeIssues } from './fleets-schema';

const REMEDIATION_KINDS = ['scale-to-need', 'rebalance-to-spot', 'undo-surge', 'undo-drain', 'alert-only'] as const;
const TierRemediationSchema = z.object({ handsOff: z.array(z.enum(REMEDIATION_KINDS)).optional(), recommendAboveUsdPerHour: z.number().nonnegative().optional() }).strict();
const CostRemediationOverridesSchema = z.object({ critical: TierRemediationSchema.optional(), standard: TierRemediationSchema.optional(), batch: TierRemediationSchema.optional() }).strict();

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const EnvSchema = z.object({
  STAGE: z.string().min(1),
  AWS_REGION: z.string().min(1),
  LEDGER_TABLE: z.string().min(1),
  FLEETS_FILE: z.string().min(1).default('config/fleets.yaml'),
  DRY_RUN: flag.default(false),
  KILL_SWITCH_PARAM: z.string().startsWith('/'),
  SLACK_MODE: z.enum(['bot', 'webhook']).default('bot'),
  SLACK_SECRET_PARAM: z.string().startsWith('/'),
  /** Where a function's one-time schedules invoke it; set for the functions that schedule (scheduleTargetOf). */
  SCHEDULER_GROUP: z.string().min(1).optional(),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:').optional(),
  SCHEDULER_TARGET_ARN: z.string().startsWith('arn:').optional(),
  SCHEDULER_DLQ_ARN: z.string().startsWith('arn:').optional(),
  MAX_SURGE_UNITS_PER_EVENT: z.coerce.number().positive().default(1000),
  /** The forecast scaler's schedule rate, minutes (serverless.yml builds its rule's `rate(N minutes)` from the same param). */
  FORECAST_RUN_INTERVAL_MINUTES: z.coerce.number().int().min(2).max(60).default(5),
  /** CloudWatch period of the demand history and the forecast's step: 60 s data is kept 15 days, 300 s 63 days. */
  FORECAST_STEP_SECONDS: z.coerce.number().int().refine((v) => [60, 300, 900, 1800, 3600].includes(v), 'must be 60, 300, 900, 1800 or 3600').default(300),
  SCALE_IN_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  METRICS_NAMESPACE: z.string().min(1).max(255).default('GpuFleetAutopilot'),
  /** The rebalancer's schedule rate, minutes (serverless.yml builds its rule's `rate(N minutes)` from the same param). */
  REBALANCE_RUN_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(60).default(15),
  /** How often the rebalancer plans a fleet when nothing asks sooner, minutes (at least the run interval). */
  REBALANCE_PLAN_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  /** How long the agent of an instance the rebalancer replaces has to drain it, seconds. */
  REBALANCE_DRAIN_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /**
   * The stack's `${service}-${stage}`, the first part of its GPU alarms' names (`<prefix>.<fleet>.<kind>`); set for the
   * gpu-alarm function only (alarmPrefixOf fails its cold start without it). A dot would end the prefix early.
   */
  ALARM_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be the stack prefix ${service}-${stage}, without dots').optional(),
  /** The stack's account (`!Ref AWS::AccountId`): cost anomalies name it; set for the cost-anomaly function. */
  ACCOUNT_ID: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  /** The spend-rate check's schedule rate, minutes (serverless.yml builds the cost-anomaly rule's rate from the same param). */
  SPEND_WATCH_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /** Spend above the expected rate by more than this share (plus one instance) is outside the band. */
  SPEND_WATCH_TOLERANCE: z.coerce.number().min(0).max(5).default(0.25),
  /** How long spend must stay outside its band before it is an anomaly, seconds. */
  SPEND_WATCH_SUSTAIN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  /**
   * Per tier, the cost remediations that run hands-off and the $/hour change above which any only recommends, as JSON
   * over the tiers' defaults, e.g. `{"critical":{"handsOff":["undo-surge"],"recommendAboveUsdPerHour":10}}`.
   */
  COST_REMEDIATION: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(CostRemediationOverridesSchema),
  /** Where a cost anomaly no managed fleet explains is told (default: the first fleet's channel). */
  COST_ALERT_CHANNEL: z.string().min(1).optional(),
  /** The cost report's Slack channel (default: the first fleet's). */
  COST_REPORT_CHANNEL: z.string().min(1).optional(),
  /** Requests served: the agent's `Served` EMF count, or SQS NumberOfMessagesDeleted for fleets without the agent. */
  COST_REQUESTS_SOURCE: z.enum(['agent-served', 'sqs-deleted']).default('agent-served'),
  /** GPU utilization below which a period's GPU-hours count as idle, percent. */
  COST_IDLE_GPU_PERCENT: z.coerce.number().min(0).max(100).default(10),
  COST_GPU_PERIOD_SECONDS: z.coerce.number().int().min(60).max(3600).refine((v) => v % 60 === 0, 'must be a multiple of 60').default(300),
  /** The agent's EMF namespace (agent config `metricsNamespace`). */
  AGENT_METRICS_NAMESPACE: z.string().min(1).max(255).default('GpuFleetAutopilot/Agent'),
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The gpu-alarm function's alarm prefix; throws ConfigError when the function was deployed without it. */
export const alarmPrefixOf = (env: Pick<Env, 'ALARM_PREFIX'>): string => {
  if (env.ALARM_PREFIX === undefined) throw new ConfigError('invalid environment:\nALARM_PREFIX: required by the gpu-alarm function');
  return env.ALARM_PREFIX;
};

/** Where the function's one-time schedules invoke it; throws ConfigError when it was deployed without them. */
export const schedulerEnvOf = (env: Pick<Env, 'SCHEDULER_GROUP' | 'SCHEDULER_ROLE_ARN' | 'SCHEDULER_TARGET_ARN'>): { group: string; roleArn: string; targetArn: string } => {
  const missing = (['SCHEDULER_GROUP', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_TARGET_ARN'] as const).filter((k) => env[k] === undefined);
  if (missing.length > 0) throw new ConfigError(`invalid environment:\n${missing.map((k) => `${k}: required by a function that schedules its own follow-ups`).join('\n')}`);
  return { group: env.SCHEDULER_GROUP ?? '', roleArn: env.SCHEDULER_ROLE_ARN ?? '', targetArn: env.SCHEDULER_TARGET_ARN ?? '' };
};

/** The stack's account id; throws ConfigError when the function was deployed without it. */
export const accountIdOf = (env: Pick<Env, 'ACCOUNT_ID'>): string => {
  if (env.ACCOUNT_ID === undefined) throw new ConfigError('invalid environment:\nACCOUNT_ID: required by the cost-anomaly function');
  return env.ACCOUNT_ID;
};

/** Parse the environment; throws ConfigError naming every missing or bad variable. */
export const readEnv = (env: Record<string, string | undefined> = process.env): Readonly<Env> => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid environment:\n${describeIssues(parsed.error)}`);
  return Object.freeze(parsed.data);
};
