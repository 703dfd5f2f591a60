// One-line reasons of the rebalancer, for the ledger and Slack ("g5.xlarge us-east-1a: 3 interruptions in 24 h; ...").
import { poolKey, type Pool } from '../fleet';
import type { ScoredPool } from './pool-scoring';
import type { Replacement } from './replacement-moves';

export const usd = (value: number): string => `$${(Math.round(value * 100) / 100).toFixed(2)}`;

/** `g5.xlarge us-east-1a` for Spot (the fleet's usual market), `p3.2xlarge us-east-1a (on-demand)` otherwise. */
export const poolLabel = (pool: Pool): string => `${pool.instanceType} ${pool.availabilityZone}${pool.market === 'on-demand' ? ' (on-demand)' : ''}`;

const perThousandQps = (s: ScoredPool): string => `${usd(s.effectiveUsdPerUnitHour * 1000)} per 1k QPS-hour`;

/** Why a pool is being left: its interruptions, the unavailable-offerings memory, eligibility, or its price. */
export const whyLeave = (from: ScoredPool, best: ScoredPool | undefined): string => {
  if (from.observedInterruptions24h > 0) return `${from.observedInterruptions24h} interruption${from.observedInterruptions24h === 1 ? '' : 's'} in 24 h`;
  if (!from.eligible && from.ineligibleReason) return from.ineligibleReason;
  return best ? `${perThousandQps(from)} against ${perThousandQps(best)}` : perThousandQps(from);
};

/**
 * Where the moves launch, in the order of the moves: the first replacement's pools first (its most units first), so
 * the line names what the replacement now starting launches.
 */
const destinations = (moves: Replacement[], weightOf: (pool: Pool) => number): Pool[] => {
  const out = new Map<string, Pool>();
  for (const m of moves) {
    const launches = [...m.launches].sort((a, b) => b.count * weightOf(b.pool) - a.count * weightOf(a.pool));
    for (const l of launches) if (!out.has(poolKey(l.pool))) out.set(poolKey(l.pool), l.pool);
  }
  return [...out.values()];
};

const morePools = (n: number): string => (n > 0 ? ` and ${n} more pool${n > 1 ? 's' : ''}` : '');

export interface MoveWording {
  moves: Replacement[];
  scoreOf: (pool: Pool) => ScoredPool;
  /** The cheapest pool of the mix, to compare prices with. */
  best: ScoredPool | undefined;
  currentUnits: number;
  savingUsdPerHour: number;
}

/** "g5.xlarge us-east-1a: 3 interruptions in 24 h; moving 40% to g6.xlarge us-east-1b and 1 more pool, saving $4.10/h". */
export const moveReason = (w: MoveWording): string => {
  const first = w.moves[0];
  if (!first) return 'nothing to move';
  const fromPools = [...new Set(w.moves.map((m) => poolKey(m.from)))];
  const others = morePools(fromPools.length - 1);
  const movedUnits = w.moves.reduce((n, m) => n + w.scoreOf(m.from).unitsPerInstance, 0);
  const pct = w.currentUnits > 0 ? Math.round((movedUnits / w.currentUnits) * 100) : 100;
  const [to, ...rest] = destinations(w.moves, (pool) => w.scoreOf(pool).unitsPerInstance);
  const where = to ? ` to ${poolLabel(to)}${morePools(rest.length)}` : ' out (the other pools keep the target covered)';
  const money = w.savingUsdPerHour >= 0 ? `saving ${usd(w.savingUsdPerHour)}/h` : `costing ${usd(-w.savingUsdPerHour)}/h more for safety`;
  return `${poolLabel(first.from)}${others}: ${whyLeave(w.scoreOf(first.from), w.best)}; moving ${pct}%${where}, ${money}`;
};
