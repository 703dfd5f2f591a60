/** Execute a guarded plan: the only caller of mutating ports. Records every action, applied or not. */
import type { ActionOutcome } from '../core/apply-outcomes';
import { drainRequestTags, DRAIN_TAG_KEYS } from '../core/drain-protocol';
import type { Incident } from '../core/incident';
import type { GuardedAction } from '../core/guard';
import type { Action } from '../core/plan';
import type { ActionRecord } from '../ports/ledger-port';
import { isRetryable, messageOf } from './errors';
import type { SpotDeps } from './spot-deps';

const MIN_FOLLOW_UP_DELAY_MS = 60_000;

type ExecDeps = Pick<SpotDeps, 'fleet' | 'scheduler' | 'ledger' | 'clock' | 'logger'>;

const perform = async (deps: ExecDeps, action: Action): Promise<void> => {
  switch (action.type) {
    case 'modify-fleet-capacity':
      return deps.fleet.modifyFleet({
        fleetId: action.fleetId,
        totalTargetCapacity: action.toTotal,
        ...(action.overrides ? { overrides: action.overrides } : {}),
        // ExcessCapacityTerminationPolicy is a fleet setting: the operator's choice stays as it is.
      });
    case 'tag-drain':
      return deps.fleet.createTags(
        action.instanceId,
        drainRequestTags({ deadlineMs: action.deadlineMs, incidentId: action.incidentId, reason: action.drainReason }),
      );
    case 'untag-drain':
      return deps.fleet.deleteTags(action.instanceId, [...DRAIN_TAG_KEYS]);
    case 'schedule-follow-up':
      return deps.scheduler.scheduleOnce({
        name: action.idempotencyKey,
        // A schedule in the past has no documented behaviour in EventBridge Scheduler: never ask for one.
        atMs: Math.max(action.atMs, deps.clock.nowMs() + MIN_FOLLOW_UP_DELAY_MS),
        detail: { instanceId: action.instanceId, incidentId: action.incidentId, purpose: action.purpose },
      });
  }
};

const beforeAfter = (action: Action): Pick<ActionRecord, 'before' | 'after'> => {
  switch (action.type) {
    case 'modify-fleet-capacity':
      return { before: { totalTargetCapacity: action.fromTotal }, after: { totalTargetCapacity: action.toTotal, avoidPools: action.avoidPools } };
    case 'tag-drain':
      return { before: {}, after: { drainDeadline: new Date(action.deadlineMs).toISOString() } };
    case 'untag-drain':
      return { before: { drain: true }, after: { drain: false } };
    case 'schedule-follow-up':
      return { before: {}, after: { purpose: action.purpose, at: new Date(action.atMs).toISOString() } };
  }
};

/**
 * Run each action the guard let through, in plan order (surge before drain). An action already applied by
 * an earlier delivery of the same event is skipped. A failure is recorded and stops nothing else: the
 * drain still matters when the surge failed.
 */
export const executePlan = async (deps: ExecDeps, incident: Incident, guarded: GuardedAction[]): Promise<ActionOutcome[]> => {
  const records = await deps.ledger.listActions(incident.incidentId);
  const prior = new Set(records.filter((r) => r.status === 'applied').map((r) => r.idempotencyKey));
  const outcomes: ActionOutcome[] = [];
  for (const g of guarded) {
    const action = g.effective;
    const atMs = deps.clock.nowMs();
    let outcome: ActionOutcome;
    if (prior.has(action.idempotencyKey)) {
      outcomes.push({ action: g.action, effective: action, status: 'applied', atMs });
      continue;
    }
    const landed = await landedBeforeCrash(deps, action, records);
    if (landed) {
      outcome = { action: g.action, effective: landed, status: 'applied', atMs };
    } else if (g.verdict !== 'execute') {
      outcome = { action: g.action, effective: action, status: g.verdict, atMs, ...(g.note ? { error: g.note } : {}) };
    } else {
      try {
        if (action.type === 'modify-fleet-capacity') {
          await waitUntilModifiable(deps, action.fleetId);
          await deps.ledger.recordAction(record(incident, action, g.note, 'pending', atMs, `${action.idempotencyKey}:pending`));
        }
        await perform(deps, action);
        outcome = { action: g.action, effective: action, status: 'applied', atMs };
      } catch (error) {
        deps.logger.error('action failed', { incidentId: incident.incidentId, action: action.type, error: messageOf(error) });
        outcome = { action: g.action, effective: action, status: 'failed', atMs, error: messageOf(error), retryable: isRetryable(error) };
      }
    }
    outcomes.push(outcome);
    const terminal = outcome.status === 'applied' || outcome.status === 'dry-run';
    const key = terminal ? action.idempotencyKey : `${action.idempotencyKey}:${outcome.status}:${atMs}`;
    await deps.ledger.recordAction(record(incident, outcome.effective ?? action, g.note, outcome.status, atMs, key, outcome.error));
  }
  return outcomes;
};

const record = (
  incident: Incident,
  action: Action,
  note: string | undefined,
  status: ActionRecord['status'],
  atMs: number,
  idempotencyKey: string,
  error?: string,
): ActionRecord => ({
  incidentId: incident.incidentId,
  idempotencyKey,
  type: action.type,
  fleetId: incident.fleetId,
  instanceId: incident.instanceId,
  reason: note ? `${action.reason} (${note})` : action.reason,
  ...beforeAfter(action),
  status,
  atMs,
  ...(error ? { error } : {}),
});

/**
 * A ModifyFleet that an earlier attempt started (its `pending` record) but never recorded as done: if the
 * fleet's target is what that attempt set, it landed before the crash, and doing it again would double it.
 */
const landedBeforeCrash = async (deps: ExecDeps, action: Action, records: ActionRecord[]): Promise<Action | undefined> => {
  if (action.type !== 'modify-fleet-capacity') return undefined;
  const pending = records.find((r) => r.idempotencyKey === `${action.idempotencyKey}:pending`);
  if (!pending) return undefined;
  const fleet = await deps.fleet.describeFleet(action.fleetId);
  const from = Number(pending.before.totalTargetCapacity);
  const to = Number(pending.after.totalTargetCapacity);
  return fleet?.totalTargetCapacity === to ? { ...action, fromTotal: from, toTotal: to } : undefined;
};

const MODIFIABLE_ATTEMPTS = 10;

/** EC2 refuses ModifyFleet while the fleet is still `modifying` (a burst of interruptions): wait a few seconds. */
const waitUntilModifiable = async (deps: ExecDeps, fleetId: string): Promise<void> => {
  for (let attempt = 0; attempt < MODIFIABLE_ATTEMPTS; attempt += 1) {
    const fleet = await deps.fleet.describeFleet(fleetId);
    if (fleet?.state !== 'modifying') return;
    await deps.clock.sleep(1_000);
  }
};

/**
 * An incident rebuilt by a retry (its first save never happened) learns of a surge that landed before the
 * crash from the ledger, so the surge is still taken back when the incident ends.
 */
export const recoverLandedSurge = async (deps: ExecDeps, incident: Incident): Promise<Incident> => {
  if (incident.surge) return incident;
  const key = `${incident.incidentId}:surge`;
  const records = await deps.ledger.listActions(incident.incidentId);
  const applied = records.find((r) => r.idempotencyKey === key && r.status === 'applied');
  const pending = records.find((r) => r.idempotencyKey === `${key}:pending`);
  const found = applied ?? pending;
  if (!found) return incident;
  const fromTotal = Number(found.before.totalTargetCapacity);
  const toTotal = Number(found.after.totalTargetCapacity);
  if (!applied) {
    const fleet = await deps.fleet.describeFleet(incident.fleetId);
    if (fleet?.totalTargetCapacity !== toTotal) return incident;
  }
  const avoided = found.after.avoidPools;
  return {
    ...incident,
    surge: { units: toTotal - fromTotal, fromTotal, toTotal, status: 'applied', atMs: found.atMs, avoidedPools: Array.isArray(avoided) ? avoided.map(String) : [], removedOverrides: [] },
  };
};
