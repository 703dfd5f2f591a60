/** Composition root for Lambda: the AWS and Slack adapters behind every port of the cost-anomaly function. */
import { CloudWatchMetricPublisher } from '../../layers/adapters/aws/cloudwatch-metric-publisher';
import { DynamoDbCostLedger } from '../../layers/adapters/aws/dynamodb-cost-ledger';
import { Ec2SpotPrices } from '../../layers/adapters/aws/ec2-spot-prices';
import type { CostAnomalyFunctionDeps } from '../../layers/app/handle-cost-anomaly-trigger';
import { accountIdOf, type Env } from '../../layers/platform/config';
import { awsBasePorts } from '../../layers/wiring/aws-operator-ports';

export const awsCostAnomalyDeps = (env: Env): CostAnomalyFunctionDeps => {
  const { clients, fleets, ports } = awsBasePorts(env);
  const prices = new Ec2SpotPrices({ ec2: clients.ec2, clock: ports.clock });
  const costs = new DynamoDbCostLedger({ client: clients.dynamodb, tableName: env.LEDGER_TABLE });
  const accountId = accountIdOf(env);
  const forecastRunIntervalSeconds = env.FORECAST_RUN_INTERVAL_MINUTES * 60;
  return {
    ...ports,
    prices,
    costs,
    config: {
      fleets,
      globalDryRun: env.DRY_RUN,
      region: env.AWS_REGION,
      accountId,
      scaleInCooldownSeconds: env.SCALE_IN_COOLDOWN_SECONDS,
      forecastRunIntervalSeconds,
      remediation: env.COST_REMEDIATION,
      ...(env.COST_ALERT_CHANNEL ? { alertChannel: env.COST_ALERT_CHANNEL } : {}),
    },
    spendWatch: {
      fleet: ports.fleet,
      prices,
      metrics: ports.metrics,
      ledger: ports.ledger,
      costs,
      publisher: new CloudWatchMetricPublisher({ cloudwatch: clients.cloudwatch, clock: ports.clock, namespace: env.METRICS_NAMESPACE }),
      logger: ports.logger,
      config: {
        fleets,
        accountId,
        region: env.AWS_REGION,
        runIntervalSeconds: env.SPEND_WATCH_INTERVAL_MINUTES * 60,
        spendWatch: { tolerance: env.SPEND_WATCH_TOLERANCE, sustainSeconds: env.SPEND_WATCH_SUSTAIN_SECONDS },
        forecastFreshSeconds: 3 * forecastRunIntervalSeconds,
      },
    },
  };
};
