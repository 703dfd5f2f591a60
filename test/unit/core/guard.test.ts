import { describe, expect, it } from 'vitest';
import type { GuardContext, Verdict } from '../../../layers/core/guard';
import { cooldownScope, guardPlan } from '../../../layers/core/guard';
import type { Action } from '../../../layers/core/plan';
import { aDrain, aFollowUpAction, aGuardContext, aRestore, aScaleIn, aSurge } from '../../helpers/plan-factories';
import { FLEET_ID, T0_MS } from '../../helpers/spot-factories';

const verdicts = (actions: Action[], ctx: GuardContext): Verdict[] => guardPlan(actions, ctx).map((g) => g.verdict);
const effectiveTotal = (action: Action, ctx: GuardContext): number | undefined => {
  const [g] = guardPlan([action], ctx);
  return g?.effective.type === 'modify-fleet-capacity' ? g.effective.toTotal : undefined;
};

describe('guardPlan', () => {
  it('lets a plan within every limit run unchanged', () => {
    // Act
    const guarded = guardPlan([aSurge(), aDrain(), aFollowUpAction()], aGuardContext());

    // Assess
    expect(guarded.map((g) => g.verdict)).toEqual(['execute', 'execute', 'execute']);
    expect(guarded.map((g) => g.effective)).toEqual([aSurge(), aDrain(), aFollowUpAction()]);
    expect(guarded.every((g) => g.note === undefined)).toBe(true);
  });

  it('blocks fleet mutations when the kill switch is engaged, but still schedules follow-ups', () => {
    // Act
    const guarded = guardPlan([aSurge(), aDrain(), aFollowUpAction()], aGuardContext({ killSwitchEngaged: true }));

    // Assess
    expect(guarded.map((g) => g.verdict)).toEqual(['blocked', 'blocked', 'execute']);
    expect(guarded[0]?.note).toBe('kill switch engaged');
  });

  it('turns fleet mutations into dry-runs under the global dry-run, naming it', () => {
    // Act
    const guarded = guardPlan([aSurge(), aDrain(), aFollowUpAction()], aGuardContext({ globalDryRun: true }));

    // Assess
    expect(guarded.map((g) => g.verdict)).toEqual(['dry-run', 'dry-run', 'execute']);
    expect(guarded[1]?.note).toBe('global dry-run');
  });

  it("turns fleet mutations into dry-runs under the fleet's own dry-run", () => {
    // Act
    const guarded = guardPlan([aRestore(), aDrain()], aGuardContext({ fleetDryRun: true }));

    // Assess
    expect(guarded.map((g) => [g.verdict, g.note])).toEqual([
      ['dry-run', 'fleet dry-run'],
      ['dry-run', 'fleet dry-run'],
    ]);
  });

  it('clamps a surge to the per-event maximum, and says so', () => {
    // Act
    const [g] = guardPlan([aSurge(2000, 3200)], aGuardContext({ maxSurgeUnitsPerEvent: 800 }));

    // Assess
    expect(g?.verdict).toBe('execute');
    expect(g?.effective).toEqual({ ...aSurge(2000, 3200), toTotal: 2800 });
    expect(g?.action).toEqual(aSurge(2000, 3200));
    expect(g?.note).toBe('clamped to 800 units per event');
  });

  it('clamps a surge to the fleet maximum', () => {
    // Act
    const [g] = guardPlan([aSurge(3800, 4200)], aGuardContext());

    // Assess
    expect(g?.effective).toMatchObject({ fromTotal: 3800, toTotal: 4000 });
    expect(g?.note).toBe('clamped to the fleet maximum 4000');
  });

  it('keeps the dry-run verdict and the clamp together in the note', () => {
    // Act
    const [g] = guardPlan([aSurge(3800, 4200)], aGuardContext({ fleetDryRun: true }));

    // Assess
    expect(g?.verdict).toBe('dry-run');
    expect(g?.note).toBe('fleet dry-run; clamped to the fleet maximum 4000');
    expect(effectiveTotal(aSurge(3800, 4200), aGuardContext({ fleetDryRun: true }))).toBe(4000);
  });

  it('clamps a restore to the fleet minimum', () => {
    // Act
    const [g] = guardPlan([aRestore(700, 300)], aGuardContext({ fleetMinUnits: 400 }));

    // Assess
    expect(g?.verdict).toBe('execute');
    expect(g?.effective).toMatchObject({ purpose: 'restore', fromTotal: 700, toTotal: 400 });
    expect(g?.note).toBe('clamped to the fleet minimum 400');
  });

  it('blocks an action that the limits clamp to no change at all', () => {
    // Act
    const atMax = guardPlan([aSurge(4000, 4400)], aGuardContext());
    const noSurgeAllowed = guardPlan([aSurge()], aGuardContext({ maxSurgeUnitsPerEvent: 0 }));
    const atMin = guardPlan([aRestore(400, 0)], aGuardContext());

    // Assess
    expect(atMax[0]).toMatchObject({ verdict: 'blocked', note: 'clamped to the fleet maximum 4000' });
    expect(noSurgeAllowed[0]).toMatchObject({ verdict: 'blocked', note: 'clamped to 0 units per event' });
    expect(atMin[0]).toMatchObject({ verdict: 'blocked', note: 'clamped to the fleet minimum 400' });
  });

  it('blocks a capacity change of the scope in cooldown, and only that scope', () => {
    // Prepare
    const ctx = aGuardContext({ cooldownUntilMs: { [`${FLEET_ID}:modify-fleet-capacity:surge`]: T0_MS + 60_000 } });

    // Act
    const guarded = guardPlan([aSurge(), aRestore(), aDrain()], ctx);

    // Assess
    expect(guarded.map((g) => g.verdict)).toEqual(['blocked', 'execute', 'execute']);
    expect(guarded[0]?.note).toBe(`cooldown until ${new Date(T0_MS + 60_000).toISOString()}`);
  });

  it('lets a capacity change run once its cooldown has ended', () => {
    // Prepare
    const ctx = aGuardContext({ cooldownUntilMs: { [`${FLEET_ID}:modify-fleet-capacity:surge`]: T0_MS } });

    // Act / Assess
    expect(verdicts([aSurge()], ctx)).toEqual(['execute']);
  });

  it('scopes cooldowns per fleet, action type and purpose, and only for capacity changes', () => {
    expect(cooldownScope(aSurge())).toBe(`${FLEET_ID}:modify-fleet-capacity:surge`);
    expect(cooldownScope(aRestore())).toBe(`${FLEET_ID}:modify-fleet-capacity:restore`);
    expect(cooldownScope(aScaleIn())).toBe(`${FLEET_ID}:modify-fleet-capacity:scale-in`);
    expect(cooldownScope(aDrain())).toBeUndefined();
    expect(cooldownScope(aFollowUpAction())).toBeUndefined();
  });

  describe('scale-in budget', () => {
    it('clamps a scale-in to what is left of the hourly budget, and says so', () => {
      // Prepare: 500 units per hour, 300 already removed in the last hour
      const ctx = aGuardContext({ scaleIn: { maxUnitsPerHour: 500, unitsInLastHour: 300 } });

      // Act
      const [g] = guardPlan([aScaleIn(2000, 1500)], ctx);

      // Assess
      expect(g?.verdict).toBe('execute');
      expect(g?.effective).toEqual({ ...aScaleIn(2000, 1500), toTotal: 1800 });
      expect(g?.note).toBe('clamped to the 200 units of scale-in left this hour (500 per hour)');
    });

    it('lets a scale-in within the budget run unchanged', () => {
      // Act
      const [g] = guardPlan([aScaleIn(2000, 1800)], aGuardContext({ scaleIn: { maxUnitsPerHour: 500, unitsInLastHour: 300 } }));

      // Assess
      expect(g).toEqual({ action: aScaleIn(2000, 1800), effective: aScaleIn(2000, 1800), verdict: 'execute' });
    });

    it('blocks a scale-in once the hourly budget is used up, or overspent', () => {
      // Act
      const used = guardPlan([aScaleIn()], aGuardContext({ scaleIn: { maxUnitsPerHour: 500, unitsInLastHour: 500 } }));
      const overspent = guardPlan([aScaleIn()], aGuardContext({ scaleIn: { maxUnitsPerHour: 500, unitsInLastHour: 650 } }));

      // Assess
      expect(used[0]).toMatchObject({ verdict: 'blocked', note: 'clamped to the 0 units of scale-in left this hour (500 per hour)' });
      expect(overspent[0]).toMatchObject({ verdict: 'blocked', effective: { toTotal: 2000 } });
    });

    it('leaves whole units only when the budget is fractional', () => {
      // Act
      const [g] = guardPlan([aScaleIn(2000, 1000)], aGuardContext({ scaleIn: { maxUnitsPerHour: 250.7, unitsInLastHour: 0 } }));

      // Assess
      expect(g?.effective).toMatchObject({ toTotal: 1750 });
    });

    it('limits every capacity decrease it is given, and never an increase', () => {
      // Prepare
      const ctx = aGuardContext({ scaleIn: { maxUnitsPerHour: 100, unitsInLastHour: 0 } });

      // Act
      const [restore, surge, scaleOut] = guardPlan([aRestore(2400, 2000), aSurge(2000, 2400), { ...aSurge(2000, 2600), purpose: 'scale-out' }], ctx);

      // Assess
      expect(restore?.effective).toMatchObject({ toTotal: 2300 });
      expect(surge?.effective).toEqual(aSurge(2000, 2400));
      expect(scaleOut).toMatchObject({ verdict: 'execute', effective: { purpose: 'scale-out', toTotal: 2600 } });
    });

    it('keeps the fleet minimum and the budget together, whichever leaves more', () => {
      // Act
      const [g] = guardPlan([aScaleIn(1000, 100)], aGuardContext({ scaleIn: { maxUnitsPerHour: 1000, unitsInLastHour: 700 } }));

      // Assess: the minimum (400) would allow 600, the budget only 300
      expect(g?.effective).toMatchObject({ toTotal: 700 });
      expect(g?.note).toBe('clamped to the fleet minimum 400; clamped to the 300 units of scale-in left this hour (1000 per hour)');
    });

    it('turns a clamped scale-in into a dry-run under the fleet dry-run, keeping both notes', () => {
      // Act
      const [g] = guardPlan([aScaleIn(2000, 1500)], aGuardContext({ fleetDryRun: true, scaleIn: { maxUnitsPerHour: 100, unitsInLastHour: 0 } }));

      // Assess
      expect(g).toMatchObject({ verdict: 'dry-run', effective: { toTotal: 1900 } });
      expect(g?.note).toBe('fleet dry-run; clamped to the 100 units of scale-in left this hour (100 per hour)');
    });
  });
});
