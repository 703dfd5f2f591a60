/**
 * The guard: the one place where dry-run, the kill switch, cooldowns and blast-radius limits apply to a
 * plan. Decisions never check these themselves.
 */
import type { Action, GuardableAction, ModifyFleetCapacityAction } from './plan';
import { isFleetMutation } from './plan';

export interface GuardContext {
  nowMs: number;
  killSwitchEngaged: boolean;
  globalDryRun: boolean;
  fleetDryRun: boolean;
  /** Most capacity units one event may add to a fleet. */
  maxSurgeUnitsPerEvent: number;
  fleetMaxUnits: number;
  fleetMinUnits: number;
  /** Cooldown end per scope (`<fleetId>:<action type>:<purpose>`), from the ledger. */
  cooldownUntilMs: Record<string, number>;
  /**
   * The fleet's scale-in budget over the rolling hour (see scaleInAllowance): when given, no capacity decrease
   * may remove more than what is left of it; none may run once it is used up.
   */
  scaleIn?: { maxUnitsPerHour: number; unitsInLastHour: number };
}

export type Verdict = 'execute' | 'dry-run' | 'blocked';

export interface GuardedAction<A extends GuardableAction = Action> {
  action: A;
  /** The action as it may run (clamped to the limits); equal to `action` when unchanged. */
  effective: A;
  verdict: Verdict;
  /** Why it was clamped, simulated or blocked. */
  note?: string;
}

export const cooldownScope = (action: GuardableAction): string | undefined =>
  action.type === 'modify-fleet-capacity' ? `${action.fleetId}:${action.type}:${action.purpose}` : undefined;

const clampCapacity = (action: ModifyFleetCapacityAction, ctx: GuardContext): { effective: ModifyFleetCapacityAction; note?: string } => {
  let toTotal = action.toTotal;
  const notes: string[] = [];
  if (toTotal - action.fromTotal > ctx.maxSurgeUnitsPerEvent) {
    toTotal = action.fromTotal + ctx.maxSurgeUnitsPerEvent;
    notes.push(`clamped to ${ctx.maxSurgeUnitsPerEvent} units per event`);
  }
  if (toTotal > ctx.fleetMaxUnits && toTotal > action.fromTotal) {
    toTotal = Math.max(action.fromTotal, ctx.fleetMaxUnits);
    notes.push(`clamped to the fleet maximum ${ctx.fleetMaxUnits}`);
  }
  if (toTotal < ctx.fleetMinUnits && toTotal < action.fromTotal) {
    toTotal = Math.min(action.fromTotal, ctx.fleetMinUnits);
    notes.push(`clamped to the fleet minimum ${ctx.fleetMinUnits}`);
  }
  if (ctx.scaleIn && toTotal < action.fromTotal) {
    // An overspent budget leaves nothing (never a negative allowance that would raise the target); whole units
    // only, because TotalTargetCapacity is an integer.
    const left = Math.max(0, Math.floor(ctx.scaleIn.maxUnitsPerHour - ctx.scaleIn.unitsInLastHour));
    if (action.fromTotal - toTotal > left) {
      toTotal = action.fromTotal - left;
      notes.push(`clamped to the ${left} units of scale-in left this hour (${ctx.scaleIn.maxUnitsPerHour} per hour)`);
    }
  }
  return notes.length === 0 ? { effective: action } : { effective: { ...action, toTotal }, note: notes.join('; ') };
};

const guardOne = <A extends GuardableAction>(action: A, ctx: GuardContext): GuardedAction<A> => {
  if (!isFleetMutation(action)) return { action, effective: action, verdict: 'execute' };
  if (ctx.killSwitchEngaged) return { action, effective: action, verdict: 'blocked', note: 'kill switch engaged' };
  const scope = cooldownScope(action);
  const until = scope === undefined ? undefined : ctx.cooldownUntilMs[scope];
  if (until !== undefined && until > ctx.nowMs) {
    return { action, effective: action, verdict: 'blocked', note: `cooldown until ${new Date(until).toISOString()}` };
  }
  let effective: A = action;
  let note: string | undefined;
  const asked: GuardableAction = action;
  if (asked.type === 'modify-fleet-capacity') {
    const clamped = clampCapacity(asked, ctx);
    // The clamp changes only the target of a capacity action: still an A.
    effective = clamped.effective as A;
    note = clamped.note;
    if (clamped.effective.toTotal === clamped.effective.fromTotal) {
      return { action, effective, verdict: 'blocked', note: note ?? 'no change left after limits' };
    }
  }
  if (ctx.globalDryRun || ctx.fleetDryRun) {
    const why = ctx.globalDryRun ? 'global dry-run' : 'fleet dry-run';
    return { action, effective, verdict: 'dry-run', note: note ? `${why}; ${note}` : why };
  }
  return note === undefined ? { action, effective, verdict: 'execute' } : { action, effective, verdict: 'execute', note };
};

/** Apply every guard rule to every action of a plan, in order. */
export const guardPlan = <A extends GuardableAction = Action>(actions: A[], ctx: GuardContext): GuardedAction<A>[] => actions.map((a) => guardOne(a, ctx));
