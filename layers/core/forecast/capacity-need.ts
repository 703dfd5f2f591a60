/** Capacity units each forecast step needs, the need now, and the need over the launch-lead window. */
import type { CapacityPlanInput, Needs, PlannedStep, ScheduledStep } from './capacity-plan-types';
import type { Forecast } from './forecast-types';
import { uncoveredText } from './capacity-plan-wording';
import { normalQuantile } from './normal-quantile';

/** Float noise (1200.0000000002 units) must not cost a whole unit. */
const EPSILON = 1e-9;

const finiteOr = (value: number | undefined, fallback: number): number => (value !== undefined && Number.isFinite(value) ? value : fallback);

/** The settings' ranges are enforced by the fleets file; out of range here means "no headroom", never a throw. */
const utilizationOf = (input: CapacityPlanInput): number => {
  const u = input.settings.targetUtilization;
  return u > 0 ? Math.min(1, u) : 1;
};

/**
 * Whole capacity units for `qps` at the target utilization, rounded up. Capacity units are QPS at the SLO and
 * stay continuous here: EC2 Fleet fulfils a weighted target with whole instances (overshooting by less than one
 * instance's weight), so rounding to instances of one type would double-count the fleet's own rounding. Only
 * the integer is ours: TotalTargetCapacity is an integer.
 */
export const unitsFor = (qps: number, targetUtilization: number): number => {
  const units = qps / targetUtilization;
  // Math.max also turns the -0 of a rate below the epsilon into 0.
  return Number.isFinite(units) && units > 0 ? Math.max(0, Math.ceil(units - EPSILON)) : 0;
};

/** The backlog must be served within backlogDrainSeconds on top of the arrivals: that adds backlog / drain QPS. */
const backlogQpsOf = (input: CapacityPlanInput): number =>
  Math.max(0, finiteOr(input.backlog, 0)) / Math.max(1, finiteOr(input.settings.backlogDrainSeconds, 1));

const usable = (f: Forecast): boolean => f.model !== 'none' && Number.isFinite(f.stepSeconds) && f.stepSeconds > 0 && f.point.length > 0;

/** Upper quantile of the forecast per step, requests per step: point + z(q) sigma, never below the point. */
const upperRequests = (f: Forecast, quantile: number): number[] => {
  const z = normalQuantile(quantile >= 0.5 ? Math.min(quantile, 0.999) : 0.5);
  return f.point.map((p, i) => {
    const point = Math.max(0, finiteOr(p, 0));
    return Math.max(point, point + z * Math.max(0, finiteOr(f.sigma[i], 0)));
  });
};

/**
 * Units per step. The backlog counts only for the steps from now until now + launch lead + drain time: capacity
 * ordered now serves from now + lead and drains the backlog over the drain time after that; past that the
 * backlog is served, and any new one is seen by a later run. Past steps carry none (the backlog is today's).
 */
const plannedSteps = (input: CapacityPlanInput, f: Forecast): PlannedStep[] => {
  const stepMs = f.stepSeconds * 1000;
  const utilization = utilizationOf(input);
  const backlogQps = backlogQpsOf(input);
  const nearUntilMs = input.nowMs + (input.fleet.launchLeadTimeSeconds + input.settings.backlogDrainSeconds) * 1000;
  const upper = upperRequests(f, input.settings.quantile);
  return f.point.map((p, i) => {
    const atMs = f.startMs + i * stepMs;
    const demandQps = Math.max(0, finiteOr(p, 0)) / f.stepSeconds;
    const upperQps = (upper[i] ?? 0) / f.stepSeconds;
    const near = atMs < nearUntilMs && atMs + stepMs > input.nowMs;
    return { atMs, demandQps, upperQps, units: unitsFor(upperQps + (near ? backlogQps : 0), utilization) };
  });
};

/** When the next run comes. */
export const nextRunMsOf = (input: CapacityPlanInput): number => input.nowMs + Math.max(0, finiteOr(input.runIntervalSeconds, 0)) * 1000;

/** Steps that overlap [fromMs, toMs]: the step holding `fromMs` through the one starting at or before `toMs`. */
const overlapping = (steps: PlannedStep[], stepMs: number, fromMs: number, toMs: number): PlannedStep[] =>
  steps.filter((s) => s.atMs <= toMs && s.atMs + stepMs > fromMs);

/**
 * What the fleet needs. The value that matters now is the max over [now, now + lead], not the point at now +
 * lead: capacity ordered now only serves from now + lead, but capacity removed now is gone at once and could
 * only come back a lead time later, so a scale-in must not go below any step before that; and a step before
 * now + lead that the target does not cover (a missed run, a revised forecast) is ordered now, late but as
 * early as it can be.
 */
export const assessNeeds = (input: CapacityPlanInput): Needs => {
  const observedQps = input.observedQps !== undefined && Number.isFinite(input.observedQps) ? Math.max(0, input.observedQps) : 0;
  const neededNowUnits = unitsFor(observedQps + backlogQpsOf(input), utilizationOf(input));
  const f = input.forecast;
  if (!usable(f)) {
    return { steps: [], neededNowUnits, leadUnits: undefined, untilNextRunUnits: undefined, pointNowQps: undefined, forecastProblem: `no forecast (${f.note})` };
  }
  const steps = plannedSteps(input, f);
  const leadMs = input.fleet.launchLeadTimeSeconds * 1000;
  const window = overlapping(steps, f.stepSeconds * 1000, input.nowMs, input.nowMs + leadMs);
  const untilNextRun = overlapping(steps, f.stepSeconds * 1000, input.nowMs, nextRunMsOf(input) + leadMs);
  const [first] = window;
  if (!first) {
    const endMs = f.startMs + steps.length * f.stepSeconds * 1000;
    return { steps, neededNowUnits, leadUnits: undefined, untilNextRunUnits: undefined, pointNowQps: undefined, forecastProblem: uncoveredText(f.startMs, endMs) };
  }
  const maxUnits = (of: PlannedStep[]): number => of.reduce((m, s) => Math.max(m, s.units), 0);
  return { steps, neededNowUnits, leadUnits: maxUnits(window), untilNextRunUnits: maxUnits(untilNextRun), pointNowQps: first.demandQps };
};

/**
 * The rises between this run and the next: a step starting in (now + lead, next run + lead) must be posted at
 * its start minus the lead, which falls between the runs. Each one is kept only if it lifts the target above
 * `toUnits` and above the step posted before it (capped at the fleet maximum); later runs revise the rest.
 */
export const scheduledSteps = (input: CapacityPlanInput, steps: PlannedStep[], toUnits: number, maxUnits: number): ScheduledStep[] => {
  const leadMs = input.fleet.launchLeadTimeSeconds * 1000;
  const nextRunMs = nextRunMsOf(input);
  const out: ScheduledStep[] = [];
  let level = toUnits;
  for (const step of steps) {
    const atMs = step.atMs - leadMs;
    const units = Math.min(step.units, maxUnits);
    if (atMs <= input.nowMs || atMs >= nextRunMs || units <= level) continue;
    out.push({ atMs, effectiveAtMs: step.atMs, units });
    level = units;
  }
  return out;
};
