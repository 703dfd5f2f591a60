import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOutcomes } from '../../../layers/core/apply-outcomes';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { GuardContext } from '../../../layers/core/guard';
import { guardPlan } from '../../../layers/core/guard';
import { isOpen } from '../../../layers/core/incident';
import { alreadySeen } from '../../../layers/core/spot-incident';
import type { Action } from '../../../layers/core/plan';
import type { FollowUpPurpose, InstanceSignal, InstanceState, SpotAction } from '../../../layers/core/signals';
import type { SpotContext, SpotDecision } from '../../../layers/core/spot-context';
import { anySpotContext, rarely } from '../../helpers/spot-arbitraries';
import { aFollowUp, aRebalance, aScheduledChangeFor, aStateChange, aWarning } from '../../helpers/spot-factories';

const STATES: InstanceState[] = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'];
const PURPOSES: FollowUpPurpose[] = ['prepare-scheduled-change', 'drain-after-replacement', 'drain-timeout'];
const SPOT_ACTIONS: SpotAction[] = ['terminate', 'stop', 'hibernate'];

/** One step of a story about the instance: a signal some time later, and how the world answers the plan. */
const anyStep = fc.record({
  gapMs: fc.integer({ min: 0, max: 3_600_000 }),
  eventNo: fc.integer({ min: 0, max: 4 }),
  delayMs: fc.integer({ min: 0, max: 300_000 }),
  startInMs: fc.integer({ min: -600_000, max: 20 * 86_400_000 }),
  kind: fc.constantFrom('warning', 'rebalance', 'scheduled', 'state', 'follow-up'),
  spotAction: fc.constantFrom(...SPOT_ACTIONS),
  state: fc.constantFrom(...STATES),
  purpose: fc.constantFrom(...PURPOSES),
  failures: fc.array(rarely, { minLength: 4, maxLength: 4 }),
  fulfilledDelta: fc.integer({ min: -500, max: 500 }),
  guard: fc.record({ killSwitchEngaged: rarely, globalDryRun: rarely, maxSurgeUnitsPerEvent: fc.integer({ min: 0, max: 800 }) }),
});
type Step = typeof anyStep extends fc.Arbitrary<infer S> ? S : never;

const signalOf = (step: Step, nowMs: number): InstanceSignal => {
  const base = { eventId: `${step.kind}-${step.eventNo}`, emittedAtMs: nowMs - step.delayMs };
  switch (step.kind) {
    case 'warning':
      return aWarning({ ...base, action: step.spotAction, deadlineMs: step.spotAction === 'hibernate' ? base.emittedAtMs : base.emittedAtMs + 120_000 });
    case 'rebalance':
      return aRebalance(base);
    case 'scheduled':
      return aScheduledChangeFor({ ...base, startMs: nowMs + step.startInMs });
    case 'state':
      return aStateChange({ ...base, state: step.state });
    default:
      return aFollowUp(step.purpose, { ...base, eventId: `follow-up-${nowMs}` });
  }
};

const assertPlanInvariants = (signal: InstanceSignal, decision: SpotDecision, ctx: SpotContext): void => {
  const { actions } = decision;
  if (ctx.incident && !isOpen(ctx.incident) && alreadySeen(ctx.incident, signal)) expect(decision.changed).toBe(false);
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
    ctx = { ...ctx, nowMs };
    const signal = signalOf(step, nowMs);
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
