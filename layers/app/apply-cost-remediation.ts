/** Runs one decided cost remediation through the guard (or only records it as recommended) and says what came of it. */
import type { CostRemediationRecord } from '../core/cost/cost-incident';
import { spendAtTotal, type CostRemediation } from '../core/cost/decide-remediation';
import { DRAIN_TAG_KEYS } from '../core/drain-protocol';
import type { FleetConfig } from '../core/fleet';
import type { SetFleetOverridesAction, UntagDrainAction } from '../core/plan';
import { IncidentConflictError } from '../ports/ledger-port';
import { applyCapacityChange } from './apply-capacity-change';
import type { CostAnomalyDeps } from './cost-anomaly-deps';
import { isRetryable, messageOf } from './errors';
import { guardFleetAction } from './guard-fleet-action';
import { rememberScaleIn, scaleInBudgetOf } from './scale-in-budget';

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

/** The Spot handler saving the incident meanwhile makes a save conflict: read again and retry this often. */
const MARK_ATTEMPTS = 3;

const markOnce = async (deps: CostAnomalyDeps, r: CostRemediation, fromTotal: number, toTotal: number): Promise<void> => {
  if (r.incident === undefined) return;
  const incident = await deps.ledger.getIncident(r.incident.instanceId);
  if (incident?.incidentId !== r.incident.incidentId) return;
  const atMs = deps.clock.nowMs();
  if (r.kind === 'undo-surge' && incident.surge) incident.surge.undone = { atMs, status: 'applied', fromTotal, toTotal };
  if (r.kind === 'undo-drain' && incident.drain) incident.drain.undone = { atMs, status: 'applied' };
  incident.reasons.push(`cost anomaly: ${r.reason}`);
  await deps.ledger.saveIncident({ ...incident, updatedAtMs: atMs, version: incident.version + 1 });
};

/**
 * A Spot incident's leftover taken back here must not be taken back again when the incident closes. The fleet change
 * is done by then, so this never fails the remediation: a save that keeps failing is logged and returned as a note.
 */
const markIncidentUndone = async (deps: CostAnomalyDeps, r: CostRemediation, fromTotal: number, toTotal: number): Promise<string | undefined> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await markOnce(deps, r, fromTotal, toTotal);
      return undefined;
    } catch (error) {
      if (error instanceof IncidentConflictError && attempt < MARK_ATTEMPTS) continue;
      deps.logger.error('cost remediation: Spot incident not marked undone', { incidentId: r.incident?.incidentId, kind: r.kind, error: messageOf(error) });
      return `its Spot incident could not be marked undone: ${messageOf(error)}`;
    }
  }
};

/** After ModifyFleet: the scale-in counted in the fleet's hourly budget, logged and told (never thrown) when it cannot be. */
const countScaleIn = async (deps: CostAnomalyDeps, fleet: FleetConfig, units: number): Promise<string | undefined> => {
  try {
    await rememberScaleIn(deps.ledger, fleet.fleetId, deps.clock.nowMs(), units);
    return undefined;
  } catch (error) {
    deps.logger.error('cost remediation: scale-in not counted in the hourly budget', { fleet: fleet.name, units, error: messageOf(error) });
    return `not counted in the hourly scale-in budget: ${messageOf(error)}`;
  }
};

const joined = (...notes: (string | undefined)[]): string | undefined => notes.filter((n) => n).join('; ') || undefined;

const lowerTarget = async (deps: CostAnomalyDeps, fleet: FleetConfig, r: CostRemediation, anomalyId: string): Promise<AppliedRemediation> => {
  if (r.action?.type !== 'modify-fleet-capacity') return { record: recordOf(deps, r, 'recommended') };
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  const from = view?.totalTargetCapacity ?? r.action.fromTotal;
  if (from <= r.action.toTotal) return { record: recordOf(deps, r, 'blocked', `the target is already ${from} units`, r.usdPerHourBefore) };
  const onDemandUnits = view?.onDemandTargetCapacity ?? 0;
  const outcome = await applyCapacityChange(deps, {
    fleet, purpose: 'scale-in', fromUnits: from, toUnits: r.action.toTotal, onDemandUnits,
    idempotencyKey: r.action.idempotencyKey, reason: r.reason, recordUnder: costActionsKey(anomalyId),
    // Scaling to need spends the fleet's hourly scale-in budget; undoing a stuck surge gives back what an incident
    // added (as the incident's own restore would), so it is neither limited by the budget nor counted in it.
    ...(r.kind === 'scale-to-need' ? { scaleIn: await scaleInBudgetOf(deps.ledger, fleet, deps.clock.nowMs(), from) } : {}),
  });
  const note = outcome.guarded.note;
  const effectiveTo = outcome.guarded.effective.type === 'modify-fleet-capacity' ? outcome.guarded.effective.toTotal : r.action.toTotal;
  // The guard may have clamped the target: the $/hour told is the one of the target it allowed.
  const after = r.unitUsdPerHour === undefined || effectiveTo === r.action.toTotal ? r.usdPerHourAfter : spendAtTotal(r.unitUsdPerHour, onDemandUnits, effectiveTo);
  switch (outcome.status) {
    case 'applied': {
      const counted = r.kind === 'scale-to-need' ? await countScaleIn(deps, fleet, from - outcome.toUnits) : undefined;
      const marked = await markIncidentUndone(deps, r, from, outcome.toUnits);
      const clamped = outcome.toUnits === r.action.toTotal ? undefined : `to ${outcome.toUnits} units`;
      return { record: recordOf(deps, r, 'executed', joined(clamped, note, counted, marked), after) };
    }
    case 'dry-run':
      return { record: recordOf(deps, r, 'dry-run', note, after) };
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
  return { record: recordOf(deps, r, 'executed', await markIncidentUndone(deps, r, 0, 0)) };
};

/**
 * Going back to Spot is the rebalancer's to do, through the guard, but the request is only made when the guard would
 * let a fleet change through now (a representative overrides change: kill switch and dry-run, no cooldown, no clamp).
 */
const requestSpot = async (deps: CostAnomalyDeps, fleet: FleetConfig, r: CostRemediation, eventId: string): Promise<AppliedRemediation> => {
  const probe: SetFleetOverridesAction = { type: 'set-fleet-overrides', fleetId: fleet.fleetId, fromOverrides: [], overrides: [], idempotencyKey: `${eventId}#rebalance-to-spot`, reason: r.reason };
  const guarded = await guardFleetAction(deps, fleet, probe);
  if (guarded.verdict !== 'execute') return { record: recordOf(deps, r, guarded.verdict === 'dry-run' ? 'dry-run' : 'blocked', guarded.note, r.usdPerHourBefore) };
  await deps.ledger.requestRebalance({ fleetId: fleet.fleetId, reason: 'cost-anomaly', detail: r.rebalanceDetail ?? r.reason, requestedAtMs: deps.clock.nowMs(), eventId });
  return { record: recordOf(deps, r, 'executed', 'requested from the rebalancer, whose moves go through the guard') };
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
      return requestSpot(deps, fleet, r, eventId);
    case 'alert-only':
      return { record: recordOf(deps, r, 'recommended') };
  }
};
