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
});

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parse the environment; throws ConfigError naming every missing or bad variable. */
export const readEnv = (env: Record<string, string | undefined> = process.env): Readonly<Env> => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid environment:\n${describeIssues(parsed.error)}`);
  return Object.freeze(parsed.data);
};
