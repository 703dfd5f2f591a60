import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOutcomes } from '../../../layers/core/apply-outcomes';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { GuardContext } from '../../../layers/core/guard';
import { guardPlan } from '../../../layers/core/guard';
import type { ActionStatus } from '../../../layers/core/incident';
import { incidentIdFor, isOpen } from '../../../layers/core/incident';
import { alreadySeen, undoPending } from '../../../layers/core/spot-incident';
import type { Action } from '../../../layers/core/plan';
import type { InstanceSignal, InstanceState } from '../../../layers/core/signals';
import type { SpotContext, SpotDecision } from '../../../layers/core/spot-context';
import { anySpotContext, anyStep, GONE_STATES, signalOf, type Step } from '../../helpers/spot-arbitraries';
import { aFollowUpOf, aRebalance, aStateChange, aWarning, settled } from '../../helpers/spot-factories';

const GONE: ReadonlySet<InstanceState> = new Set<InstanceState>(GONE_STATES);
/** Types an undo may take: nothing else is ever done for an ended incident. */
const isUndo = (a: Action): boolean => a.type === 'untag-drain' || (a.type === 'modify-fleet-capacity' && a.purpose === 'restore');

const assertPlanInvariants = (signal: InstanceSignal, decision: SpotDecision, ctx: SpotContext): void => {
  const { actions } = decision;
  expectIncidentRules(signal, decision, ctx);
  const surges = actions.flatMap((a, i) => (a.type === 'modify-fleet-capacity' && a.purpose === 'surge' ? [{ a, i }] : []));
  for (const { a } of surges) {
    expect(a.toTotal).toBeGreaterThan(a.fromTotal);
    expect(a.toTotal).toBeLessThanOrEqual(ctx.fleet.maxCapacityUnits);
  }
  for (const a of actions) {
    if (a.type === 'modify-fleet-capacity' && a.purpose === 'restore') {
      expect(a.toTotal).toBeGreaterThanOrEqual(ctx.fleet.minCapacityUnits);
      expect(a.toTotal).toBeLessThan(a.fromTotal);
    }
  }
  const firstDrain = actions.findIndex((a) => a.type === 'tag-drain');
  if (firstDrain >= 0) expect(surges.every(({ i }) => i < firstDrain)).toBe(true);
  expect(new Set(actions.map((a) => a.idempotencyKey)).size).toBe(actions.length);
  if (!decision.changed) expect(actions).toEqual([]);
  if (actions.length > 0) expect(decision.incident).toBeDefined();
  expectNoLeakedSurge(decision, ctx);
};

/** Which incident a decision acts on, and what it may do to an ended or gone one. */
const expectIncidentRules = (signal: InstanceSignal, decision: SpotDecision, ctx: SpotContext): void => {
  const before = ctx.incident;
  const after = decision.incident;
  const ended = before !== undefined && !isOpen(before);
  const seen = alreadySeen(before, signal);
  const undoRetry = ended && undoPending(before) && (seen || signal.kind === 'incident-follow-up');
  if (undoRetry) {
    // An ended incident whose undo did not apply: only the undo is tried again, on the same ended incident.
    expect(decision.actions.every(isUndo)).toBe(true);
    expect(after?.incidentId).toBe(before.incidentId);
    expect(after && isOpen(after)).toBe(false);
  } else if (ended && seen) {
    expect(decision.changed).toBe(false);
  }
  if (before && isOpen(before) && signal.kind === 'incident-follow-up' && signal.incidentId !== before.incidentId) {
    expect(decision).toMatchObject({ changed: false, actions: [] });
  }
  for (const a of decision.actions) {
    if (a.type !== 'modify-fleet-capacity') expect(a.incidentId).toBe(after?.incidentId);
  }
  const opened = after !== undefined && after !== before && (before === undefined || ended) && !undoRetry;
  if (opened) {
    expect(after.incidentId).toBe(incidentIdFor(ctx.instance.instanceId, signal.emittedAtMs, signal.eventId));
    expect(after.version).toBe(0);
    // A notice with no interruption to end it schedules its own stand-down.
    if (isOpen(after) && (signal.kind === 'rebalance-recommendation' || signal.kind === 'scheduled-change')) {
      expect(decision.actions).toContainEqual(expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-timeout' }));
    }
  }
  const notice = signal.kind === 'spot-interruption-warning' || signal.kind === 'rebalance-recommendation' || signal.kind === 'scheduled-change';
  if (notice && GONE.has(ctx.instance.state)) {
    // Nothing is drained, surged or scheduled for an instance EC2 already reports stopping or gone.
    expect(decision.actions.every(isUndo)).toBe(true);
    if (decision.changed && !undoRetry) expect(after).toMatchObject({ phase: 'closed', outcome: { finalState: ctx.instance.state } });
  }
};

/** An incident that ends takes back its applied surge then, since nothing acts on an ended incident again. */
const expectNoLeakedSurge = (decision: SpotDecision, ctx: SpotContext): void => {
  const before = ctx.incident;
  const after = decision.incident;
  if (!before || !after || !isOpen(before) || isOpen(after) || before.incidentId !== after.incidentId) return;
  const surge = before.surge;
  if (!surge || surge.status !== 'applied' || surge.undone?.status === 'applied' || surge.units <= 0) return;
  if (!ctx.fleetView || ctx.fleetView.totalTargetCapacity <= ctx.fleet.minCapacityUnits) return;
  expect(decision.actions).toContainEqual(expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'restore' }));
};

/** Run the story: decide, guard, execute against a world that may fail, record, move the clock on. */
const runStory = (start: SpotContext, steps: Step[]): void => {
  let ctx = start;
  for (const step of steps) {
    const nowMs = ctx.nowMs + step.gapMs;
    ctx = { ...ctx, nowMs, instance: { ...ctx.instance, state: step.instanceState } };
    const signal = signalOf(step, nowMs, ctx.incident?.incidentId);
    const decision = decideSpot(signal, ctx);
    assertPlanInvariants(signal, decision, ctx);
    const guardCtx: GuardContext = { ...step.guard, nowMs, fleetDryRun: ctx.fleet.dryRun, fleetMaxUnits: ctx.fleet.maxCapacityUnits, fleetMinUnits: ctx.fleet.minCapacityUnits, cooldownUntilMs: {} };
    const guarded = guardPlan(decision.actions, guardCtx);
    expect(guarded).toHaveLength(decision.actions.length);
    if (!decision.changed || !decision.incident) continue;
    const outcomes = guarded.map((g, i) => ({
      action: g.action,
      effective: g.effective,
      atMs: nowMs,
      status: g.verdict === 'execute' ? (step.failures[i % 4] ? ('failed' as const) : ('applied' as const)) : g.verdict,
    }));
    let view = ctx.fleetView;
    for (const o of outcomes) {
      const e: Action = o.effective;
      if (view && o.status === 'applied' && e.type === 'modify-fleet-capacity') view = { ...view, totalTargetCapacity: e.toTotal, ...(e.overrides ? { overrides: e.overrides } : {}) };
    }
    if (view) view = { ...view, fulfilledCapacity: Math.max(0, Math.min(view.totalTargetCapacity, view.fulfilledCapacity + step.fulfilledDelta)) };
    ctx = { ...ctx, incident: applyOutcomes(decision.incident, outcomes), fleetView: view };
  }
};

describe('decideSpot properties', () => {
  it('for any context and story of signals about one instance, never throws and keeps every plan within its invariants', () => {
    fc.assert(
      fc.property(anySpotContext, fc.array(anyStep, { minLength: 1, maxLength: 10 }), (ctx, steps) => {
        runStory(ctx, steps);
      }),
      { numRuns: 400 },
    );
  });

  it('answers a redelivered event with no change and no actions', () => {
    fc.assert(
      fc.property(anySpotContext, anyStep.filter((s) => s.kind !== 'follow-up'), (ctx, step) => {
        const signal = signalOf(step, ctx.nowMs);
        const first = decideSpot(signal, ctx);
        fc.pre(first.changed && first.incident !== undefined);
        const again = decideSpot(signal, { ...ctx, nowMs: ctx.nowMs + 1_000, incident: first.incident });
        expect(again).toMatchObject({ changed: false, actions: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('only ever retries the undo of an ended incident whose undo did not apply, whatever is delivered again', () => {
    const undoStatus = fc.constantFrom<ActionStatus>('applied', 'failed', 'blocked');
    fc.assert(
      fc.property(anySpotContext, fc.boolean(), undoStatus, undoStatus, anyStep, fc.constantFrom(...GONE_STATES, 'running' as const), (start, closed, untag, restore, step, state) => {
        const ctx: SpotContext = closed ? start : { ...start, fleet: { ...start.fleet, rebalancePolicy: 'surge-and-drain' } };
        const first = closed ? aWarning({ emittedAtMs: ctx.nowMs }) : aRebalance({ emittedAtMs: ctx.nowMs });
        const opening = decideSpot(first, ctx);
        const open = settled(opening, ctx.nowMs);
        const surge = opening.actions.find((a) => a.type === 'modify-fleet-capacity');
        const fleetView = ctx.fleetView && surge?.type === 'modify-fleet-capacity' ? { ...ctx.fleetView, totalTargetCapacity: surge.toTotal } : ctx.fleetView;
        const endAt = ctx.nowMs + ctx.fleet.drainTimeoutSeconds * 1000;
        const ending = decideSpot(closed ? aStateChange() : aFollowUpOf(open, 'drain-timeout'), { ...ctx, incident: open, fleetView, nowMs: endAt });
        const ended = settled(ending, endAt, (a) => (a.type === 'untag-drain' ? untag : restore));
        fc.pre(undoPending(ended));
        const again = [first, aStateChange(), signalOf(step, endAt + 60_000, ended.incidentId)][step.eventNo % 3] ?? first;
        fc.pre(alreadySeen(ended, again) || again.kind === 'incident-follow-up');
        const decision = decideSpot(again, { ...ctx, instance: { ...ctx.instance, state }, incident: ended, fleetView, nowMs: endAt + 60_000 });
        expect(decision.actions.every(isUndo)).toBe(true);
        expect(decision.actions.some((a) => a.type === 'untag-drain')).toBe(ended.drain?.undone?.status !== undefined && ended.drain.undone.status !== 'applied');
        expect(decision.incident).toMatchObject({ incidentId: ended.incidentId, phase: ended.phase });
      }),
      { numRuns: 300 },
    );
  });

  it('never drains on a warning received after its deadline', () => {
    fc.assert(
      fc.property(anySpotContext, fc.integer({ min: 1, max: 3_600_000 }), (ctx, lateByMs) => {
        const signal = aWarning({ emittedAtMs: ctx.nowMs - 120_000 - lateByMs, deadlineMs: ctx.nowMs - lateByMs });
        const decision = decideSpot(signal, ctx);
        expect(decision.actions.filter((a) => a.type !== 'modify-fleet-capacity' || a.purpose !== 'restore')).toEqual([]);
        expect(decision.incident?.outcome?.finalState).toBe('missed-notice');
      }),
      { numRuns: 200 },
    );
  });
});
