/** Once nothing is left to move, the units replacements left above the demand come off the fleet's target. */
import type { FleetConfig } from '../core/fleet';
import type { FleetView } from '../core/observed';
import type { ModifyFleetCapacityAction } from '../core/plan';
import { targetPartsOf, withUnits } from '../core/rebalancer/market-split';
import type { RebalanceState } from '../core/rebalancer/rebalance-state';
import { modifyFleet, recordStep } from './rebalance-fleet-calls';
import type { RebalanceDeps } from './rebalance-deps';
import { guardFleetAction } from './guard-fleet-action';

/**
 * Lowers the target by `state.addedUnits` (on-demand first, down to the plan's on-demand part and never below the
 * tier's on-demand base, then Spot), through the guard; returns the units still added. The fleet is
 * on its mix then, which keeps no instance it could spare, so EC2 has no excess to terminate.
 */
export const giveBackUnits = async (deps: RebalanceDeps, fleet: FleetConfig, state: RebalanceState, view: FleetView, onDemandUnits: number, reason: string): Promise<number> => {
  const added = state.addedUnits ?? 0;
  if (added <= 0) return 0;
  const current = targetPartsOf(view);
  // Never below the tier's on-demand base either (a mix that could not hold the base says less than it).
  const floor = Math.max(onDemandUnits, Math.min(fleet.onDemandBaseUnits, current.total - added));
  const fromOnDemand = Math.min(added, Math.max(0, current.onDemand - floor));
  const to = withUnits(withUnits(current, 'on-demand', -fromOnDemand), 'spot', -(added - fromOnDemand));
  const action: ModifyFleetCapacityAction = { type: 'modify-fleet-capacity', fleetId: fleet.fleetId, purpose: 'rebalance-release', fromTotal: current.total, toTotal: to.total, avoidPools: [], idempotencyKey: `give-back#${fleet.fleetId}#${deps.clock.nowMs()}`, reason };
  const guarded = await guardFleetAction(deps, fleet, action);
  if (guarded.verdict !== 'execute' || guarded.effective.toTotal !== to.total) return added;
  await modifyFleet(deps, fleet.fleetId, { total: to.total, parts: to });
  await recordStep(deps, fleet, { key: action.idempotencyKey, type: 'rebalance-give-back', reason, before: { ...current }, after: { ...to }, status: 'applied' });
  return 0;
};
