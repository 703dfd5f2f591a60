/** Runs one decided cost remediation through the guard (or only records it as recommended) and says what came of it. */
import type { CostRemediationRecord } from '../core/cost/cost-incident';
import type { CostRemediation } from '../core/cost/decide-remediation';
import { DRAIN_TAG_KEYS } from '../core/drain-protocol';
import type { FleetConfig } from '../core/fleet';
import type { UntagDrainAction } from '../core/plan';
import { applyCapacityChange } from './apply-capacity-change';
import type { CostAnomalyDeps } from './cost-anomaly-deps';
import { isRetryable, messageOf } from './errors';
import { guardFleetAction } from './guard-fleet-action';

export interface AppliedRemediation {
  record: CostRemediationRecord;
  /** Set when a fleet call failed in a way a retry may fix. */
  retryableError?: string;
}

/** The ledger partition of an anomaly's actions, beside the scalers' (listActions reads an anomaly's audit). */
export const costActionsKey = (anomalyId: string): string => `cost#${anomalyId}`;

const recordOf = (deps: Pick<CostAnomalyDeps, 'clock'>, r: CostRemediation, outcome: CostRemediationRecord['outcome'], note?: string, after = r.usdPerHourAfter): CostRemediationRecord => ({
  fleetId: r.fleetId, kind: r.kind, outcome, reason: note ? `${r.reason} (${note})` : r.reason, usdPerHourBefore: r.usdPerHourBefore, usdPerHourAfter: after, atMs: deps.clock.nowMs(),
});

/** A Spot incident's leftover taken back here must not be taken back again when the incident closes. */
const markIncidentUndone = async (deps: CostAnomalyDeps, r: CostRemediation, fromTotal: number, toTotal: number): Promise<void> => {
  if (r.incident === undefined) return;
  const incident = await deps.ledger.getIncident(r.incident.instanceId);
  if (incident?.incidentId !== r.incident.incidentId) return;
  const atMs = deps.clock.nowMs();
  if (r.kind === 'undo-surge' && incident.surge) incident.surge.undone = { atMs, status: 'applied', fromTotal, toTotal };
  if (r.kind === 'undo-drain' && incident.drain) incident.drain.undone = { atMs, status: 'applied' };
  incident.reasons.push(`cost anomaly: ${r.reason}`);
  await deps.ledger.saveIncident({ ...incident, updatedAtMs: atMs, version: incident.version + 1 });
};

const lowerTarget = async (deps: CostAnomalyDeps, fleet: FleetConfig, r: CostRemediation, anomalyId: string): Promise<AppliedRemediation> => {
  if (r.action?.type !== 'modify-fleet-capacity') return { record: recordOf(deps, r, 'recommended') };
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  const from = view?.totalTargetCapacity ?? r.action.fromTotal;
  if (from <= r.action.toTotal) return { record: recordOf(deps, r, 'blocked', `the target is already ${from} units`, r.usdPerHourBefore) };
  const outcome = await applyCapacityChange(deps, {
    fleet, purpose: 'scale-in', fromUnits: from, toUnits: r.action.toTotal, onDemandUnits: view?.onDemandTargetCapacity ?? 0,
    idempotencyKey: r.action.idempotencyKey, reason: r.reason, recordUnder: costActionsKey(anomalyId),
  });
  const note = outcome.guarded.note;
  switch (outcome.status) {
    case 'applied':
      await markIncidentUndone(deps, r, from, outcome.toUnits);
      return { record: recordOf(deps, r, 'executed', outcome.toUnits === r.action.toTotal ? note : `to ${outcome.toUnits} units: ${note ?? ''}`) };
    case 'dry-run':
      return { record: recordOf(deps, r, 'dry-run', note) };
    case 'failed':
      return { record: recordOf(deps, r, 'blocked', `EC2 refused: ${outcome.error ?? 'ModifyFleet failed'}`, r.usdPerHourBefore), ...(outcome.retryable ? { retryableError: outcome.error ?? 'ModifyFleet failed' } : {}) };
    default:
      return { record: recordOf(deps, r, 'blocked', note, r.usdPerHourBefore) };
  }
};

const undoDrain = async (deps: CostAnomalyDeps, fleet: FleetConfig, r: CostRemediation, anomalyId: string): Promise<AppliedRemediation> => {
  if (r.action?.type !== 'untag-drain') return { record: recordOf(deps, r, 'recommended') };
  const action: UntagDrainAction = r.action;
  const guarded = await guardFleetAction(deps, fleet, action);
  const base = { incidentId: costActionsKey(anomalyId), type: action.type, fleetId: fleet.fleetId, instanceId: action.instanceId, before: { drain: true }, after: { drain: false } };
  if (guarded.verdict !== 'execute') {
    const status = guarded.verdict === 'dry-run' ? 'dry-run' : 'blocked';
    await deps.ledger.recordAction({ ...base, idempotencyKey: `${action.idempotencyKey}#${status}`, reason: action.reason, status, atMs: deps.clock.nowMs() });
    return { record: recordOf(deps, r, status, guarded.note) };
  }
  try {
    await deps.fleet.deleteTags(action.instanceId, [...DRAIN_TAG_KEYS]);
  } catch (error) {
    await deps.ledger.recordAction({ ...base, idempotencyKey: `${action.idempotencyKey}#failed`, reason: action.reason, status: 'failed', atMs: deps.clock.nowMs(), error: messageOf(error) });
    return { record: recordOf(deps, r, 'blocked', `EC2 refused: ${messageOf(error)}`), ...(isRetryable(error) ? { retryableError: messageOf(error) } : {}) };
  }
  await deps.ledger.recordAction({ ...base, idempotencyKey: `${action.idempotencyKey}#applied`, reason: action.reason, status: 'applied', atMs: deps.clock.nowMs() });
  await markIncidentUndone(deps, r, 0, 0);
  return { record: recordOf(deps, r, 'executed') };
};

/**
 * A `recommend` remediation is only recorded. To act: a lower target (scale to need, a stuck surge) goes through
 * applyCapacityChange (the guard, ModifyFleet from the fleet's current target, the ledger); a stuck drain's tags are
 * removed through the guard; going back to Spot is a rebalance request, whose moves the rebalancer guards itself.
 * A Spot incident's leftover that was undone is marked so on its incident. Never throws for a refused fleet call.
 */
export const applyCostRemediation = async (deps: CostAnomalyDeps, fleet: FleetConfig, r: CostRemediation, anomalyId: string, eventId: string): Promise<AppliedRemediation> => {
  if (r.mode === 'recommend') return { record: recordOf(deps, r, 'recommended') };
  switch (r.kind) {
    case 'scale-to-need':
    case 'undo-surge':
      return lowerTarget(deps, fleet, r, anomalyId);
    case 'undo-drain':
      return undoDrain(deps, fleet, r, anomalyId);
    case 'rebalance-to-spot':
      await deps.ledger.requestRebalance({ fleetId: fleet.fleetId, reason: 'cost-anomaly', detail: r.rebalanceDetail ?? r.reason, requestedAtMs: deps.clock.nowMs(), eventId });
      return { record: recordOf(deps, r, 'executed', 'requested from the rebalancer, whose moves go through the guard') };
    case 'alert-only':
      return { record: recordOf(deps, r, 'recommended') };
  }
};
