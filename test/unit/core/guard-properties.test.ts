import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GuardContext, Verdict } from '../../../layers/core/guard';
import { cooldownScope, guardPlan } from '../../../layers/core/guard';
import type { Action } from '../../../layers/core/plan';
import { aDrain, aFollowUpAction, aGuardContext, anUndrain, aRestore, aScaleIn, aSurge } from '../../helpers/plan-factories';
import { T0_MS } from '../../helpers/spot-factories';

const verdicts = (actions: Action[], ctx: GuardContext): Verdict[] => guardPlan(actions, ctx).map((g) => g.verdict);

describe('guardPlan properties', () => {
  const total = fc.integer({ min: 0, max: 10_000 });
  const anyAction: fc.Arbitrary<Action> = fc.oneof(
    fc.tuple(total, total).map(([a, b]) => aSurge(a, b)),
    fc.tuple(total, total).map(([a, b]) => aRestore(a, b)),
    fc.tuple(total, total).map(([a, b]) => aScaleIn(a, b)),
    fc.tuple(total, total).map(([a, b]): Action => ({ ...aSurge(a, b), purpose: 'scale-out' })),
    fc.constant<Action>(aDrain()),
    fc.constant<Action>(aFollowUpAction()),
    fc.constant<Action>(anUndrain()),
  );
  const anyContext: fc.Arbitrary<GuardContext> = fc
    .record({
      killSwitchEngaged: fc.boolean(),
      globalDryRun: fc.boolean(),
      fleetDryRun: fc.boolean(),
      maxSurgeUnitsPerEvent: fc.integer({ min: 0, max: 5_000 }),
      fleetMinUnits: fc.integer({ min: 0, max: 5_000 }),
      span: fc.integer({ min: 0, max: 5_000 }),
      surgeCooldownMs: fc.option(fc.integer({ min: -600_000, max: 600_000 }), { nil: undefined }),
      restoreCooldownMs: fc.option(fc.integer({ min: -600_000, max: 600_000 }), { nil: undefined }),
      scaleIn: fc.option(fc.record({ maxUnitsPerHour: fc.integer({ min: 0, max: 3_000 }), unitsInLastHour: fc.integer({ min: 0, max: 3_000 }) }), {
        nil: undefined,
      }),
    })
    .map((r) => {
      const cooldownUntilMs: Record<string, number> = {};
      if (r.surgeCooldownMs !== undefined) cooldownUntilMs[cooldownScope(aSurge()) ?? ''] = T0_MS + r.surgeCooldownMs;
      if (r.restoreCooldownMs !== undefined) cooldownUntilMs[cooldownScope(aRestore()) ?? ''] = T0_MS + r.restoreCooldownMs;
      return aGuardContext({
        killSwitchEngaged: r.killSwitchEngaged,
        globalDryRun: r.globalDryRun,
        fleetDryRun: r.fleetDryRun,
        maxSurgeUnitsPerEvent: r.maxSurgeUnitsPerEvent,
        fleetMinUnits: r.fleetMinUnits,
        fleetMaxUnits: r.fleetMinUnits + r.span,
        cooldownUntilMs,
        ...(r.scaleIn ? { scaleIn: r.scaleIn } : {}),
      });
    });
  /** The same context with more restrictions: kill switch and dry-run may only turn on, limits only tighten. */
  const stricter = (ctx: GuardContext): fc.Arbitrary<GuardContext> =>
    fc
      .record({ kill: fc.boolean(), dry: fc.boolean(), cap: fc.integer({ min: 0, max: ctx.maxSurgeUnitsPerEvent }) })
      .map(({ kill, dry, cap }) => ({
        ...ctx,
        killSwitchEngaged: ctx.killSwitchEngaged || kill,
        globalDryRun: ctx.globalDryRun || dry,
        maxSurgeUnitsPerEvent: cap,
      }));

  it('returns one guarded action per planned action, in plan order', () => {
    fc.assert(
      fc.property(fc.array(anyAction, { maxLength: 8 }), anyContext, (actions, ctx) => {
        const guarded = guardPlan(actions, ctx);
        expect(guarded).toHaveLength(actions.length);
        expect(guarded.map((g) => g.action)).toEqual(actions);
      }),
      { numRuns: 400 },
    );
  });

  it('never turns a blocked action into one that executes under a stricter context', () => {
    fc.assert(
      fc.property(
        fc.array(anyAction, { minLength: 1, maxLength: 8 }),
        anyContext.chain((ctx) => fc.tuple(fc.constant(ctx), stricter(ctx))),
        (actions, [ctx, strict]) => {
          const loose = verdicts(actions, ctx);
          const tight = verdicts(actions, strict);
          loose.forEach((v, i) => {
            if (v === 'blocked') expect(tight[i]).toBe('blocked');
            if (v !== 'execute') expect(tight[i]).not.toBe('execute');
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is idempotent: guarding the effective actions again gives the same verdicts and targets', () => {
    fc.assert(
      fc.property(fc.array(anyAction, { maxLength: 8 }), anyContext, (actions, ctx) => {
        const once = guardPlan(actions, ctx);
        const twice = guardPlan(once.map((g) => g.effective), ctx);
        expect(twice.map((g) => g.verdict)).toEqual(once.map((g) => g.verdict));
        expect(twice.map((g) => g.effective)).toEqual(once.map((g) => g.effective));
      }),
      { numRuns: 400 },
    );
  });

  it('lets a capacity change through only within the limits, changing only its target', () => {
    fc.assert(
      fc.property(anyAction, anyContext, (action, ctx) => {
        const [g] = guardPlan([action], ctx);
        if (!g || g.verdict === 'blocked' || g.effective.type !== 'modify-fleet-capacity' || action.type !== 'modify-fleet-capacity') return;
        const { fromTotal, toTotal } = g.effective;
        expect(toTotal).not.toBe(fromTotal);
        expect(g.effective).toEqual({ ...action, toTotal });
        if (toTotal > fromTotal) {
          expect(toTotal - fromTotal).toBeLessThanOrEqual(ctx.maxSurgeUnitsPerEvent);
          expect(toTotal).toBeLessThanOrEqual(Math.max(ctx.fleetMaxUnits, fromTotal));
        } else {
          expect(toTotal).toBeGreaterThanOrEqual(Math.min(ctx.fleetMinUnits, fromTotal));
          if (ctx.scaleIn) expect(fromTotal - toTotal).toBeLessThanOrEqual(ctx.scaleIn.maxUnitsPerHour - ctx.scaleIn.unitsInLastHour);
        }
      }),
      { numRuns: 500 },
    );
  });
});
