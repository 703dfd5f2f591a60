/** One fleet's plan: under the fleet lock, never during an incident, read the market and the fleet, decide, act. */
import type { FleetConfig } from '../core/fleet';
import { decideRebalance } from '../core/rebalance/decide-rebalance';
import { rebalanceSettingsFor } from '../core/rebalance/rebalance-settings';
import type { RebalanceRequest } from '../core/rebalance-request';
import { emptyRebalanceState } from '../core/rebalancer/rebalance-state';
import { isMoveActive } from '../core/rebalancer/replacement-move';
import type { RebalanceOutcome } from './rebalance-outcome';
import { applyRebalancePlan } from './apply-rebalance-plan';
import { readRebalanceInput } from './read-rebalance-input';
import type { RebalanceDeps } from './rebalance-deps';
import { saveRebalanceState } from './rebalance-notices';
import { withFleetLock } from './with-fleet-lock';

/**
 * Plans the fleet now (`why` says what made it due). An open incident holds everything before EC2 is even read (its
 * own steering must not be undone) and makes the fleet due again as soon as it is over; a replacement another run
 * started meanwhile is left to its checks.
 */
export const planFleetRebalance = async (deps: RebalanceDeps, fleet: FleetConfig, requests: readonly RebalanceRequest[], why: string): Promise<RebalanceOutcome> =>
  withFleetLock(deps, fleet.fleetId, async () => {
    const nowMs = deps.clock.nowMs();
    const state = (await deps.ledger.getRebalanceState(fleet.fleetId)) ?? emptyRebalanceState(fleet.fleetId);
    if (isMoveActive(state.move)) return { fleet: fleet.name, status: 'waiting', phase: state.move.phase, reason: `replacement of ${state.move.instanceId} in progress` };
    const open = await deps.ledger.listOpenIncidentIds(fleet.fleetId, nowMs);
    if (open.length > 0) {
      await saveRebalanceState(deps, { ...state, lastPlannedAtMs: nowMs, heldForIncident: true });
      return { fleet: fleet.name, status: 'held', reason: `held: an incident is open on fleet ${fleet.name} (${open.join(', ')})` };
    }
    const settings = rebalanceSettingsFor(fleet.tier, deps.config.settings);
    const reading = await readRebalanceInput(deps, fleet, settings, state, requests, nowMs);
    const decision = decideRebalance(reading.input);
    deps.logger.info('rebalance plan', { fleet: fleet.name, why, mode: decision.marketMode.mode, hold: decision.plan.hold, reason: decision.plan.reason, replacements: decision.plan.replacements.length });
    return applyRebalancePlan(deps, fleet, state, reading, decision, why);
  });
