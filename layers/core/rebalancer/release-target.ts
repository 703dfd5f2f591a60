/** The target a replacement leaves once its old instance is gone: the instances that remain, never below the demand. */
import { withUnits, type TargetParts } from './market-split';
import type { ReplacementMove } from './replacement-move';

export interface ReleaseTarget {
  to: TargetParts;
  /** Units of `to` above the demand (RebalanceState.addedUnits after this move). */
  addedUnits: number;
}

/**
 * Lowers the old instance's market by its units, so the maintain fleet does not replace it, but not below the demand
 * the move started from (moved by what others did to the target since: `current.total` against what the move left).
 * A move that surged nothing lowers only what earlier moves added. A market part never goes below 0.
 *
 * @example
 * // 1,000 units needed, five 246-unit p3.2xlarge; a 776-unit g6e.xlarge surged: 1,776 -> 1,530 (530 added)
 * releaseTarget(move, { total: 1776, onDemand: 1000, spot: 776 }); // { to: { total: 1530, onDemand: 754, spot: 776 }, addedUnits: 530 }
 */
export const releaseTarget = (move: ReplacementMove, current: TargetParts): ReleaseTarget => {
  const expected = move.startTotal + move.surgeUnits;
  const demand = Math.max(0, move.demandUnits + (current.total - expected));
  const lower = Math.max(0, Math.min(move.oldUnits, current.total - demand));
  const to = withUnits(current, move.from.market, -lower);
  return { to, addedUnits: Math.max(0, to.total - demand) };
};
