/** The words of a capacity plan: its reason sentence and why a scale-in was held back, numbers with units. */
import type { CapacityPlanInput, Needs } from './capacity-plan-types';

/** 1234 QPS, 12.3 QPS, 0.25 QPS: enough digits to read, never a long float. */
export const qpsText = (qps: number): string => `${qps >= 100 ? Math.round(qps) : Number(qps.toPrecision(3))} QPS`;

const percent = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

/** `p90`, `p97.5`: the quantile the capacity covers. */
export const quantileText = (q: number): string => `p${Number((q * 100).toFixed(1))}`;

/** An instant as ISO 8601; never throws on a value that is not a time. */
export const isoText = (ms: number): string => (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** "the p90 forecast needs 1800 units within the 240 s launch lead; the observed 1100 QPS and 300 queued messages need 1400 units now" */
export const needText = (input: CapacityPlanInput, needs: Needs): string => {
  const forecast =
    needs.leadUnits === undefined
      ? (needs.forecastProblem ?? 'no forecast')
      : `the ${quantileText(input.settings.quantile)} forecast needs ${needs.leadUnits} units within the ${input.fleet.launchLeadTimeSeconds} s launch lead`;
  const load = input.observedQps === undefined ? 'an unknown load' : `the observed ${qpsText(input.observedQps)}`;
  return `${forecast}; ${load} and ${input.backlog} queued messages need ${needs.neededNowUnits} units now`;
};

/** The forecast ends before now or starts after now + lead (a stale or misaligned history). */
export const uncoveredText = (startMs: number, endMs: number): string =>
  `the forecast (${isoText(startMs)} to ${isoText(endMs)}) does not cover now to now + launch lead`;

export const holdWords = {
  incident: (ids: string[]): string => `open incident ${ids.join(', ')}: no scale-in during a Spot interruption`,
  noForecast: (problem: string): string => `${problem}: no scale-in without a forecast`,
  noObservedLoad: (): string => 'no observed load: no scale-in until the forecast can be checked against it',
  disagreement: (observedQps: number, pointQps: number, agreement: number): string =>
    `the observed ${qpsText(observedQps)} is above the forecast ${qpsText(pointQps)} by more than ${percent(agreement)}: no scale-in until they agree`,
  budgetUsed: (maxUnitsPerHour: number, fraction: number): string =>
    `the hourly scale-in limit of ${maxUnitsPerHour} units (${percent(fraction)} of the target) is used up`,
  budgetLimited: (left: number, maxUnitsPerHour: number): string => `limited to the ${left} units of scale-in left this hour (${maxUnitsPerHour} per hour)`,
  observedFloor: (units: number): string => `kept at the ${units} units the observed load and backlog need now`,
  nextRunFloor: (units: number, nextRunMs: number): string =>
    `kept at the ${units} units the forecast needs before the next run could bring capacity back (${isoText(nextRunMs)} + launch lead)`,
  minimumFloor: (units: number): string => `kept at the fleet minimum of ${units} units`,
  belowOneInstance: (step: number, smallestUnits: number): string =>
    `a scale-in of ${step} units would remove no instance (the smallest instance type brings ${smallestUnits}): held until it would`,
};
