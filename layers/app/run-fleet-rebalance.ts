/** What the scheduled run does for one fleet: resume a replacement whose check was lost, or plan when the fleet is due. */
import type { FleetConfig } from '../core/fleet';
import { emptyRebalanceState, planDue } from '../core/rebalancer/rebalance-state';
import { isMoveActive } from '../core/rebalancer/replacement-move';
import { advanceReplacement } from './advance-replacement';
import type { RebalanceOutcome } from './rebalance-outcome';
import { planFleetRebalance } from './plan-fleet-rebalance';
import type { RebalanceDeps } from './rebalance-deps';
import { LOST_CHECK_GRACE_MS } from './rebalance-timing';

/**
 * Reads only the ledger unless there is work: a replacement in progress is left to its own checks until one is
 * overdue (then this run takes it up); otherwise the fleet is planned when `planDue` says so (plan interval over, a
 * newer rebalance request, an incident over, a replacement ended).
 */
export const runFleetRebalance = async (deps: RebalanceDeps, fleet: FleetConfig): Promise<RebalanceOutcome> => {
  const nowMs = deps.clock.nowMs();
  const state = (await deps.ledger.getRebalanceState(fleet.fleetId)) ?? emptyRebalanceState(fleet.fleetId);
  if (isMoveActive(state.move)) {
    const dueAt = (state.move.nextCheckAtMs ?? 0) + LOST_CHECK_GRACE_MS;
    if (dueAt > nowMs) return { fleet: fleet.name, status: 'waiting', phase: state.move.phase, reason: `replacement of ${state.move.instanceId}: next check at ${new Date(state.move.nextCheckAtMs ?? nowMs).toISOString()}` };
    return advanceReplacement(deps, fleet);
  }
  const requests = await deps.ledger.listRebalanceRequests(fleet.fleetId, nowMs);
  const due = planDue(state, requests, nowMs, deps.config.planIntervalSeconds * 1000, (deps.config.runIntervalSeconds * 1000) / 2);
  if (!due.due) return { fleet: fleet.name, status: 'not-due', reason: due.why };
  return planFleetRebalance(deps, fleet, requests, due.why);
};
