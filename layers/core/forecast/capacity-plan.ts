/** The forecast scaler's decision: the fleet target that covers the forecast a launch lead time ahead. */
import type { FleetConfig } from '../fleet';
import type { CapacityDecision, CapacityPlan, CapacityPlanInput, Needs, ScheduledStep } from './capacity-plan-types';
import { assessNeeds, scheduledSteps } from './capacity-need';
import { needText } from './capacity-plan-wording';
import { limitScaleIn } from './capacity-scale-in';

const EPSILON = 1e-9;

/** The fleet's bounds in whole units (TotalTargetCapacity is an integer): min rounded up, max rounded down. */
const unitBounds = (fleet: FleetConfig): { minUnits: number; maxUnits: number } => {
  const minUnits = Math.max(0, Math.ceil(fleet.minCapacityUnits - EPSILON));
  return { minUnits, maxUnits: Math.max(minUnits, Math.floor(fleet.maxCapacityUnits + EPSILON)) };
};

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

const boundNote = (wanted: number, minUnits: number, maxUnits: number): string => {
  if (wanted > maxUnits) return ` (capped at the fleet maximum of ${maxUnits} units)`;
  if (wanted < minUnits) return ` (the fleet minimum is ${minUnits} units)`;
  return '';
};

const scheduledNote = (steps: ScheduledStep[]): string => {
  const last = steps[steps.length - 1];
  if (!last) return '';
  return `; ${steps.length} rise${steps.length === 1 ? '' : 's'} scheduled before the next run, up to ${last.units} units`;
};

const reasonOf = (decision: CapacityDecision, from: number, to: number, text: string, holdReasons: string[]): string => {
  const head = decision === 'hold' ? `hold at ${from} units` : `${decision} ${from} -> ${to} units`;
  return [`${head}: ${text}`, ...holdReasons].join('; ');
};

const planOf = (input: CapacityPlanInput, needs: Needs, fromUnits: number, toUnits: number, holdReasons: string[], note: string, maxUnits: number): CapacityPlan => {
  const decision: CapacityDecision = toUnits > fromUnits ? 'scale-out' : toUnits < fromUnits ? 'scale-in' : 'hold';
  const scheduled = scheduledSteps(input, needs.steps, toUnits, maxUnits);
  return {
    decision,
    fromUnits,
    toUnits,
    steps: needs.steps,
    neededNowUnits: needs.neededNowUnits,
    leadUnits: needs.leadUnits ?? needs.neededNowUnits,
    scheduledSteps: scheduled,
    reason: reasonOf(decision, fromUnits, toUnits, needText(input, needs) + note, holdReasons) + scheduledNote(scheduled),
    holdReasons,
  };
};

/**
 * Plan the fleet's target capacity from its forecast, its observed load and backlog, and its limits.
 *
 * - A step needs (upper quantile of the forecast QPS + backlog / backlogDrainSeconds) / targetUtilization units,
 *   rounded up (the backlog only for the steps until now + lead + drain time).
 * - The value that matters now is the max need over [now, now + launch lead] (`leadUnits`).
 * - Scale-out at once to max(leadUnits, neededNowUnits), within [min, max]: never held back by anything.
 * - Scale-in only as limitScaleIn allows (agreement, open incidents, hourly budget, floors), and never below the
 *   need until the next run's lead window ends, the need now, or the fleet minimum.
 * - With no usable forecast (model `none`, or one that does not cover now): scale out on the observed need only,
 *   never scale in (except down to the fleet maximum).
 *
 * Pure and total: expected situations (no data, a stale forecast, an unknown load) return a plan with a reason.
 *
 * @example
 * const plan = planCapacity({ nowMs, fleet, settings: forecastSettingsOf(fleet), forecast, observedQps: 900,
 *   backlog: 0, currentTargetUnits: 1000, openIncidentIds: [], scaleInsLastHour: [], runIntervalSeconds: 300 });
 * // plan.decision === 'scale-out', plan.toUnits === 1400, plan.reason === 'scale-out 1000 -> 1400 units: the p90 ...'
 */
export const planCapacity = (input: CapacityPlanInput): CapacityPlan => {
  const { minUnits, maxUnits } = unitBounds(input.fleet);
  const fromUnits = Number.isFinite(input.currentTargetUnits) ? Math.max(0, input.currentTargetUnits) : 0;
  const needs = assessNeeds(input);
  const wanted = Math.max(needs.leadUnits ?? 0, needs.neededNowUnits);
  const desired = clamp(wanted, minUnits, maxUnits);
  if (desired > fromUnits) return planOf(input, needs, fromUnits, desired, [], boundNote(wanted, minUnits, maxUnits), maxUnits);
  if (desired === fromUnits) return planOf(input, needs, fromUnits, fromUnits, [], '', maxUnits);
  const floorUnits = clamp(Math.max(needs.untilNextRunUnits ?? 0, needs.neededNowUnits), minUnits, maxUnits);
  const { toUnits, holdReasons } = limitScaleIn(input, needs, { fromUnits, minUnits, maxUnits, floorUnits });
  const note = toUnits === maxUnits && fromUnits > maxUnits ? ` (down to the fleet maximum of ${maxUnits} units)` : '';
  return planOf(input, needs, fromUnits, toUnits, holdReasons, note, maxUnits);
};
