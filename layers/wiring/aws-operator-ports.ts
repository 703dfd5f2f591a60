/** The operator-facing ports every deployed function wires the same way: Slack, the kill switch, the fleets file. */
import { awsClients } from '../adapters/aws/aws-clients';
import { CloudWatchMetrics } from '../adapters/aws/cloudwatch-metrics';
import { DynamoDbLedger } from '../adapters/aws/dynamodb-ledger';
import { Ec2FleetAdapter } from '../adapters/aws/ec2-fleet-adapter';
import { SqsQueueStats } from '../adapters/aws/sqs-queue-stats';
import { SsmKillSwitch } from '../adapters/aws/ssm-kill-switch';
import { makeSsmSecret } from '../adapters/aws/ssm-secret';
import { SlackBotNotifier } from '../adapters/slack/slack-bot-notifier';
import { SlackWebhookNotifier } from '../adapters/slack/slack-webhook-notifier';
import { systemClock } from '../adapters/system-clock';
import type { FleetConfig } from '../core/fleet';
import type { NotifierPort } from '../ports/notifier-port';
import type { SettingsPort } from '../ports/settings-port';
import { catalogCapacity } from '../platform/catalog-capacity';
import { schedulerEnvOf, type Env } from '../platform/config';
import { readFleetsFile } from '../platform/fleets-file';
import { loggerPort } from '../platform/observability';

/**
 * Slack may be called while a fleet's lock is held: keep its worst case (3 tries of 3 s, Retry-After up to 5 s)
 * well inside the 30 s lock lease. What does not get through is retried later (Lambda, or the next run).
 */
const SLACK_LIMITS = { timeoutMs: 3_000, maxRetries: 2, maxRetryAfterSeconds: 5 } as const;

export interface OperatorPorts {
  notifier: NotifierPort;
  settings: SettingsPort;
  fleets: FleetConfig[];
}

/** Slack (bot or webhook, its secret from SSM SecureString), the SSM kill switch and the validated fleets file. */
/** The SSM client the adapters take (typed through them: only adapters import the AWS SDK). */
type SsmClient = Parameters<typeof makeSsmSecret>[0]['ssm'];

export const awsOperatorPorts = (env: Env, ssm: SsmClient): OperatorPorts => {
  const secret = makeSsmSecret({ ssm, name: env.SLACK_SECRET_PARAM, maxAgeSeconds: 300 });
  return {
    notifier:
      env.SLACK_MODE === 'bot'
        ? new SlackBotNotifier({ getToken: secret, clock: systemClock, ...SLACK_LIMITS })
        : new SlackWebhookNotifier({ getWebhookUrl: secret, clock: systemClock, ...SLACK_LIMITS }),
    settings: new SsmKillSwitch({ ssm, parameterName: env.KILL_SWITCH_PARAM, maxAgeMs: 10_000, nowMs: systemClock.nowMs }),
    fleets: readFleetsFile(env.FLEETS_FILE, catalogCapacity),
  };
};

/** Where one-time schedules invoke the function, as the Scheduler adapters take it. */
export const scheduleTargetOf = (env: Env) => {
  const { targetArn, roleArn, group } = schedulerEnvOf(env);
  return { targetArn, roleArn, groupName: group, ...(env.SCHEDULER_DLQ_ARN ? { deadLetterArn: env.SCHEDULER_DLQ_ARN } : {}) };
};

/**
 * What every function's composition root starts from: the SDK clients (for the adapters only it needs), the fleets
 * file, and the ports all use. Adapters are cheap objects: one a function does not use costs nothing.
 */
export const awsBasePorts = (env: Env) => {
  const clients = awsClients();
  const { notifier, settings, fleets } = awsOperatorPorts(env, clients.ssm);
  return {
    clients,
    fleets,
    ports: {
      fleet: new Ec2FleetAdapter({ ec2: clients.ec2 }),
      queue: new SqsQueueStats({ sqs: clients.sqs }),
      metrics: new CloudWatchMetrics({ cloudwatch: clients.cloudwatch }),
      ledger: new DynamoDbLedger({ client: clients.dynamodb, tableName: env.LEDGER_TABLE }),
      notifier,
      settings,
      clock: systemClock,
      logger: loggerPort,
    },
  };
};
