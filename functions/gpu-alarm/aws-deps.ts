/** Composition root for Lambda: the AWS and Slack adapters behind every port of the gpu-alarm use case. */
import { EventBridgeAlarmRechecks } from '../../layers/adapters/aws/eventbridge-alarm-rechecks';
import type { GpuAlarmDeps } from '../../layers/app/gpu-alarm-deps';
import { alarmPrefixOf, type Env } from '../../layers/platform/config';
import { awsBasePorts, scheduleTargetOf } from '../../layers/wiring/aws-operator-ports';

export const awsGpuAlarmDeps = (env: Env): GpuAlarmDeps => {
  const { clients, fleets, ports } = awsBasePorts(env);
  return {
    ...ports,
    rechecks: new EventBridgeAlarmRechecks({ scheduler: clients.scheduler, ...scheduleTargetOf(env) }),
    config: {
      fleets,
      globalDryRun: env.DRY_RUN,
      alarmPrefix: alarmPrefixOf(env),
      stepSeconds: env.FORECAST_STEP_SECONDS,
      scaleInCooldownSeconds: env.SCALE_IN_COOLDOWN_SECONDS,
      forecastRunIntervalSeconds: env.FORECAST_RUN_INTERVAL_MINUTES * 60,
    },
  };
};
