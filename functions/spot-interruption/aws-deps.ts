/** Composition root for Lambda: the AWS and Slack adapters behind every port of the spot use case. */
import { EventBridgeFollowUpScheduler } from '../../layers/adapters/aws/eventbridge-scheduler';
import type { SpotDeps } from '../../layers/app/spot-deps';
import type { Env } from '../../layers/platform/config';
import { spotSettings } from '../../layers/platform/spot-settings';
import { awsBasePorts, scheduleTargetOf } from '../../layers/wiring/aws-operator-ports';

export const awsSpotDeps = (env: Env): SpotDeps => {
  const { clients, fleets, ports } = awsBasePorts(env);
  return {
    ...ports,
    scheduler: new EventBridgeFollowUpScheduler({ scheduler: clients.scheduler, ...scheduleTargetOf(env) }),
    config: spotSettings({ fleets, globalDryRun: env.DRY_RUN, maxSurgeUnitsPerEvent: env.MAX_SURGE_UNITS_PER_EVENT }),
  };
};
