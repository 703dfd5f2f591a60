/** Composition root for Lambda: the AWS and Slack adapters behind every port of the rebalancer use case. */
import { Ec2SpotPrices } from '../../layers/adapters/aws/ec2-spot-prices';
import { EventBridgeReplacementChecks } from '../../layers/adapters/aws/eventbridge-replacement-checks';
import type { RebalanceDeps } from '../../layers/app/rebalance-deps';
import type { Env } from '../../layers/platform/config';
import { awsBasePorts, scheduleTargetOf } from '../../layers/wiring/aws-operator-ports';

export const awsRebalanceDeps = (env: Env): RebalanceDeps => {
  const { clients, fleets, ports } = awsBasePorts(env);
  return {
    ...ports,
    prices: new Ec2SpotPrices({ ec2: clients.ec2, clock: ports.clock }),
    checks: new EventBridgeReplacementChecks({ scheduler: clients.scheduler, ...scheduleTargetOf(env) }),
    config: {
      fleets,
      globalDryRun: env.DRY_RUN,
      runIntervalSeconds: env.REBALANCE_RUN_INTERVAL_MINUTES * 60,
      planIntervalSeconds: Math.max(env.REBALANCE_PLAN_INTERVAL_MINUTES, env.REBALANCE_RUN_INTERVAL_MINUTES) * 60,
      drainSeconds: env.REBALANCE_DRAIN_SECONDS,
    },
  };
};
