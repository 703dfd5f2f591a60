/** Composition root for Lambda: the AWS and Slack adapters behind every port of the forecast-scaler use case. */
import { CloudWatchDemandHistory } from '../../layers/adapters/aws/cloudwatch-demand-history';
import { CloudWatchMetricPublisher } from '../../layers/adapters/aws/cloudwatch-metric-publisher';
import { EventBridgeStepScheduler } from '../../layers/adapters/aws/eventbridge-step-scheduler';
import type { ForecastDeps } from '../../layers/app/forecast-deps';
import type { Env } from '../../layers/platform/config';
import { awsBasePorts, scheduleTargetOf } from '../../layers/wiring/aws-operator-ports';

export const awsForecastDeps = (env: Env): ForecastDeps => {
  const { clients, fleets, ports } = awsBasePorts(env);
  const { cloudwatch, scheduler } = clients;
  return {
    ...ports,
    history: new CloudWatchDemandHistory({ cloudwatch }),
    publisher: new CloudWatchMetricPublisher({ cloudwatch, clock: ports.clock, namespace: env.METRICS_NAMESPACE }),
    steps: new EventBridgeStepScheduler({ scheduler, ...scheduleTargetOf(env) }),
    config: {
      fleets,
      globalDryRun: env.DRY_RUN,
      runIntervalSeconds: env.FORECAST_RUN_INTERVAL_MINUTES * 60,
      stepSeconds: env.FORECAST_STEP_SECONDS,
      scaleInCooldownSeconds: env.SCALE_IN_COOLDOWN_SECONDS,
      lockLeaseMs: 30_000,
    },
  };
};
