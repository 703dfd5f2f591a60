/** The guard (kill switch, dry-run, cooldown, fleet limits) applied to one rebalancer action, with the ledger's cooldown. */
import type { FleetConfig } from '../core/fleet';
import { cooldownScope, guardPlan, type GuardedAction } from '../core/guard';
import type { GuardableAction } from '../core/plan';
import type { RebalanceDeps } from './rebalance-deps';

/**
 * The one guard of layers/core/guard.ts, in the fleet's context: a replacement surge may add up to the fleet maximum
 * (it is never an interruption surge), the fleet minimum bounds a release, and the cooldown is the action's scope's.
 */
export const guardRebalanceAction = async <A extends GuardableAction>(deps: Pick<RebalanceDeps, 'ledger' | 'settings' | 'clock' | 'config'>, fleet: FleetConfig, action: A): Promise<GuardedAction<A>> => {
  const scope = cooldownScope(action);
  const cooldownUntil = scope === undefined ? undefined : await deps.ledger.getCooldownUntil(scope);
  const [guarded] = guardPlan([action], {
    nowMs: deps.clock.nowMs(),
    killSwitchEngaged: await deps.settings.killSwitchEngaged(),
    globalDryRun: deps.config.globalDryRun,
    fleetDryRun: fleet.dryRun,
    maxSurgeUnitsPerEvent: fleet.maxCapacityUnits,
    fleetMaxUnits: fleet.maxCapacityUnits,
    fleetMinUnits: fleet.minCapacityUnits,
    cooldownUntilMs: scope !== undefined && cooldownUntil !== undefined ? { [scope]: cooldownUntil } : {},
  });
  if (!guarded) throw new Error('guardPlan returned no verdict for one action');
  return guarded;
};
