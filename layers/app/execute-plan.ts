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
        // Lowering the target must never terminate a serving instance: the excess stays until it leaves.
        excessCapacityTerminationPolicy: 'no-termination',
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
        detail: { instanceId: action.instanceId, purpose: action.purpose },
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
  const prior = new Set(
    (await deps.ledger.listActions(incident.incidentId)).filter((r) => r.status === 'applied').map((r) => r.idempotencyKey),
  );
  const outcomes: ActionOutcome[] = [];
  for (const g of guarded) {
    const action = g.effective;
    const atMs = deps.clock.nowMs();
    let outcome: ActionOutcome;
    if (prior.has(action.idempotencyKey)) {
      outcome = { action: g.action, effective: action, status: 'applied', atMs };
      outcomes.push(outcome);
      continue;
    }
    if (g.verdict !== 'execute') {
      outcome = { action: g.action, effective: action, status: g.verdict, atMs, ...(g.note ? { error: g.note } : {}) };
    } else {
      try {
        await perform(deps, action);
        outcome = { action: g.action, effective: action, status: 'applied', atMs };
      } catch (error) {
        deps.logger.error('action failed', { incidentId: incident.incidentId, action: action.type, error: messageOf(error) });
        outcome = { action: g.action, effective: action, status: 'failed', atMs, error: messageOf(error), retryable: isRetryable(error) };
      }
    }
    outcomes.push(outcome);
    const terminal = outcome.status === 'applied' || outcome.status === 'dry-run';
    await deps.ledger.recordAction({
      incidentId: incident.incidentId,
      idempotencyKey: terminal ? action.idempotencyKey : `${action.idempotencyKey}:${outcome.status}:${atMs}`,
      type: action.type,
      fleetId: incident.fleetId,
      instanceId: incident.instanceId,
      reason: g.note ? `${action.reason} (${g.note})` : action.reason,
      ...beforeAfter(action),
      status: outcome.status,
      atMs,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
  }
  return outcomes;
};
