/** Preparing for a known loss (a scheduled change): surge now, drain once the replacement serves. */
import type { Incident } from './incident';
import type { Action } from './plan';
import type { SpotContext, SpotDecision } from './spot-context';
import { drainAction, followUp } from './spot-steps';
import { chooseSurge } from './spot-surge';

/** Surge now and drain once the replacement serves (or right away when the change starts too soon). */
export const prepareScheduled = (incident: Incident, ctx: SpotContext, why: string): SpotDecision => {
  const surge = chooseSurge(ctx, incident);
  const reasons = [why, surge.reason];
  const actions: Action[] = surge.action ? [surge.action] : [];
  const deadline = incident.deadlineMs ?? ctx.nowMs;
  const drainAt = ctx.nowMs + ctx.fleet.launchLeadTimeSeconds * 1000;
  const drained = incident.drain?.status === 'applied' || incident.drain?.status === 'dry-run';
  if (drained) {
    reasons.push('already drained');
  } else if (!surge.action || drainAt >= deadline - ctx.policy.drainGraceSeconds * 1000) {
    actions.push(drainAction(incident, deadline, 'scheduled-change', 'drain before the scheduled change starts'));
  } else {
    actions.push(followUp(incident, 'drain-after-replacement', drainAt, 'drain once the replacement serves'));
  }
  incident.reasons.push(...reasons);
  return { incident, actions, atRiskPools: [], changed: true, reasons };
};
