/** The spot-interruption decision: surge first, then drain, then close; pure, one instance at a time. */
import { readDrainedAt } from './drain-protocol';
import { poolKey } from './fleet';
import type { Incident } from './incident';
import { isOpen } from './incident';
import { poolOf } from './observed';
import type { Action } from './plan';
import { assertNever } from './plan';
import type { InstanceSignal, InstanceStateChange, RebalanceRecommendation, SpotInterruptionWarning } from './signals';
import type { ScheduledChangeForInstance } from './signals';
import type { SpotContext, SpotDecision } from './spot-context';
import { decideFollowUp } from './spot-follow-up';
import { alreadySeen, hasFailedAction, laterPhase, openOrContinue, recordSignal, undoPending } from './spot-incident';
import { prepareScheduled } from './spot-prepare';
import { GONE, onGone, retryUndo } from './spot-recovery';
import { drainAction, followUp, unchanged } from './spot-steps';
import { chooseRestore, chooseSurge } from './spot-surge';

/**
 * Decide what one signal about one instance of a managed fleet calls for.
 *
 * @example
 * const d = decideSpot(warning, ctx);
 * d.actions.map((a) => a.type); // ['modify-fleet-capacity', 'tag-drain']: surge first, then drain
 */
export const decideSpot = (signal: InstanceSignal, ctx: SpotContext): SpotDecision => {
  const seen = alreadySeen(ctx.incident, signal);
  // An ended incident whose undo failed: a redelivery or a follow-up tries the undo again, nothing else.
  if (undoPending(ctx.incident) && (seen || signal.kind === 'incident-follow-up')) return retryUndo(ctx);
  // Only an open incident retries: reopening an ended one would surge for an instance that is already gone.
  const retry = ctx.incident !== undefined && isOpen(ctx.incident) && hasFailedAction(ctx.incident);
  if (seen && !retry) return unchanged(ctx, `event ${signal.eventId} already handled`);
  if (signal.kind !== 'instance-state-change' && signal.kind !== 'incident-follow-up' && GONE.has(ctx.instance.state)) {
    return onGone(signal, ctx);
  }
  switch (signal.kind) {
    case 'spot-interruption-warning':
      return onWarning(signal, ctx);
    case 'rebalance-recommendation':
      return onRebalance(signal, ctx);
    case 'scheduled-change':
      return onScheduledChange(signal, ctx);
    case 'instance-state-change':
      return onStateChange(signal, ctx);
    case 'incident-follow-up':
      return decideFollowUp(signal, ctx);
    default:
      return assertNever(signal);
  }
};

const atRisk = (ctx: SpotContext, reason: string): SpotDecision['atRiskPools'] => [
  { poolKey: poolKey(poolOf(ctx.instance)), untilMs: ctx.nowMs + ctx.policy.atRiskTtlSeconds * 1000, reason },
];

const onWarning = (signal: SpotInterruptionWarning, ctx: SpotContext): SpotDecision => {
  const { incident } = openOrContinue(ctx, 'interruption-warned', signal);
  // A redelivery that retries a failed action after the deadline is not a missed notice.
  const late = ctx.nowMs > signal.deadlineMs && signal.action !== 'hibernate' && !alreadySeen(ctx.incident, signal);
  recordSignal(incident, signal, ctx.nowMs, { late, detail: `instance-action ${signal.action}` });
  incident.phase = laterPhase(incident.phase, 'interruption-warned');
  incident.spotAction = signal.action;
  incident.deadlineMs = signal.deadlineMs;
  const pools = atRisk(ctx, `spot interruption warning (${signal.action})`);
  const interruption = { poolKey: poolKey(poolOf(ctx.instance)), atMs: signal.emittedAtMs };
  if (late) {
    const reason = `notice received ${Math.round((ctx.nowMs - signal.deadlineMs) / 1000)} s after its deadline: recorded as missed, not acted on (the maintain fleet replaces the lost capacity itself)`;
    // Closing ends the incident for good, so a surge from an earlier notice is taken back now or never.
    const restore = chooseRestore(ctx, incident, 'notice missed');
    const reasons = restore ? [reason, restore.reason] : [reason];
    incident.reasons.push(...reasons);
    incident.phase = 'closed';
    incident.outcome = { finalState: 'missed-notice', closedAtMs: ctx.nowMs, lostUnits: incident.capacityUnits };
    return { incident, actions: restore ? [restore] : [], atRiskPools: pools, interruption, changed: true, reasons };
  }
  const actions: Action[] = [];
  const reasons: string[] = [];
  const surge = chooseSurge(ctx, incident);
  reasons.push(surge.reason);
  if (surge.action) actions.push(surge.action);
  if (signal.action === 'hibernate') {
    reasons.push('hibernation starts at once (no 2-minute lead): no drain request, the agent sees the notice in IMDS');
  } else if ((incident.drain?.status === 'applied' || incident.drain?.status === 'dry-run') && incident.drain.deadlineMs <= signal.deadlineMs) {
    reasons.push('drain already requested');
  } else if (incident.drain?.status === 'applied' || incident.drain?.status === 'dry-run') {
    // An earlier drain (rebalance, scheduled change) gave a later deadline: the agent must hurry now.
    actions.push(drainAction(incident, signal.deadlineMs, 'spot-interruption', 'bring the drain deadline forward to the interruption'));
  } else {
    actions.push(drainAction(incident, signal.deadlineMs, 'spot-interruption', 'drain before the 2-minute deadline'));
  }
  incident.reasons.push(...reasons);
  return { incident, actions, atRiskPools: pools, interruption, changed: true, reasons };
};

const onRebalance = (signal: RebalanceRecommendation, ctx: SpotContext): SpotDecision => {
  const { incident, opened } = openOrContinue(ctx, 'rebalance-recommended', signal);
  recordSignal(incident, signal, ctx.nowMs);
  const pools = atRisk(ctx, 'rebalance recommendation');
  if (!opened && incident.phase !== 'rebalance-recommended') {
    const reason = `rebalance recommendation after the ${incident.phase} notice: recorded, nothing more to do`;
    incident.reasons.push(reason);
    return { incident, actions: [], atRiskPools: pools, changed: true, reasons: [reason] };
  }
  const actions: Action[] = [];
  const reasons: string[] = [];
  if (ctx.fleet.rebalancePolicy === 'notify-only') {
    reasons.push('fleet policy notify-only: waiting for an interruption warning before acting');
  } else if (ctx.fleetView?.capacityRebalance) {
    reasons.push(`the fleet's own capacity rebalancing (${ctx.fleetView.capacityRebalance}) launches the replacement: no surge`);
  } else {
    const surge = chooseSurge(ctx, incident);
    reasons.push(surge.reason);
    if (surge.action) actions.push(surge.action);
  }
  if (ctx.fleet.rebalancePolicy === 'surge-and-drain') {
    actions.push(
      drainAction(incident, ctx.nowMs + ctx.policy.drainGraceSeconds * 1000, 'rebalance-recommendation', 'fleet policy drains on rebalance'),
    );
  } else if (ctx.fleet.rebalancePolicy === 'surge-then-drain') {
    const at = ctx.nowMs + ctx.fleet.launchLeadTimeSeconds * 1000;
    actions.push(followUp(incident, 'drain-after-replacement', at, 'drain once the replacement has had its launch lead time'));
  }
  const at = ctx.nowMs + ctx.fleet.drainTimeoutSeconds * 1000;
  actions.push(followUp(incident, 'drain-timeout', at, 'stand down if no interruption follows'));
  incident.reasons.push(...reasons);
  return { incident, actions, atRiskPools: pools, changed: true, reasons };
};

const onScheduledChange = (signal: ScheduledChangeForInstance, ctx: SpotContext): SpotDecision => {
  const { incident, opened } = openOrContinue(ctx, 'scheduled-change', signal);
  recordSignal(incident, signal, ctx.nowMs, { detail: signal.eventTypeCode });
  if (!opened && incident.deadlineMs !== undefined) {
    const reason = `scheduled change ${signal.eventTypeCode} on an incident already under way: recorded`;
    incident.reasons.push(reason);
    return { incident, actions: [], atRiskPools: [], changed: true, reasons: [reason] };
  }
  incident.deadlineMs = signal.startMs;
  const prepareAt = signal.startMs - (ctx.fleet.launchLeadTimeSeconds + ctx.policy.scheduledChangeMarginSeconds) * 1000;
  if (prepareAt > ctx.nowMs) {
    const reason = `${signal.eventTypeCode} starts ${new Date(signal.startMs).toISOString()}: replacement will be prepared at ${new Date(prepareAt).toISOString()} (lead time + margin)`;
    incident.reasons.push(reason);
    return {
      incident,
      actions: [
        followUp(incident, 'prepare-scheduled-change', prepareAt, 'prepare the replacement ahead of the scheduled change'),
        standDownAfter(incident, signal, ctx),
      ],
      atRiskPools: [],
      changed: true,
      reasons: [reason],
    };
  }
  const prepared = prepareScheduled(incident, ctx, `${signal.eventTypeCode} starts within the launch lead time + margin`);
  return { ...prepared, actions: [...prepared.actions, standDownAfter(incident, signal, ctx)] };
};

/**
 * A reboot or maintenance leaves the instance running: once the change is over (its end, else its start, plus
 * the margin) an instance still there is stood down, so it is never left drained with a surge forever.
 */
const standDownAfter = (incident: Incident, signal: ScheduledChangeForInstance, ctx: SpotContext): Action =>
  followUp(incident, 'drain-timeout', (signal.endMs ?? signal.startMs) + ctx.policy.scheduledChangeMarginSeconds * 1000, 'stand down if the instance outlives the scheduled change', true);

const onStateChange = (signal: InstanceStateChange, ctx: SpotContext): SpotDecision => {
  const incident = ctx.incident;
  if (!incident || !isOpen(incident)) return unchanged(ctx, `state ${signal.state} with no open incident: nothing to close`);
  const next = structuredClone(incident);
  recordSignal(next, signal, ctx.nowMs, { detail: signal.state });
  next.phase = 'closed';
  // The agent tags the instance when it has drained (drain protocol): that, not our request, says it drained in time.
  // An acknowledgement older than our drain request is a leftover (an earlier drain, an agent restart).
  const acknowledgedAtMs = readDrainedAt(ctx.instance.tags);
  if (next.drain && acknowledgedAtMs !== undefined && acknowledgedAtMs >= next.drain.atMs) next.drain.acknowledgedAtMs = acknowledgedAtMs;
  const drainedAtMs = next.drain?.acknowledgedAtMs ?? next.drain?.atMs;
  next.outcome = {
    finalState: signal.state,
    closedAtMs: ctx.nowMs,
    lostUnits: next.capacityUnits,
    ...(next.deadlineMs !== undefined && next.drain
      ? { drainedBeforeDeadline: next.drain.status === 'applied' && (drainedAtMs ?? Infinity) <= next.deadlineMs }
      : {}),
  };
  const restore = chooseRestore(ctx, next, `instance ${signal.state}`);
  const reason = restore ? restore.reason : `instance ${signal.state}: incident closed`;
  next.reasons.push(reason);
  return { incident: next, actions: restore ? [restore] : [], atRiskPools: [], changed: true, reasons: [reason] };
};
