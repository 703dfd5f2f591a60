/** Composition root for Lambda: the AWS and Slack adapters behind every port of the spot use case. */
import { awsClients } from '../../layers/adapters/aws/aws-clients';
import { CloudWatchMetrics } from '../../layers/adapters/aws/cloudwatch-metrics';
import { DynamoDbLedger } from '../../layers/adapters/aws/dynamodb-ledger';
import { Ec2FleetAdapter } from '../../layers/adapters/aws/ec2-fleet-adapter';
import { EventBridgeFollowUpScheduler } from '../../layers/adapters/aws/eventbridge-scheduler';
import { SqsQueueStats } from '../../layers/adapters/aws/sqs-queue-stats';
import { SsmKillSwitch } from '../../layers/adapters/aws/ssm-kill-switch';
import { makeSsmSecret } from '../../layers/adapters/aws/ssm-secret';
import { SlackBotNotifier } from '../../layers/adapters/slack/slack-bot-notifier';
import { SlackWebhookNotifier } from '../../layers/adapters/slack/slack-webhook-notifier';
import { systemClock } from '../../layers/adapters/system-clock';
import type { SpotDeps } from '../../layers/app/spot-deps';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import type { Env } from '../../layers/platform/config';
import { readFleetsFile } from '../../layers/platform/fleets-file';
import { loggerPort } from '../../layers/platform/observability';
import { spotSettings } from '../../layers/platform/spot-settings';

/**
 * Slack is called while the fleet's lock is held: keep its worst case (3 tries of 3 s, Retry-After up to 5 s)
 * well inside the 30 s lock lease. What does not get through is retried by Lambda with the event.
 */
const SLACK_LIMITS = { timeoutMs: 3_000, maxRetries: 2, maxRetryAfterSeconds: 5 } as const;

export const awsSpotDeps = (env: Env): SpotDeps => {
  const { ec2, sqs, cloudwatch, dynamodb, scheduler, ssm } = awsClients();
  const secret = makeSsmSecret({ ssm, name: env.SLACK_SECRET_PARAM, maxAgeSeconds: 300 });
  return {
    fleet: new Ec2FleetAdapter({ ec2 }),
    queue: new SqsQueueStats({ sqs }),
    metrics: new CloudWatchMetrics({ cloudwatch }),
    ledger: new DynamoDbLedger({ client: dynamodb, tableName: env.LEDGER_TABLE }),
    notifier:
      env.SLACK_MODE === 'bot'
        ? new SlackBotNotifier({ getToken: secret, clock: systemClock, ...SLACK_LIMITS })
        : new SlackWebhookNotifier({ getWebhookUrl: secret, clock: systemClock, ...SLACK_LIMITS }),
    scheduler: new EventBridgeFollowUpScheduler({
      scheduler,
      targetArn: env.SCHEDULER_TARGET_ARN,
      roleArn: env.SCHEDULER_ROLE_ARN,
      groupName: env.SCHEDULER_GROUP,
      ...(env.SCHEDULER_DLQ_ARN ? { deadLetterArn: env.SCHEDULER_DLQ_ARN } : {}),
    }),
    settings: new SsmKillSwitch({ ssm, parameterName: env.KILL_SWITCH_PARAM, maxAgeMs: 10_000, nowMs: systemClock.nowMs }),
    clock: systemClock,
    logger: loggerPort,
    config: spotSettings({ fleets: readFleetsFile(env.FLEETS_FILE, catalogCapacity), globalDryRun: env.DRY_RUN, maxSurgeUnitsPerEvent: env.MAX_SURGE_UNITS_PER_EVENT }),
  };
};
