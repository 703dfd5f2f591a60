/** How far a scale-in may go: refused without agreement or during an incident, limited per hour, floored at the need. */
import type { CapacityPlanInput, Needs } from './capacity-plan-types';
import { nextRunMsOf } from './capacity-need';
import { holdWords } from './capacity-plan-wording';
import { scaleInAllowance, unitsLeft } from './scale-in-allowance';

/** The fleet's whole-unit bounds and where the forecast alone would take the target. */
export interface ScaleInBounds {
  fromUnits: number;
  /** The fleet's minimum and maximum in whole units. */
  minUnits: number;
  maxUnits: number;
  /** The lowest target a scale-in may reach: the need until the next run, the need now and the minimum. */
  floorUnits: number;
}

export interface ScaleInOutcome {
  /** `fromUnits` when the scale-in is refused. */
  toUnits: number;
  holdReasons: string[];
}

/** Why the forecast may not be trusted for a scale-in now; undefined when it may. */
const refusal = (input: CapacityPlanInput, needs: Needs): string | undefined => {
  if (input.openIncidentIds.length > 0) return holdWords.incident(input.openIncidentIds);
  if (needs.pointNowQps === undefined) return holdWords.noForecast(needs.forecastProblem ?? 'no forecast');
  const observed = input.observedQps;
  if (observed === undefined || !Number.isFinite(observed)) return holdWords.noObservedLoad();
  // Agreement: within the tolerance of the forecast, or below it (then scaling to the forecast is the safe side).
  const agreement = Math.max(0, input.settings.scaleInAgreement);
  if (observed > needs.pointNowQps * (1 + agreement)) return holdWords.disagreement(observed, needs.pointNowQps, agreement);
  return undefined;
};

/** Which floor stopped the scale-in, when one did and it is not the forecast's own lead-window need. */
const floorReason = (input: CapacityPlanInput, needs: Needs, bounds: ScaleInBounds): string | undefined => {
  const { floorUnits, minUnits } = bounds;
  if (floorUnits <= (needs.leadUnits ?? 0)) return undefined;
  if (floorUnits === needs.neededNowUnits) return holdWords.observedFloor(floorUnits);
  if (floorUnits === needs.untilNextRunUnits) return holdWords.nextRunFloor(floorUnits, nextRunMsOf(input));
  if (floorUnits === minUnits) return holdWords.minimumFloor(minUnits);
  return undefined;
};

/**
 * The scale-in the forecast asks for (the caller found the lead-window need below the target), after every
 * limit: no scale-in during an open incident, without a forecast, without an observed load, or when the observed
 * load is above the forecast by more than `scaleInAgreement`; at most `maxScaleInFractionPerHour` of the target
 * within any rolling hour; never below `floorUnits`. A target above the fleet maximum comes down to it whatever
 * the forecast says (the maximum is the operator's cap), except during an incident, whose surge is its own.
 */
export const limitScaleIn = (input: CapacityPlanInput, needs: Needs, bounds: ScaleInBounds): ScaleInOutcome => {
  const { fromUnits, maxUnits, floorUnits } = bounds;
  const refused = refusal(input, needs);
  if (refused !== undefined) {
    const toUnits = fromUnits > maxUnits && input.openIncidentIds.length === 0 ? maxUnits : fromUnits;
    return { toUnits, holdReasons: [refused] };
  }
  const allowance = scaleInAllowance(input.nowMs, fromUnits, input.settings.maxScaleInFractionPerHour, input.scaleInsLastHour);
  const left = unitsLeft(allowance);
  // Rounded up so a fractional target never removes more than the budget.
  const limited = Math.max(floorUnits, Math.ceil(fromUnits - left));
  // The maximum is the operator's cap: it wins over the hourly budget, and then no hold reason applies.
  if (limited > maxUnits) return { toUnits: maxUnits, holdReasons: [] };
  let held: string | undefined;
  if (limited > floorUnits) {
    held = left === 0 ? holdWords.budgetUsed(allowance.maxUnitsPerHour, input.settings.maxScaleInFractionPerHour) : holdWords.budgetLimited(left, allowance.maxUnitsPerHour);
  } else {
    held = floorReason(input, needs, bounds);
  }
  const toUnits = Math.min(limited, fromUnits);
  // EC2 Fleet removes whole instances: a step smaller than the smallest one changes the bill not at all and only
  // churns the target (a ModifyFleet every run). It waits until the need has fallen by a whole instance.
  const smallest = smallestInstanceUnits(input);
  if (toUnits < fromUnits && fromUnits - toUnits < smallest) {
    return { toUnits: fromUnits, holdReasons: [...(held === undefined ? [] : [held]), holdWords.belowOneInstance(fromUnits - toUnits, smallest)] };
  }
  return { toUnits, holdReasons: held === undefined ? [] : [held] };
};

const smallestInstanceUnits = (input: CapacityPlanInput): number => {
  const units = Object.values(input.fleet.capacityUnitsByType).filter((u) => u > 0);
  return units.length === 0 ? 0 : Math.min(...units);
};
