/** How much capacity a fleet may still shed by scale-in within the rolling hour. */
import type { PastScaleIn } from './capacity-plan-types';

const HOUR_MS = 3_600_000;

/** The fleet's scale-in budget: the shape of GuardContext['scaleIn'], so the guard and the planner agree. */
export interface ScaleInAllowance {
  /** Whole units the hour allows in all (the fraction of the target at the start of the hour, rounded down). */
  maxUnitsPerHour: number;
  /** Units removed by scale-ins in the hour up to `nowMs`. */
  unitsInLastHour: number;
}

/**
 * The budget of the rolling hour ending at `nowMs`. The target at the start of the hour is taken as the current
 * target plus what the hour removed: a scale-out within the hour makes that slightly generous, which is
 * harmless because a scale-out only happened if the forecast wanted more.
 *
 * @example scaleInAllowance(T, 1500, 0.25, [{ atMs: T - 600_000, units: 500 }]) // { maxUnitsPerHour: 500, unitsInLastHour: 500 }
 */
export const scaleInAllowance = (nowMs: number, currentTargetUnits: number, fraction: number, scaleIns: readonly PastScaleIn[]): ScaleInAllowance => {
  const unitsInLastHour = scaleIns
    .filter((s) => s.atMs > nowMs - HOUR_MS && s.atMs <= nowMs && s.units > 0)
    .reduce((sum, s) => sum + s.units, 0);
  const share = Math.min(1, Math.max(0, fraction));
  // The epsilon keeps 0.29 x 100 = 28.999999999999996 at 29 units.
  return { maxUnitsPerHour: Math.floor(share * (Math.max(0, currentTargetUnits) + unitsInLastHour) + 1e-9), unitsInLastHour };
};

/** Whole units still allowed now (0 once the hour's budget is used up). */
export const unitsLeft = (allowance: ScaleInAllowance): number => Math.max(0, Math.floor(allowance.maxUnitsPerHour - allowance.unitsInLastHour));

/** The scale-ins that still count against the budget at `nowMs` (those of the rolling hour); older ones are forgotten. */
export const scaleInsInHour = (scaleIns: readonly PastScaleIn[], nowMs: number): PastScaleIn[] => scaleIns.filter((s) => s.atMs > nowMs - HOUR_MS);
