// From the fleet's instances and the chosen mix: new overrides, this hour's rolling replacements, $/h before and after.
import { unitsOf, type FleetConfig, type Pool } from '../fleet';
import type { FleetOverride, InstanceView } from '../observed';
import type { PoolMix } from './choose-mix';
import type { MarketMode } from './market-mode';
import { overridesForMix, sameOverrides } from './fleet-overrides';
import { compareKeys, type ScoredPool } from './pool-scoring';
import type { RebalanceSettings } from './rebalance-settings';
import { moveReason, usd } from './rebalance-wording';
import { replacementMoves, type Replacement } from './replacement-moves';

/** Why nothing moves this run. */
export type RebalanceHold = 'open-incident' | 'no-capacity' | 'on-mix' | 'saving-below-threshold' | 'replacement-limit';

export interface RebalancePlan {
  /** The fleet's launch-template overrides to set (the current ones when held for an incident). */
  overrides: FleetOverride[];
  overridesChanged: boolean;
  /** TotalTargetCapacity the mix covers, and its on-demand part (OnDemandTargetCapacity). */
  targetUnits: number;
  onDemandTargetUnits: number;
  /** This hour's replacements in order, done one at a time: at most maxReplacementsPerHour less those of the last hour. */
  replacements: Replacement[];
  /** Replacements still needed after these to reach the mix. */
  movesLeft: number;
  /** What the live instances cost now, and what the mix costs. */
  usdPerHourBefore: number;
  usdPerHourAfter: number;
  /** The mix's units priced at the current pools' average $ per unit-hour, minus the mix's cost (same capacity). */
  savingUsdPerHour: number;
  /** The same with risk-weighted prices: what the threshold is checked against. */
  effectiveSavingUsdPerHour: number;
  hold?: RebalanceHold;
  reason: string;
}

export interface PlanInput {
  fleet: FleetConfig;
  settings: RebalanceSettings;
  mix: PoolMix;
  /** In `on-demand-fallback` the move is for safety: the saving threshold does not apply (the hourly budget does). */
  mode: MarketMode;
  pools: ScoredPool[];
  scoreOf: (pool: Pool) => ScoredPool;
  instances: InstanceView[];
  currentOverrides: FleetOverride[];
  /** Replacements started within the last hour (ledger). */
  replacementsInLastHour: number;
  /** An interruption (or other) incident is open on the fleet. */
  openIncident: boolean;
}

const isLive = (i: InstanceView): boolean => i.state === 'running' || i.state === 'pending';

/** The current overrides in a canonical order (priority, then type, zone, subnet), so a held plan is order-free too. */
const canonical = (overrides: FleetOverride[]): FleetOverride[] =>
  [...overrides].sort(
    (a, b) =>
      (a.priority ?? Number.POSITIVE_INFINITY) - (b.priority ?? Number.POSITIVE_INFINITY) ||
      compareKeys(a.instanceType, b.instanceType) ||
      compareKeys(a.availabilityZone ?? '', b.availabilityZone ?? '') ||
      compareKeys(a.subnetId ?? '', b.subnetId ?? ''),
  );

/**
 * Plans the move to the mix. Overrides change whenever the mix's order does (they only steer new launches);
 * running capacity moves only when there is something to move, the risk-weighted saving reaches the threshold (or
 * the fleet has fallen back to on-demand, where the move is for safety) and the hourly budget has room; nothing
 * changes at all while an incident is open (its own steering must not be undone).
 *
 * @example
 * planRebalance({ fleet, settings, mix, mode: 'spot', pools, scoreOf, instances, currentOverrides, replacementsInLastHour: 0, openIncident: false }).reason;
 * // the seed's five p3.2xlarge at 1,000 units: 'p3.2xlarge us-east-1a (on-demand) and 2 more pools: $12.44 per 1k QPS-hour
 * // against $1.01 per 1k QPS-hour; moving 100% to g6e.xlarge us-east-1a and 2 more pools, saving $11.73/h'
 */
export const planRebalance = (input: PlanInput): RebalancePlan => {
  const { fleet, settings, mix } = input;
  // Sorted so that the sums below do not depend on the input's order (float addition is not associative).
  const live = input.instances.filter(isLive).sort((a, b) => compareKeys(a.instanceId, b.instanceId));
  const currentUnits = live.reduce((n, i) => n + unitsOf(fleet, i.instanceType), 0);
  const scored = live.map((i) => input.scoreOf({ instanceType: i.instanceType, availabilityZone: i.availabilityZone, market: i.market }));
  const before = scored.reduce((n, s) => n + s.usdPerHour, 0);
  const effectiveBefore = scored.reduce((n, s) => n + s.effectiveUsdPerHour, 0);
  const sameCapacity = (cost: number): number => (currentUnits > 0 ? (cost / currentUnits) * mix.units : 0);
  const saving = sameCapacity(before) - mix.usdPerHour;
  const effectiveSaving = sameCapacity(effectiveBefore) - mix.effectiveUsdPerHour;
  const desired = overridesForMix({ fleet, mix, pools: input.pools, currentOverrides: input.currentOverrides });
  const base = {
    targetUnits: mix.targetUnits,
    onDemandTargetUnits: Math.min(mix.onDemandUnits, mix.targetUnits),
    usdPerHourBefore: before,
    usdPerHourAfter: mix.usdPerHour,
    savingUsdPerHour: saving,
    effectiveSavingUsdPerHour: effectiveSaving,
  };
  const held = (hold: RebalanceHold, reason: string, overrides: FleetOverride[], movesLeft: number): RebalancePlan => ({
    ...base,
    overrides,
    overridesChanged: !sameOverrides(overrides, input.currentOverrides),
    replacements: [],
    movesLeft,
    hold,
    reason,
  });
  if (input.openIncident) return held('open-incident', `held: an incident is open on fleet ${fleet.name}`, canonical(input.currentOverrides), 0);
  if (mix.targetUnits > 0 && mix.entries.length === 0) {
    return held('no-capacity', `held: no eligible pool can hold fleet ${fleet.name}'s ${mix.targetUnits} units`, canonical(input.currentOverrides), 0);
  }
  const moves = replacementMoves({ fleet, mix, instances: live, scoreOf: input.scoreOf });
  const best = mix.entries[0] && input.scoreOf(mix.entries[0].pool);
  const line = moveReason({ moves, scoreOf: input.scoreOf, best, currentUnits, savingUsdPerHour: saving });
  if (moves.length === 0) return held('on-mix', `on the chosen mix: nothing to move (${usd(before)}/h)`, desired, 0);
  if (input.mode === 'spot' && effectiveSaving < settings.savingThresholdUsdPerHour) {
    return held('saving-below-threshold', `held: saving ${usd(effectiveSaving)}/h (risk-weighted) is below the ${usd(settings.savingThresholdUsdPerHour)}/h threshold; would be: ${line}`, desired, moves.length);
  }
  const budget = Math.max(0, Math.floor(settings.maxReplacementsPerHour) - Math.max(0, input.replacementsInLastHour));
  if (budget === 0) {
    return held('replacement-limit', `held: ${input.replacementsInLastHour} replacement(s) in the last hour (limit ${settings.maxReplacementsPerHour}); next: ${line}`, desired, moves.length);
  }
  const replacements = moves.slice(0, budget);
  return {
    ...base,
    overrides: desired,
    overridesChanged: !sameOverrides(desired, input.currentOverrides),
    replacements,
    movesLeft: moves.length - replacements.length,
    reason: line,
  };
};
