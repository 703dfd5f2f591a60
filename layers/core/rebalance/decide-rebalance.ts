// The rebalancer's decision for one fleet: market mode, pool scores, the chosen mix and the plan to reach it.
import { poolKey, type Pool } from '../fleet';
import type { FleetOverride } from '../observed';
import { chooseMix, type PoolMix } from './choose-mix';
import { nextMarketMode, type MarketModeState } from './market-mode';
import { planRebalance, type RebalancePlan } from './plan-rebalance';
import { scorePool, scorePools, scoringContextOf, type ScoredPool, type ScoringInput } from './pool-scoring';

export interface RebalanceInput extends ScoringInput {
  /** Capacity units the fleet needs now (the fleet's current target, or the forecast's need). */
  demandUnits: number;
  currentOverrides: FleetOverride[];
  /** The state the last run returned (hysteresis); undefined on the first run. */
  marketMode: MarketModeState | undefined;
  /** Counted over the windows of `interruptionWindowsOf(settings, nowMs)`. */
  spotInterruptionsInFallbackWindow: number;
  spotInterruptionsInCalmPeriod: number;
  replacementsInLastHour: number;
  openIncident: boolean;
}

export interface RebalanceDecision {
  /** Store it and pass it back next run. */
  marketMode: MarketModeState;
  pools: ScoredPool[];
  mix: PoolMix;
  plan: RebalancePlan;
}

/**
 * Pure: the same input always gives the same decision, whatever the order of its lists.
 *
 * @example
 * const { mix, plan, marketMode } = decideRebalance({ fleet, settings: defaultRebalanceSettings(fleet.tier), nowMs, ... });
 */
export const decideRebalance = (input: RebalanceInput): RebalanceDecision => {
  const marketMode = nextMarketMode({
    previous: input.marketMode,
    spotInterruptionsInFallbackWindow: input.spotInterruptionsInFallbackWindow,
    spotInterruptionsInCalmPeriod: input.spotInterruptionsInCalmPeriod,
    settings: input.settings,
    nowMs: input.nowMs,
  });
  const ctx = scoringContextOf(input);
  const pools = scorePools(ctx);
  const byKey = new Map(pools.map((p) => [p.key, p]));
  const scoreOf = (pool: Pool): ScoredPool => byKey.get(poolKey(pool)) ?? scorePool(ctx, pool);
  const mix = chooseMix({ fleet: input.fleet, settings: input.settings, pools, mode: marketMode.mode, demandUnits: input.demandUnits });
  const plan = planRebalance({
    fleet: input.fleet,
    settings: input.settings,
    mix,
    mode: marketMode.mode,
    pools,
    scoreOf,
    instances: input.instances,
    currentOverrides: input.currentOverrides,
    replacementsInLastHour: input.replacementsInLastHour,
    openIncident: input.openIncident,
  });
  return { marketMode, pools, mix, plan };
};
