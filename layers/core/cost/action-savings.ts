/** The $ the autopilot's actions saved a fleet in a window, against the counterfactual of not having acted. */
import type { CostSample } from './cost-sample';
import { usdPerUnitHourAt } from './pool-usage';

/**
 * One applied action, as the cost report reads it from the ledger: its $/hour before and after when it recorded
 * them (rebalancer moves, cost remediations), else its capacity target before and after (scalers), priced at the
 * fleet's $/unit-hour of the time.
 */
export interface CostAction {
  atMs: number;
  /** What supersedes what: `capacity` for target changes, the instance id for a move. */
  group: string;
  type: string;
  reason: string;
  usdPerHourBefore?: number;
  usdPerHourAfter?: number;
  unitsBefore?: number;
  unitsAfter?: number;
}

/** One saving action and what it saved over the window. */
export interface ActionSaving {
  atMs: number;
  type: string;
  reason: string;
  usdPerHourSaved: number;
  /**
   * How long the lower spend held within the window: from the action (or the window's start, for an action before it
   * still in effect) until an action of the same group raised spend again, or the window's end.
   */
  heldHours: number;
  usd: number;
}

/**
 * Without the autopilot, the fleet would have kept the $/hour it had before each saving action (a scale-in, a move
 * to Spot, an undone surge). Each action that lowered the spend rate saves `before - after` $/hour from its time
 * until an action of the same group raises spend again (that capacity was needed after all: a scale-out ends the
 * savings of the scale-ins before it) or `toMs`. Actions that raise spend count nothing: not acting would have cost
 * the SLO, not saved money. An action repeating the previous one of its group (same before and after, e.g. a
 * move's terminate and release records) is counted once. Actions before `fromMs` are passed too (a lookback): those
 * still in effect at `fromMs` count their hours within the window, so a saving does not stop at midnight.
 *
 * @example
 * // scale-in 10 -> 8 units at 02:00 at $0.25/unit-hour, scale-out at 06:00: 2 x 0.25 x 4 h = $2
 * actionSavings(actions, samples, Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 29)); // [{ usdPerHourSaved: 0.5, heldHours: 4, usd: 2, ... }]
 */
export const actionSavings = (actions: readonly CostAction[], samples: readonly CostSample[], fromMs: number, toMs: number): ActionSaving[] => {
  const open = new Map<string, { action: CostAction; usdPerHour: number }[]>();
  const previous = new Map<string, string>();
  const savings: ActionSaving[] = [];
  const close = (group: string, atMs: number): void => {
    for (const { action, usdPerHour } of open.get(group) ?? []) {
      const heldHours = Math.max(0, atMs - Math.max(action.atMs, fromMs)) / 3_600_000;
      if (heldHours > 0) savings.push({ atMs: action.atMs, type: action.type, reason: action.reason, usdPerHourSaved: usdPerHour, heldHours, usd: usdPerHour * heldHours });
    }
    open.delete(group);
  };
  const untilEnd = actions.filter((a) => a.atMs < toMs).sort((a, b) => a.atMs - b.atMs);
  for (const action of untilEnd) {
    const signature = JSON.stringify([action.usdPerHourBefore, action.usdPerHourAfter, action.unitsBefore, action.unitsAfter]);
    if (previous.get(action.group) === signature) continue;
    previous.set(action.group, signature);
    const delta = usdPerHourLowered(action, samples);
    if (delta > 0) open.set(action.group, [...(open.get(action.group) ?? []), { action, usdPerHour: delta }]);
    else if (delta < 0) close(action.group, action.atMs);
  }
  for (const group of [...open.keys()]) close(group, toMs);
  return savings.sort((a, b) => a.atMs - b.atMs);
};

/** $/hour the action took off the spend rate (negative: it added). */
const usdPerHourLowered = (action: CostAction, samples: readonly CostSample[]): number => {
  if (action.usdPerHourBefore !== undefined && action.usdPerHourAfter !== undefined) return action.usdPerHourBefore - action.usdPerHourAfter;
  if (action.unitsBefore === undefined || action.unitsAfter === undefined) return 0;
  return (action.unitsBefore - action.unitsAfter) * (usdPerUnitHourAt(samples, action.atMs) ?? 0);
};
