/** Follow-ups the spot decision scheduled for itself: prepare, drain after replacement, stand down. */
import type { Incident } from './incident';
import { isOpen } from './incident';
import type { Action } from './plan';
import type { IncidentFollowUp } from './signals';
import type { SpotContext, SpotDecision } from './spot-context';
import { prepareScheduled } from './spot-prepare';
import { drainAction, followUp, unchanged, untagDrain } from './spot-steps';
import { chooseRestore } from './spot-surge';

const drained = (incident: Incident): boolean => incident.drain?.status === 'applied' || incident.drain?.status === 'dry-run';

/** The replacement serves when the surge was fulfilled and has had the fleet's launch lead time. */
const replacementServing = (incident: Incident, ctx: SpotContext): { serving: boolean; why: string } => {
  const surge = incident.surge;
  if (!surge || surge.status !== 'applied') return { serving: true, why: 'no surge to wait for' };
  const fleet = ctx.fleetView;
  if (!fleet) return { serving: true, why: 'fleet no longer described: draining rather than waiting' };
  const leadDone = ctx.nowMs >= surge.atMs + ctx.fleet.launchLeadTimeSeconds * 1000;
  const fulfilled = fleet.fulfilledCapacity >= fleet.totalTargetCapacity;
  if (leadDone && fulfilled) return { serving: true, why: 'replacement launched and past its lead time' };
  return {
    serving: false,
    why: fulfilled ? 'replacement still within its launch lead time' : `fleet not fulfilled yet (${fleet.fulfilledCapacity}/${fleet.totalTargetCapacity} units)`,
  };
};

export const decideFollowUp = (signal: IncidentFollowUp, ctx: SpotContext): SpotDecision => {
  const incident = ctx.incident;
  if (!incident || !isOpen(incident)) return unchanged(ctx, `follow-up ${signal.purpose}: incident no longer open`);
  if (signal.incidentId !== incident.incidentId) {
    return unchanged(ctx, `follow-up ${signal.purpose} of an earlier incident (${signal.incidentId}): ignored`);
  }
  const next = structuredClone(incident);
  next.updatedAtMs = ctx.nowMs;
  switch (signal.purpose) {
    case 'prepare-scheduled-change':
      if (next.surge || drained(next)) return unchanged(ctx, 'scheduled change already prepared');
      return prepareScheduled(next, ctx, 'preparing the scheduled change');
    case 'drain-after-replacement':
      return drainAfterReplacement(next, ctx);
    case 'drain-timeout':
      return standDown(next, ctx);
  }
};

const drainAfterReplacement = (incident: Incident, ctx: SpotContext): SpotDecision => {
  if (drained(incident)) return unchanged(ctx, 'drain already requested');
  const surged = incident.surge?.status === 'applied' || incident.surge?.status === 'dry-run';
  if (incident.phase === 'rebalance-recommended' && !surged) {
    // Draining with no replacement only removes capacity (a maintain fleet does not replace a running instance):
    // the instance keeps serving, and the interruption warning, if it comes, drains it.
    const reason = 'no replacement was launched (none was needed): the instance keeps serving until an interruption warning';
    incident.reasons.push(reason);
    return { incident, actions: [], atRiskPools: [], changed: true, reasons: [reason] };
  }
  const { serving, why } = replacementServing(incident, ctx);
  const deadline = incident.deadlineMs ?? ctx.nowMs + ctx.policy.drainGraceSeconds * 1000;
  // A scheduled change is known ahead (days, sometimes): its deadline, not the opening, bounds the wait.
  const giveUpAt = incident.phase === 'scheduled-change' ? deadline : incident.openedAtMs + ctx.fleet.drainTimeoutSeconds * 1000;
  const nextLook = ctx.nowMs + ctx.policy.followUpRetrySeconds * 1000;
  const why2 = incident.phase === 'scheduled-change' ? 'scheduled-change' : 'rebalance-recommendation';
  let action: Action;
  if (serving) {
    action = drainAction(incident, deadline, why2, why);
  } else if (nextLook < Math.min(deadline, giveUpAt)) {
    action = followUp(incident, 'drain-after-replacement', nextLook, `${why}: look again`, true);
  } else if (incident.deadlineMs !== undefined) {
    action = drainAction(incident, deadline, why2, `${why}, but the deadline is near: draining now`);
  } else {
    // No interruption is known to come: draining without a replacement would only remove capacity.
    const reason = `${why}; no interruption deadline: not draining, the stand-down will undo the surge`;
    incident.reasons.push(reason);
    return { incident, actions: [], atRiskPools: [], changed: true, reasons: [reason] };
  }
  incident.reasons.push(action.reason);
  return { incident, actions: [action], atRiskPools: [], changed: true, reasons: [action.reason] };
};

/** A recommendation that never became an interruption: undo the drain and the surge, keep the instance. */
const standDown = (incident: Incident, ctx: SpotContext): SpotDecision => {
  if (incident.phase === 'interruption-warned') return unchanged(ctx, 'interruption warned: the drain stays');
  // Only a scheduled change gives a recommendation a deadline: standing down before it would leave the change unprepared.
  if (incident.deadlineMs !== undefined && ctx.nowMs < incident.deadlineMs) {
    return unchanged(ctx, 'scheduled change not started yet: the drain stays');
  }
  const actions: Action[] = [];
  if (drained(incident)) {
    actions.push(untagDrain(incident, `no interruption after the ${incident.phase} notice: the instance serves again`));
  }
  const restore = chooseRestore(ctx, incident, 'no interruption followed');
  if (restore) actions.push(restore);
  const reason = `stood down: the ${incident.phase} notice was not followed by an interruption`;
  incident.phase = 'stood-down';
  incident.reasons.push(reason, ...actions.map((a) => a.reason));
  return { incident, actions, atRiskPools: [], changed: true, reasons: [reason] };
};
