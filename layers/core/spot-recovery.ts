/** Recovery paths of the spot decision: notices about instances already gone, and undos that did not apply. */
import type { Incident } from './incident';
import { isOpen } from './incident';
import type { Action } from './plan';
import type { InstanceSignal } from './signals';
import type { SpotContext, SpotDecision } from './spot-context';
import { openOrContinue, recordSignal } from './spot-incident';
import { untagDrain } from './spot-steps';
import { chooseRestore } from './spot-surge';

export const GONE: ReadonlySet<string> = new Set(['stopping', 'stopped', 'shutting-down', 'terminated']);

/**
 * A notice about an instance EC2 already reports as stopping or gone (hibernation has no lead, and the state
 * change can be processed first): nothing to drain or surge for; close, taking back any earlier surge.
 */
export const onGone = (signal: InstanceSignal, ctx: SpotContext): SpotDecision => {
  const open = ctx.incident && isOpen(ctx.incident) ? structuredClone(ctx.incident) : undefined;
  const incident = open ?? openOrContinue(ctx, 'closed', signal).incident;
  recordSignal(incident, signal, ctx.nowMs, { detail: `instance already ${ctx.instance.state}` });
  incident.phase = 'closed';
  incident.outcome = { finalState: ctx.instance.state, closedAtMs: ctx.nowMs, lostUnits: incident.capacityUnits };
  const restore = chooseRestore(ctx, incident, `instance already ${ctx.instance.state}`);
  const reason = restore?.reason ?? `${signal.kind} for an instance already ${ctx.instance.state}: closed, nothing to do`;
  incident.reasons.push(reason);
  return { incident, actions: restore ? [restore] : [], atRiskPools: [], changed: true, reasons: [reason] };
};

/** Try again the undo (restore, untag) that failed or was blocked when the incident ended. */
export const retryUndo = (ctx: SpotContext): SpotDecision => {
  const next = structuredClone(ctx.incident as Incident);
  next.updatedAtMs = ctx.nowMs;
  const actions: Action[] = [];
  if (next.drain?.status === 'applied' && next.drain.undone && next.drain.undone.status !== 'applied') {
    actions.push(untagDrain(next, 'retrying the drain undo that did not apply'));
  }
  const restore = chooseRestore(ctx, next, 'retrying the restore that did not apply');
  if (restore) actions.push(restore);
  const reasons = actions.length > 0 ? actions.map((a) => a.reason) : ['nothing left to undo'];
  next.reasons.push(...reasons);
  return { incident: next, actions, atRiskPools: [], changed: actions.length > 0, reasons };
};
