// Properties of the capacity planner over any fleet, forecast, load and history: bounds, hourly limit, no delay, determinism.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCapacity } from '../../../../layers/core/forecast/capacity-plan';
import type { CapacityPlan, CapacityPlanInput } from '../../../../layers/core/forecast/capacity-plan-types';
import type { ForecastSettings } from '../../../../layers/core/forecast/forecast-settings';
import { defaultForecastSettings } from '../../../../layers/core/forecast/forecast-settings';
import type { ForecastModel } from '../../../../layers/core/forecast/forecast-types';
import { scaleInAllowance, unitsLeft } from '../../../../layers/core/forecast/scale-in-allowance';
import { aFleet, T0_MS } from '../../../helpers/spot-factories';

const MODELS: ForecastModel[] = ['double-seasonal-holt-winters', 'daily-holt-winters', 'seasonal-naive', 'flat', 'none'];

const settingsArb: fc.Arbitrary<ForecastSettings> = fc
  .record({
    quantile: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
    targetUtilization: fc.double({ min: 0.3, max: 1, noNaN: true }),
    backlogDrainSeconds: fc.integer({ min: 30, max: 3600 }),
    maxScaleInFractionPerHour: fc.double({ min: 0, max: 1, noNaN: true }),
    scaleInAgreement: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((s) => ({ ...defaultForecastSettings('standard'), ...s }));

const inputArb: fc.Arbitrary<CapacityPlanInput> = fc
  .record({
    minUnits: fc.integer({ min: 0, max: 2000 }),
    span: fc.integer({ min: 0, max: 4000 }),
    lead: fc.integer({ min: 30, max: 1200 }),
    stepSeconds: fc.constantFrom(60, 300, 900),
    startStepsBack: fc.integer({ min: -1, max: 4 }),
    offsetShare: fc.double({ min: 0, max: 0.999, noNaN: true }),
    qps: fc.array(fc.double({ min: 0, max: 4000, noNaN: true }), { maxLength: 36 }),
    sigmaQps: fc.double({ min: 0, max: 600, noNaN: true }),
    model: fc.constantFrom(...MODELS),
    settings: settingsArb,
    observedQps: fc.option(fc.double({ min: 0, max: 5000, noNaN: true }), { nil: undefined }),
    backlog: fc.integer({ min: 0, max: 200_000 }),
    current: fc.integer({ min: 0, max: 7000 }),
    incident: fc.boolean(),
    scaleIns: fc.array(fc.record({ agoMs: fc.integer({ min: 0, max: 7_200_000 }), units: fc.integer({ min: 0, max: 1500 }) }), { maxLength: 6 }),
    runIntervalSeconds: fc.integer({ min: 60, max: 900 }),
  })
  .map((r) => {
    const nowMs = T0_MS + Math.floor((r.startStepsBack + r.offsetShare) * r.stepSeconds * 1000);
    return {
      nowMs,
      fleet: aFleet({ minCapacityUnits: r.minUnits, maxCapacityUnits: r.minUnits + r.span, launchLeadTimeSeconds: r.lead }),
      settings: r.settings,
      forecast: {
        model: r.model,
        note: 'generated',
        startMs: T0_MS,
        stepSeconds: r.stepSeconds,
        point: r.model === 'none' ? [] : r.qps.map((q) => q * r.stepSeconds),
        sigma: r.model === 'none' ? [] : r.qps.map(() => r.sigmaQps * r.stepSeconds),
        coverage: 1,
      },
      observedQps: r.observedQps,
      backlog: r.backlog,
      currentTargetUnits: r.current,
      openIncidentIds: r.incident ? ['inc-1'] : [],
      scaleInsLastHour: r.scaleIns.map((s) => ({ atMs: nowMs - s.agoMs, units: s.units })),
      runIntervalSeconds: r.runIntervalSeconds,
    };
  });

const bounds = (input: CapacityPlanInput) => ({ min: input.fleet.minCapacityUnits, max: input.fleet.maxCapacityUnits });

/** Checks `check` on the plan of every generated input. */
const forEveryPlan = (check: (input: CapacityPlanInput, plan: CapacityPlan) => void, numRuns = 500): void =>
  fc.assert(
    fc.property(inputArb, (input) => check(input, planCapacity(input))),
    { numRuns },
  );

describe('planCapacity properties', () => {
  it('decides in whole units, and its decision matches the direction of the change', () => {
    forEveryPlan((input, plan) => {
      expect(Number.isInteger(plan.toUnits)).toBe(true);
      expect(plan.fromUnits).toBe(input.currentTargetUnits);
      const direction = plan.toUnits > plan.fromUnits ? 'scale-out' : plan.toUnits < plan.fromUnits ? 'scale-in' : 'hold';
      expect(plan.decision).toBe(direction);
    });
  });

  it('never goes below the fleet minimum, nor below the need now (up to the maximum)', () => {
    forEveryPlan((input, plan) => {
      const { min, max } = bounds(input);
      expect(plan.toUnits).toBeGreaterThanOrEqual(min);
      expect(plan.toUnits).toBeGreaterThanOrEqual(Math.min(plan.neededNowUnits, max));
    });
  });

  it('never goes above the fleet maximum, except by leaving an incident-time target alone', () => {
    forEveryPlan((input, plan) => {
      const { max } = bounds(input);
      if (input.openIncidentIds.length > 0 && input.currentTargetUnits > max) expect(plan.toUnits).toBe(input.currentTargetUnits);
      else expect(plan.toUnits).toBeLessThanOrEqual(max);
    });
  });

  it('never removes more than what is left of the hourly budget, nor while an incident is open or without a forecast', () => {
    forEveryPlan((input, plan) => {
      if (plan.decision !== 'scale-in' || input.currentTargetUnits > bounds(input).max) return;
      const allowance = scaleInAllowance(input.nowMs, input.currentTargetUnits, input.settings.maxScaleInFractionPerHour, input.scaleInsLastHour);
      expect(plan.fromUnits - plan.toUnits).toBeLessThanOrEqual(unitsLeft(allowance));
      expect(allowance.unitsInLastHour + plan.fromUnits - plan.toUnits).toBeLessThanOrEqual(
        input.settings.maxScaleInFractionPerHour * (input.currentTargetUnits + allowance.unitsInLastHour) + 1e-6,
      );
      expect(input.openIncidentIds).toEqual([]);
      expect(input.forecast.model).not.toBe('none');
      expect(input.observedQps).toBeDefined();
    });
  });

  it('never scales in below what the forecast needs within the launch lead', () => {
    forEveryPlan((input, plan) => {
      if (plan.decision === 'scale-in' && input.currentTargetUnits <= bounds(input).max) expect(plan.toUnits).toBeGreaterThanOrEqual(Math.min(plan.leadUnits, bounds(input).max));
    });
  });

  it('never delays a scale-out: the target rises at once to the lead need or the need now', () => {
    forEveryPlan((input, plan) => {
      const { min, max } = bounds(input);
      const wanted = Math.min(max, Math.max(min, plan.leadUnits, plan.neededNowUnits));
      if (wanted > input.currentTargetUnits) expect(plan).toMatchObject({ decision: 'scale-out', toUnits: wanted });
      else expect(plan.decision).not.toBe('scale-out');
    });
  });

  it('takes the lead need as the max over every step from now to now + launch lead', () => {
    forEveryPlan((input, plan) => {
      const stepMs = input.forecast.stepSeconds * 1000;
      const window = plan.steps.filter((s) => s.atMs <= input.nowMs + input.fleet.launchLeadTimeSeconds * 1000 && s.atMs + stepMs > input.nowMs);
      if (window.length > 0) expect(plan.leadUnits).toBe(Math.max(...window.map((s) => s.units)));
      else expect(plan.leadUnits).toBe(plan.neededNowUnits);
    });
  });

  it('schedules only rising steps above the target, in time order, between this run and the next', () => {
    forEveryPlan((input, plan) => {
      let level = plan.toUnits;
      let lastAtMs = input.nowMs;
      for (const step of plan.scheduledSteps) {
        expect(step.units).toBeGreaterThan(level);
        expect(step.units).toBeLessThanOrEqual(bounds(input).max);
        expect(step.atMs).toBeGreaterThan(lastAtMs);
        expect(step.atMs).toBeLessThan(input.nowMs + input.runIntervalSeconds * 1000);
        expect(step.effectiveAtMs - step.atMs).toBe(input.fleet.launchLeadTimeSeconds * 1000);
        level = step.units;
        lastAtMs = step.atMs;
      }
    });
  });

  it('gives sane steps: non-negative, upper bound at or above the point, whole units', () => {
    forEveryPlan((_input, plan) => {
      for (const s of plan.steps) {
        expect(s.demandQps).toBeGreaterThanOrEqual(0);
        expect(s.upperQps).toBeGreaterThanOrEqual(s.demandQps);
        expect(Number.isInteger(s.units)).toBe(true);
      }
    }, 200);
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const copy = structuredClone(input);
        const once = planCapacity(input);
        expect(planCapacity(input)).toEqual(once);
        expect(input).toEqual(copy);
        expect(once.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
