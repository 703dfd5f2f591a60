/** Write what actually happened to each planned action back into the incident (the ledger's truth). */
import type { ActionStatus, Incident } from './incident';
import type { Action } from './plan';

export interface ActionOutcome {
  action: Action;
  status: ActionStatus;
  atMs: number;
  error?: string;
  /** For a failed action: whether trying again later may succeed (throttling, a fleet still modifying). */
  retryable?: boolean;
  /** The action as the guard let it through (e.g. a surge clamped to the per-event cap). */
  effective?: Action;
}

const errorOf = (o: ActionOutcome): { error?: string } => (o.error === undefined ? {} : { error: o.error });

/** Returns a new incident; failed, blocked and dry-run outcomes are recorded as such, never as applied. */
export const applyOutcomes = (incident: Incident, outcomes: ActionOutcome[]): Incident => {
  const next = structuredClone(incident);
  for (const outcome of outcomes) {
    const action = outcome.effective ?? outcome.action;
    switch (action.type) {
      case 'modify-fleet-capacity':
        if (action.purpose === 'surge') {
          next.surge = {
            units: action.toTotal - action.fromTotal,
            fromTotal: action.fromTotal,
            toTotal: action.toTotal,
            status: outcome.status,
            atMs: outcome.atMs,
            avoidedPools: action.avoidPools,
            removedOverrides: action.removedOverrides ?? [],
            ...errorOf(outcome),
          };
        } else if (action.purpose === 'restore' && next.surge) {
          // Forecast scale-out/in never belong to an incident: only a restore takes its surge back.
          next.surge.undone = { atMs: outcome.atMs, status: outcome.status, fromTotal: action.fromTotal, toTotal: action.toTotal, ...errorOf(outcome) };
        }
        break;
      case 'tag-drain':
        next.drain = { deadlineMs: action.deadlineMs, status: outcome.status, atMs: outcome.atMs, ...errorOf(outcome) };
        break;
      case 'untag-drain':
        if (next.drain) next.drain.undone = { atMs: outcome.atMs, status: outcome.status, ...errorOf(outcome) };
        break;
      case 'schedule-follow-up': {
        const failed = new Set(next.failedFollowUps ?? []);
        if (outcome.status === 'failed') {
          failed.add(action.purpose);
          next.reasons.push(`follow-up ${action.purpose} could not be scheduled: ${outcome.error ?? 'unknown error'}`);
        } else {
          failed.delete(action.purpose);
        }
        if (failed.size > 0) next.failedFollowUps = [...failed];
        else delete next.failedFollowUps;
        break;
      }
    }
  }
  return next;
};
