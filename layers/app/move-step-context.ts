/** What every step of a rolling replacement works on, and how a step saves the move it changed. */
import type { FleetConfig } from '../core/fleet';
import type { GuardedAction } from '../core/guard';
import type { GuardableAction } from '../core/plan';
import type { RebalanceNotice } from '../core/rebalancer/rebalance-notice';
import type { RebalanceState } from '../core/rebalancer/rebalance-state';
import type { ReplacementMove } from '../core/rebalancer/replacement-move';
import type { RebalanceDeps } from './rebalance-deps';
import { saveRebalanceState, withNotices } from './rebalance-notices';

export interface StepContext {
  deps: RebalanceDeps;
  fleet: FleetConfig;
  /** The state as stored (its version is the stored one). */
  state: RebalanceState;
}

/** What a step did: the state as saved, and, when the guard held its action, why (the caller looks again later). */
export interface StepResult {
  state: RebalanceState;
  held?: { verdict: GuardedAction<GuardableAction>['verdict']; note: string };
  /** The move waits: look again then, for this reason. */
  wait?: { untilMs: number; why: string };
}

/** The move of the context's state (the caller checked there is one). */
export const moveOf = (ctx: StepContext): ReplacementMove => {
  const { move } = ctx.state;
  if (!move) throw new Error(`fleet ${ctx.fleet.fleetId} has no replacement in its state`);
  return move;
};

/** Saves the state with `move` (and notices queued for Slack); the context then carries the stored state. */
export const saveMove = async (ctx: StepContext, move: ReplacementMove, notices: RebalanceNotice[] = [], extra: Partial<RebalanceState> = {}): Promise<StepContext> => {
  const state = await saveRebalanceState(ctx.deps, withNotices({ ...ctx.state, ...extra, move }, ctx.fleet, notices));
  return { ...ctx, state };
};

/** The result of a step the guard held, with the state unchanged. */
export const heldBy = (ctx: StepContext, guarded: GuardedAction<GuardableAction>): StepResult => ({
  state: ctx.state,
  held: { verdict: guarded.verdict, note: guarded.note ?? guarded.verdict },
});

/** `$/h` of the moved capacity while both the old instance and its replacement run, and after. */
export const usdDuring = (move: ReplacementMove): number => move.usdPerHourBefore + move.usdPerHourAfter;
