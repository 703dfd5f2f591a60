/** Composition root for Lambda: the AWS and Slack adapters behind every port of the spot use case. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
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

// Adaptive retry mode: client-side rate limiting when EC2/DynamoDB throttle, the better fit for Lambda bursts.
const sdk = { retryMode: 'adaptive', maxAttempts: 5 } as const;

export const awsSpotDeps = (env: Env): SpotDeps => {
  const ssm = new SSMClient(sdk);
  const secret = makeSsmSecret({ ssm, name: env.SLACK_SECRET_PARAM, maxAgeSeconds: 300 });
  return {
    fleet: new Ec2FleetAdapter({ ec2: new EC2Client(sdk) }),
    queue: new SqsQueueStats({ sqs: new SQSClient(sdk) }),
    metrics: new CloudWatchMetrics({ cloudwatch: new CloudWatchClient(sdk) }),
    ledger: new DynamoDbLedger({ client: new DynamoDBClient(sdk), tableName: env.LEDGER_TABLE }),
    notifier:
      env.SLACK_MODE === 'bot'
        ? new SlackBotNotifier({ getToken: secret, clock: systemClock })
        : new SlackWebhookNotifier({ getWebhookUrl: secret, clock: systemClock }),
    scheduler: new EventBridgeFollowUpScheduler({
      scheduler: new SchedulerClient(sdk),
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
