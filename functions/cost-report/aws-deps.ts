/** Composition root for Lambda: the AWS and Slack adapters behind every port of the cost-report function. */
import { CloudWatchMetricPublisher } from '../../layers/adapters/aws/cloudwatch-metric-publisher';
import { CloudWatchUsageMetrics } from '../../layers/adapters/aws/cloudwatch-usage-metrics';
import { DynamoDbCostLedger } from '../../layers/adapters/aws/dynamodb-cost-ledger';
import type { CostReportDeps } from '../../layers/app/run-cost-report';
import type { Env } from '../../layers/platform/config';
import { awsBasePorts } from '../../layers/wiring/aws-operator-ports';

export const awsCostReportDeps = (env: Env): CostReportDeps => {
  const { clients, fleets, ports } = awsBasePorts(env);
  const { cloudwatch, dynamodb } = clients;
  return {
    ...ports,
    fleets,
    costs: new DynamoDbCostLedger({ client: dynamodb, tableName: env.LEDGER_TABLE }),
    usage: new CloudWatchUsageMetrics({ cloudwatch, agentNamespace: env.AGENT_METRICS_NAMESPACE }),
    publisher: new CloudWatchMetricPublisher({ cloudwatch, clock: ports.clock, namespace: env.METRICS_NAMESPACE }),
    config: {
      // Without a channel of its own, the digest goes to the first fleet's channel.
      channel: env.COST_REPORT_CHANNEL ?? fleets[0]?.slackChannel ?? '#gpu-fleet-autopilot',
      requestsSource: env.COST_REQUESTS_SOURCE,
      idleThresholdPercent: env.COST_IDLE_GPU_PERCENT,
      gpuPeriodSeconds: env.COST_GPU_PERIOD_SECONDS,
    },
  };
};
