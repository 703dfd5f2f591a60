/** Environment configuration, read once at cold start with zod; the only module that reads process.env. */
import { z } from 'zod';
import { describeIssues } from './fleets-schema';

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
  SCHEDULER_GROUP: z.string().min(1),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:'),
  SCHEDULER_TARGET_ARN: z.string().startsWith('arn:'),
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

/** Parse the environment; throws ConfigError naming every missing or bad variable. */
export const readEnv = (env: Record<string, string | undefined> = process.env): Readonly<Env> => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid environment:\n${describeIssues(parsed.error)}`);
  return Object.freeze(parsed.data);
};
