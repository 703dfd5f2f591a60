// The planner scales out ahead of the ramp: at once, by the launch lead, to the upper quantile with the backlog on top.
import { describe, expect, it } from 'vitest';
import { planCapacity } from '../../../../layers/core/forecast/capacity-plan';
import { unitsFor } from '../../../../layers/core/forecast/capacity-need';
import { defaultForecastSettings } from '../../../../layers/core/forecast/forecast-settings';
import { aForecast, aPlanInput, flat, STEP_MS } from '../../../helpers/capacity-plan-factories';
import { T0_MS } from '../../../helpers/spot-factories';

describe('planCapacity scale-out', () => {
  it('scales out at once to the p95 of the forecast at 80% utilization', () => {
    // Prepare: 1000 QPS with a spread of 100 QPS: p95 = 1000 + 1.645 x 100 = 1164.5 QPS
    const input = aPlanInput({ forecast: aForecast(flat(1000), 100) });

    // Act
    const plan = planCapacity(input);

    // Assess: 1164.5 / 0.8 = 1455.6, rounded up
    expect(plan).toMatchObject({ decision: 'scale-out', fromUnits: 1000, toUnits: 1456, leadUnits: 1456, neededNowUnits: 1250, holdReasons: [] });
    expect(plan.reason).toBe(
      'scale-out 1000 -> 1456 units: the p95 forecast needs 1456 units within the 240 s launch lead; the observed 1000 QPS and 0 queued messages need 1250 units now',
    );
    expect(plan.steps[0]).toEqual({ atMs: T0_MS, demandQps: 1000, upperQps: expect.closeTo(1164.485, 2), units: 1456 });
    expect(plan.steps).toHaveLength(72);
  });

  it('orders a ramp that starts at now + launch lead in this run', () => {
    // Prepare: the ramp's step starts at T0 + 5 min = now + 240 s
    const input = aPlanInput({ forecast: aForecast([1000, ...flat(2000, 71)]), currentTargetUnits: 1250 });

    // Act
    const plan = planCapacity(input);

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-out', fromUnits: 1250, toUnits: 2500, leadUnits: 2500, scheduledSteps: [] });
  });

  it('leaves a ramp beyond the launch lead to the next run when that run is still in time', () => {
    // Prepare: the ramp starts at T0 + 10 min; the next run (now + 5 min) has it within its lead window
    const input = aPlanInput({ forecast: aForecast([1000, 1000, ...flat(2000, 70)]), currentTargetUnits: 1250 });

    // Act
    const plan = planCapacity(input);

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', toUnits: 1250, leadUnits: 1250, scheduledSteps: [] });
    expect(plan.steps[2]?.units).toBe(2500);
  });

  it('schedules each rise that falls between this run and the next, posted a launch lead early', () => {
    // Prepare: runs every 15 min; rises at T0 + 10 min and T0 + 15 min; the one at T0 + 20 min is the next run's
    const input = aPlanInput({ forecast: aForecast([1000, 1000, 1600, 2000, 2400, ...flat(2400, 67)]), currentTargetUnits: 1250, runIntervalSeconds: 900 });

    // Act
    const plan = planCapacity(input);

    // Assess
    expect(plan.decision).toBe('hold');
    expect(plan.scheduledSteps).toEqual([
      { atMs: T0_MS + 2 * STEP_MS - 240_000, effectiveAtMs: T0_MS + 2 * STEP_MS, units: 2000 },
      { atMs: T0_MS + 3 * STEP_MS - 240_000, effectiveAtMs: T0_MS + 3 * STEP_MS, units: 2500 },
    ]);
    expect(plan.reason).toMatch(/; 2 rises scheduled before the next run, up to 2500 units$/);
  });

  it('schedules only rises above the new target, capped at the fleet maximum', () => {
    // Prepare: a dip then a surge far above the maximum
    const input = aPlanInput({ forecast: aForecast([1000, 1000, 800, 4000, ...flat(4000, 68)]), currentTargetUnits: 1250, runIntervalSeconds: 900 });

    // Act
    const plan = planCapacity(input);

    // Assess
    expect(plan.scheduledSteps).toEqual([{ atMs: T0_MS + 3 * STEP_MS - 240_000, effectiveAtMs: T0_MS + 3 * STEP_MS, units: 4000 }]);
  });

  it('covers the whole launch-lead window, not only its end: a peak now that the target misses is ordered at once', () => {
    // Prepare: the step holding now needs 2500 units, the one at now + lead only 1250
    const input = aPlanInput({ forecast: aForecast([2000, ...flat(1000, 71)]), observedQps: 2000, currentTargetUnits: 1250 });

    // Act
    const plan = planCapacity(input);

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-out', toUnits: 2500, leadUnits: 2500 });
  });

  it('adds the backlog to the steps until now + lead + drain time, and to the need now', () => {
    // Prepare: 60000 messages to drain in 300 s = 200 QPS more
    const input = aPlanInput({ backlog: 60_000 });

    // Act
    const plan = planCapacity(input);

    // Assess: steps at T0 and T0 + 5 min overlap [now, now + 540 s); the step at T0 + 10 min starts after it
    expect(plan.steps.slice(0, 3).map((s) => s.units)).toEqual([1500, 1500, 1250]);
    expect(plan).toMatchObject({ decision: 'scale-out', toUnits: 1500, neededNowUnits: 1500 });
    expect(plan.reason).toContain('the observed 1000 QPS and 60000 queued messages need 1500 units now');
  });

  it('scales out to the observed need when the load runs above the forecast', () => {
    // Act
    const plan = planCapacity(aPlanInput({ observedQps: 2000 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-out', toUnits: 2500, leadUnits: 1250, neededNowUnits: 2500 });
  });

  it('caps the target at the fleet maximum and says so', () => {
    // Act
    const plan = planCapacity(aPlanInput({ forecast: aForecast(flat(5000)), observedQps: 5000 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-out', toUnits: 4000, leadUnits: 6250 });
    expect(plan.reason).toContain('(capped at the fleet maximum of 4000 units)');
  });

  it('raises a target below the fleet minimum to it, whatever the forecast', () => {
    // Act
    const plan = planCapacity(aPlanInput({ forecast: aForecast(flat(100)), observedQps: 100, currentTargetUnits: 100 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-out', fromUnits: 100, toUnits: 400 });
    expect(plan.reason).toContain('(the fleet minimum is 400 units)');
  });

  it('scales out during an open Spot incident: only scale-in waits for it to close', () => {
    // Act
    const plan = planCapacity(aPlanInput({ forecast: aForecast(flat(2000)), observedQps: 2000, openIncidentIds: ['inc-1'] }));

    // Assess
    expect(plan).toMatchObject({ decision: 'scale-out', toUnits: 2500, holdReasons: [] });
  });

  it('holds when the target already covers the need', () => {
    // Act
    const plan = planCapacity(aPlanInput({ currentTargetUnits: 1250 }));

    // Assess
    expect(plan).toMatchObject({ decision: 'hold', fromUnits: 1250, toUnits: 1250, holdReasons: [] });
    expect(plan.reason).toMatch(/^hold at 1250 units: the p95 forecast needs 1250 units/);
  });

  it('follows the fleet tier: a batch fleet covers the p75 at 90% utilization', () => {
    // Act
    const plan = planCapacity(aPlanInput({ settings: defaultForecastSettings('batch'), forecast: aForecast(flat(900), 100), observedQps: 900 }));

    // Assess: (900 + 0.674 x 100) / 0.9 = 1074.9
    expect(plan.toUnits).toBe(1075);
  });
});

describe('unitsFor', () => {
  it('rounds up to whole units, but never for float noise', () => {
    expect(unitsFor(1001, 0.8)).toBe(1252);
    expect(unitsFor(84, 0.7)).toBe(120);
    expect(unitsFor(0, 0.8)).toBe(0);
  });
});

describe('planCapacity timing', () => {
  it('includes the step that starts exactly at now + launch lead, and not one a millisecond later', () => {
    // Prepare: the ramp's step starts at T0 + 10 min
    const ramp = aForecast([1000, 1000, 2000, ...flat(2000, 69)]);
    const at = (nowMs: number) => planCapacity(aPlanInput({ nowMs, forecast: ramp, currentTargetUnits: 1250 }));

    // Act
    const justInTime = at(T0_MS + 2 * STEP_MS - 240_000);
    const aMillisecondEarlier = at(T0_MS + 2 * STEP_MS - 240_001);

    // Assess
    expect(justInTime).toMatchObject({ decision: 'scale-out', toUnits: 2500 });
    expect(aMillisecondEarlier).toMatchObject({ decision: 'hold', toUnits: 1250 });
  });
});
