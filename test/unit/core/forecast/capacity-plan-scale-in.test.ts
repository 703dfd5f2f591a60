// The planner scales in only when forecast and load agree, a quarter of the target per hour at most, never below the need.
import { describe, expect, it } from 'vitest';
import { defaultForecastSettings } from '../../../../layers/core/forecast/forecast-settings';
import { planCapacity } from '../../../../layers/core/forecast/capacity-plan';
import type { CapacityPlanInput, PastScaleIn } from '../../../../layers/core/forecast/capacity-plan-types';
import { aForecast, aPlanInput, flat, noForecast, NOW_MS, STEP_MS } from '../../../helpers/capacity-plan-factories';
import { aFleet, T0_MS } from '../../../helpers/spot-factories';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

describe('planCapacity scale-in', () => {
  it('comes down on the evening fall by at most a quarter of the target in the hour', () => {
    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 4000 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-in', fromUnits: 4000, toUnits: 3000, leadUnits: 1250 });
    expect(plan.holdReasons).toEqual(['limited to the 1000 units of scale-in left this hour (1000 per hour)']);
    expect(plan.reason).toMatch(/^scale-in 4000 -> 3000 units: the p95 forecast needs 1250 units .*; limited to the 1000 units/);
  });

  it('counts only the scale-ins of the rolling hour, against the target at its start', () => {
    // Prepare: 600 removed 30 min ago (the hour began at 4600), 1000 removed 61 min ago (outside it)
    const scaleInsLastHour = [
      { atMs: NOW_MS - 30 * MINUTE_MS, units: 600 },
      { atMs: NOW_MS - 61 * MINUTE_MS, units: 1000 },
    ];

    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 4000, scaleInsLastHour }));

    // Assess: 25% of 4600 = 1150, 600 used: 550 left
    expect(plan).toMatchObject({ decision: 'scale-in', toUnits: 3450 });
  });

  it('holds once the hourly budget is used up', () => {
    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 3000, scaleInsLastHour: [{ atMs: NOW_MS - 10 * MINUTE_MS, units: 1000 }] }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 3000 });
    expect(plan.holdReasons).toEqual(['the hourly scale-in limit of 1000 units (25% of the target) is used up']);
  });

  it('takes the whole evening to come down, never more than a quarter of the target in any rolling hour', () => {
    // Prepare: every 5 minutes for 6 hours, remembering the scale-ins as the forecast state does
    let target = 4000;
    const removed: PastScaleIn[] = [];
    const targets: { atMs: number; units: number }[] = [];

    // Act
    for (let run = 0; run < 72; run += 1) {
      const nowMs = NOW_MS + run * STEP_MS;
      const forecast = aForecast(flat(1000), 0, { startMs: T0_MS + run * STEP_MS });
      const plan = planCapacity(aPlanInput({ nowMs, forecast, currentTargetUnits: target, scaleInsLastHour: removed.filter((r) => r.atMs > nowMs - HOUR_MS) }));
      if (plan.decision === 'scale-in') removed.push({ atMs: nowMs, units: plan.fromUnits - plan.toUnits });
      target = plan.toUnits;
      targets.push({ atMs: nowMs, units: target });
    }

    // Assess
    for (const { atMs } of targets) {
      const inHour = removed.filter((r) => r.atMs > atMs - HOUR_MS && r.atMs <= atMs).reduce((sum, r) => sum + r.units, 0);
      const before = [...targets].reverse().find((t) => t.atMs <= atMs - HOUR_MS)?.units ?? 4000;
      expect(inHour).toBeLessThanOrEqual(0.25 * before);
    }
    // Down to the 1250 units the night needs, but for a last step smaller than one instance (g4dn.xlarge, 150 units)
    expect(Math.min(...targets.map((t) => t.units))).toBeGreaterThanOrEqual(1250);
    expect(targets[targets.length - 1]?.units).toBeLessThan(1250 + 150);
    expect(targets[11]?.units).toBeGreaterThanOrEqual(3000);
  });

  it('holds when the observed load runs above the forecast by more than the agreement', () => {
    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 4000, observedQps: 1500 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 4000, neededNowUnits: 1875 });
    expect(plan.holdReasons).toEqual(['the observed 1500 QPS is above the forecast 1000 QPS by more than 20%: no scale-in until they agree']);
  });

  it('scales in when the observed load is below the forecast, but not below the forecast need', () => {
    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 1500, observedQps: 400 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-in', toUnits: 1250, neededNowUnits: 500, holdReasons: [] });
  });

  it('never goes below what the observed load needs now, and says so', () => {
    // Prepare: 15% above the forecast agrees; it needs 1150 / 0.8 = 1437.5 units
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 1700, observedQps: 1150 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-in', toUnits: 1438 });
    expect(plan.holdReasons).toEqual(['kept at the 1438 units the observed load and backlog need now']);
  });

  it('never goes below the fleet minimum', () => {
    // Act
    const settings = { ...defaultForecastSettings('critical'), maxScaleInFractionPerHour: 1 };
    const plan = planCapacity(aPlanInput({ forecast: aForecast(flat(100)), observedQps: 100, currentTargetUnits: 600, settings }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-in', toUnits: 400, holdReasons: ['kept at the fleet minimum of 400 units'] });
  });

  it('holds a scale-in smaller than the smallest instance: it would remove nothing and only churn the target', () => {
    // Act: the forecast needs 1250, the target is 1300 (the smallest type, g4dn.xlarge, brings 150)
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 1300, observedQps: 400 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 1300 });
    expect(plan.holdReasons).toEqual(['a scale-in of 50 units would remove no instance (the smallest instance type brings 150): held until it would']);
  });

  it('does not remove capacity that a step before the next run could act would need again', () => {
    // Prepare: the lead window needs 1250, the step at T0 + 10 min (the next run's lead window) 2500
    const input = aPlanInput({ forecast: aForecast([1000, 1000, 2000, ...flat(2000, 69)]), currentTargetUnits: 2500 });

    // Act
    const plan = planCapacity(input);

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 2500, leadUnits: 1250 });
    expect(plan.holdReasons).toEqual([
      `kept at the 2500 units the forecast needs before the next run could bring capacity back (${new Date(NOW_MS + 5 * MINUTE_MS).toISOString()} + launch lead)`,
    ]);
  });

  it('never scales in during an open Spot incident', () => {
    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 4000, openIncidentIds: ['inc-7', 'inc-8'] }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 4000 });
    expect(plan.holdReasons).toEqual(['open incident inc-7, inc-8: no scale-in during a Spot interruption']);
  });

  it('never scales in when the load now is unknown', () => {
    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 4000, observedQps: undefined }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 4000, neededNowUnits: 0 });
    expect(plan.holdReasons).toEqual(['no observed load: no scale-in until the forecast can be checked against it']);
    expect(plan.reason).toContain('an unknown load and 0 queued messages need 0 units now');
  });
});

describe('planCapacity without a forecast', () => {
  const noHistory = (overrides: Partial<CapacityPlanInput> = {}) => aPlanInput({ forecast: noForecast(), ...overrides });

  it('holds and says why: no scale-in on no data', () => {
    // Act
    const plan = planCapacity(noHistory({ currentTargetUnits: 4000 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 4000, steps: [], scheduledSteps: [], leadUnits: 1250, neededNowUnits: 1250 });
    expect(plan.holdReasons).toEqual(['no forecast (no datapoint in 28 days of history): no scale-in without a forecast']);
    expect(plan.reason).toMatch(/^hold at 4000 units: no forecast \(no datapoint in 28 days of history\); the observed 1000 QPS/);
  });

  it('scales out on the observed need alone', () => {
    // Act
    const plan = planCapacity(noHistory({ observedQps: 2000, backlog: 30_000 }));

    // Assess: (2000 + 100) / 0.8
    expect(plan).toMatchObject({ decision: 'scale-out', toUnits: 2625 });
  });

  it('holds at the target when neither a forecast nor the load is known', () => {
    // Act
    const plan = planCapacity(noHistory({ observedQps: undefined }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 1000 });
  });

  it('treats a forecast that does not reach now as none, while still reporting its steps', () => {
    // Prepare: a 6-hour forecast made a day ago
    const stale = aForecast(flat(1000), 0, { startMs: T0_MS - 24 * HOUR_MS });

    // Act
    const plan = planCapacity(aPlanInput({ forecast: stale, currentTargetUnits: 4000 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 4000 });
    expect(plan.steps).toHaveLength(72);
    expect(plan.holdReasons[0]).toMatch(/^the forecast \(2026-03-13T03:12:00\.000Z to 2026-03-13T09:12:00\.000Z\) does not cover now to now \+ launch lead/);
  });
});

describe('planCapacity above the fleet maximum', () => {
  it('brings a target above a lowered maximum down to it, even without a forecast', () => {
    // Act
    const plan = planCapacity(aPlanInput({ forecast: noForecast(), fleet: aFleet({ maxCapacityUnits: 3000 }), currentTargetUnits: 4000 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-in', toUnits: 3000 });
    expect(plan.reason).toContain('(down to the fleet maximum of 3000 units)');
  });

  it('leaves it during an open incident, whose surge is its own to take back', () => {
    // Act
    const plan = planCapacity(aPlanInput({ fleet: aFleet({ maxCapacityUnits: 3000 }), currentTargetUnits: 4000, openIncidentIds: ['inc-1'] }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 4000 });
  });
});
