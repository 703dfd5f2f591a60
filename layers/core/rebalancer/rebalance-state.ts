/** What the rebalancer remembers per fleet between runs (kept in the ledger, versioned): mode, last look, the move. */
import type { ChatMessage } from '../chat-message';
import type { MarketModeState } from '../rebalance/market-mode';
import type { RebalanceRequest } from '../rebalance-request';
import type { ReplacementMove } from './replacement-move';

export interface RebalanceState {
  fleetId: string;
  /** Optimistic concurrency: the stored version + 1 on every save (1 for the first). */
  version: number;
  /** The market mode the last plan returned (the fallback's hysteresis). */
  marketMode?: MarketModeState;
  /** When the fleet was last planned (a request newer than this is a reason to plan now). */
  lastPlannedAtMs?: number;
  /** The last plan was held for an open incident: plan again as soon as none is open. */
  heldForIncident?: boolean;
  /** Plan at the first run from this time (a replacement ended and the next may be due). */
  replanAtMs?: number;
  /** The replacement in progress, or the last one. */
  move?: ReplacementMove;
  /**
   * Units of the fleet's target above the demand that replacements left there: a surge brings whole instances of the
   * new pools, and the target follows the instances that remain (below them EC2 would terminate undrained ones). The
   * next plan takes them off the target to find the demand, and gives them back once nothing is left to move.
   */
  addedUnits?: number;
  /** When replacements started, over the last day (the per-hour limit counts those of the last hour). */
  replacementStartsMs: number[];
  /** The reason line last told on-call for a plan the guard held (dry-run, kill switch): told once, not every run. */
  heldNoticeKey?: string;
  /** Slack messages that could not be delivered: sent again at the next save (oldest first, a few at most). */
  unsent?: ChatMessage[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A fleet's state before its first run. */
export const emptyRebalanceState = (fleetId: string): RebalanceState => ({ fleetId, version: 0, replacementStartsMs: [] });

/** Replacements started within the hour before `nowMs`. */
export const replacementsInLastHour = (state: RebalanceState, nowMs: number): number =>
  state.replacementStartsMs.filter((atMs) => atMs > nowMs - HOUR_MS && atMs <= nowMs).length;

/** The starts worth keeping: the last day's. */
export const recentStarts = (starts: number[], nowMs: number): number[] => starts.filter((atMs) => atMs > nowMs - DAY_MS);

export interface PlanDue {
  due: boolean;
  why: string;
}

/**
 * Whether a run should plan the fleet now: never planned, the plan interval over (up to `earlyMs` early is on time,
 * half the run interval say, so a run that fires a little early does not skip an interval), a rebalance request newer
 * than the last plan, an incident the last plan waited for, or a replacement that just ended.
 *
 * @example
 * planDue(state, requests, nowMs, 3_600_000, 450_000); // { due: true, why: 'memory-pressure requested: GPU memory 92% used ...' }
 */
export const planDue = (state: RebalanceState, requests: readonly RebalanceRequest[], nowMs: number, intervalMs: number, earlyMs: number): PlanDue => {
  const last = state.lastPlannedAtMs;
  if (last === undefined) return { due: true, why: 'first plan of the fleet' };
  const fresh = requests.filter((r) => r.requestedAtMs > last).sort((a, b) => b.requestedAtMs - a.requestedAtMs)[0];
  if (fresh) return { due: true, why: `${fresh.reason} requested: ${fresh.detail}` };
  if (state.heldForIncident) return { due: true, why: 'the last plan waited for an incident' };
  if (state.replanAtMs !== undefined && state.replanAtMs <= nowMs) return { due: true, why: 'a replacement ended' };
  if (nowMs - last >= intervalMs - earlyMs) return { due: true, why: `${Math.round(intervalMs / 60_000)}-minute plan interval over` };
  return { due: false, why: `planned ${Math.round((nowMs - last) / 60_000)} min ago` };
};
