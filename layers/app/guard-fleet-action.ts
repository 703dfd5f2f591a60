/** The guard (kill switch, dry-run, cooldown, fleet limits) applied to one action of a scaler, with the ledger's cooldown. */
import type { FleetConfig } from '../core/fleet';
import { cooldownScope, guardPlan, type GuardContext, type GuardedAction } from '../core/guard';
import type { GuardableAction } from '../core/plan';
import type { ClockPort } from '../ports/clock-port';
import type { LedgerPort } from '../ports/ledger-port';
import type { SettingsPort } from '../ports/settings-port';

export interface GuardDeps {
  ledger: Pick<LedgerPort, 'getCooldownUntil'>;
  settings: SettingsPort;
  clock: ClockPort;
  config: { globalDryRun: boolean };
}

/**
 * The one guard of layers/core/guard.ts, in the fleet's context, for the scalers (forecast, alarms, rebalancer): their
 * rises are never interruption surges, so the fleet maximum is their only cap; the fleet minimum bounds a fall; the
 * cooldown is the action's scope's; `scaleIn`, when given, is the fleet's budget for the rolling hour.
 */
export const guardFleetAction = async <A extends GuardableAction>(
  deps: GuardDeps,
  fleet: FleetConfig,
  action: A,
  scaleIn?: GuardContext['scaleIn'],
): Promise<GuardedAction<A>> => {
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
    ...(scaleIn ? { scaleIn } : {}),
  });
  if (!guarded) throw new Error('guardPlan returned no verdict for one action');
  return guarded;
};
