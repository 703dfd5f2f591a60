/** One rolling replacement as the ledger keeps it: surge, wait until it serves, drain the old instance, let it go. */
import { unitsOf, type FleetConfig, type Pool } from '../fleet';
import type { Launch, Replacement } from '../rebalance/replacement-moves';
import type { TargetParts } from './market-split';

/**
 * `surging` and `releasing` are written before their ModifyFleet (and TerminateInstances), so a run that died in
 * between finds them and checks what landed instead of doing it twice; `launching` and `draining` wait for EC2 and
 * for the agent; `done` and `stopped` are final.
 */
export type MovePhase = 'surging' | 'launching' | 'draining' | 'releasing' | 'done' | 'stopped';

/** A target the move set (or is about to set), and the one it found. */
export interface TargetChange {
  from: TargetParts;
  to: TargetParts;
  atMs: number;
}

export interface ReplacementMove {
  /** The plan's idempotency key (`<fleet>:rebalance:<instance>`): an instance is replaced once. */
  moveId: string;
  fleetId: string;
  /** The instance to replace, its pool and its capacity units. */
  instanceId: string;
  from: Pool;
  oldUnits: number;
  launches: Launch[];
  /** Units the surge adds, and the on-demand part of them (the rest is Spot). */
  surgeUnits: number;
  surgeOnDemandUnits: number;
  /** What the replaced capacity costs now, and what its replacement costs. */
  usdPerHourBefore: number;
  usdPerHourAfter: number;
  /** The plan's reason line. */
  reason: string;
  /** The demand the plan covered, and the fleet's target when the move started (the release never goes below the first). */
  demandUnits: number;
  startTotal: number;
  startedAtMs: number;
  phase: MovePhase;
  /** Incremented at every scheduled check: a step event of an older check is stale. */
  check: number;
  /** When the move expects its next look (a lost check is resumed by the scheduled run after this). */
  nextCheckAtMs?: number;
  surge?: TargetChange;
  /** The fleet's instances when the surge was asked: any other is the surge's. */
  knownInstanceIds: string[];
  drain?: { requestedAtMs: number; deadlineMs: number };
  release?: TargetChange;
  endedAtMs?: number;
  /** Why it ended (replaced, gave up, the old instance was gone). */
  outcome?: string;
}

export const isMoveActive = (move: ReplacementMove | undefined): move is ReplacementMove =>
  move !== undefined && move.phase !== 'done' && move.phase !== 'stopped';

export interface MoveStart {
  fleet: FleetConfig;
  replacement: Replacement;
  /** $/h of one instance of a pool, as the decision priced it. */
  usdPerHourOf: (pool: Pool) => number;
  reason: string;
  demandUnits: number;
  startTotal: number;
  nowMs: number;
}

/**
 * A move about to surge (`surging`), or about to drain when the plan needs no launch for it (the other pools
 * keep the target covered).
 *
 * @example
 * const move = startMove({ fleet, replacement: plan.replacements[0], usdPerHourOf, reason: plan.reason, demandUnits: 1000, startTotal: 1000, nowMs });
 */
export const startMove = (input: MoveStart): ReplacementMove => {
  const { fleet, replacement, nowMs } = input;
  const unitsOfLaunch = (l: Launch): number => l.count * unitsOf(fleet, l.pool.instanceType);
  const surgeUnits = replacement.launches.reduce((n, l) => n + unitsOfLaunch(l), 0);
  return {
    moveId: replacement.idempotencyKey,
    fleetId: fleet.fleetId,
    instanceId: replacement.instanceId,
    from: replacement.from,
    oldUnits: unitsOf(fleet, replacement.from.instanceType),
    launches: replacement.launches.map((l) => ({ pool: { ...l.pool }, count: l.count })),
    surgeUnits,
    surgeOnDemandUnits: replacement.launches.filter((l) => l.pool.market === 'on-demand').reduce((n, l) => n + unitsOfLaunch(l), 0),
    usdPerHourBefore: input.usdPerHourOf(replacement.from),
    usdPerHourAfter: replacement.launches.reduce((n, l) => n + l.count * input.usdPerHourOf(l.pool), 0),
    reason: input.reason,
    demandUnits: input.demandUnits,
    startTotal: input.startTotal,
    startedAtMs: nowMs,
    phase: surgeUnits > 0 ? 'surging' : 'draining',
    check: 0,
    knownInstanceIds: [],
  };
};
