/** What the rebalancer tells on-call about a plan, and whether this plan is worth a message at all. */
import { poolKey, type FleetConfig, type Pool } from '../core/fleet';
import type { Verdict } from '../core/guard';
import type { FleetOverride } from '../core/observed';
import type { RebalanceDecision } from '../core/rebalance/decide-rebalance';
import type { RebalanceNotice } from '../core/rebalancer/rebalance-notice';
import type { ReplacementMove } from '../core/rebalancer/replacement-move';

const zoneTypes = (overrides: FleetOverride[]): string => [...new Set(overrides.map((o) => `${o.instanceType} ${o.availabilityZone ?? o.subnetId ?? ''}`))].sort().join('|');

/** Whether the pools the fleet may launch in changed (a new priority order alone is not worth a message). */
export const launchPoolsChanged = (before: FleetOverride[], after: FleetOverride[]): boolean => zoneTypes(before) !== zoneTypes(after);

export interface PlanNoticeInput {
  fleet: FleetConfig;
  decision: RebalanceDecision;
  verdict: Verdict;
  note?: string;
  modeChange?: string;
  overrides?: FleetOverride[];
  move?: ReplacementMove;
}

const label = (pool: Pick<Pool, 'instanceType' | 'availabilityZone'>): string => `${pool.instanceType} ${pool.availabilityZone}`;

/** The plan message: its reason line, the mode change, the first replacement, the new launch order, $/h now and after. */
export const planNotice = (input: PlanNoticeInput): RebalanceNotice => {
  const { plan } = input.decision;
  return {
    kind: 'plan',
    fleetName: input.fleet.name,
    verdict: input.verdict,
    ...(input.note ? { note: input.note } : {}),
    reason: plan.reason,
    ...(input.modeChange ? { modeChange: input.modeChange } : {}),
    ...(input.overrides ? { launchOrder: input.overrides.map((o) => label({ instanceType: o.instanceType, availabilityZone: o.availabilityZone ?? o.subnetId ?? '?' })) } : {}),
    ...(input.move ? { move: input.move } : {}),
    usdPerHourBefore: plan.usdPerHourBefore,
    usdPerHourAfter: plan.usdPerHourAfter,
    movesLeft: plan.movesLeft + Math.max(0, plan.replacements.length - 1),
  };
};

/** The ledger's record of a plan: $/h before and after, the mix, the first replacement, the mode. */
export const planRecordValues = (decision: RebalanceDecision, move?: ReplacementMove): { before: Record<string, unknown>; after: Record<string, unknown> } => ({
  before: { usdPerHour: decision.plan.usdPerHourBefore },
  after: {
    usdPerHour: decision.plan.usdPerHourAfter,
    savingUsdPerHour: decision.plan.savingUsdPerHour,
    marketMode: decision.marketMode.mode,
    mix: decision.mix.entries.map((e) => ({ pool: poolKey(e.pool), instances: e.instances, units: e.units })),
    ...(move ? { replace: move.instanceId, launches: move.launches.map((l) => ({ pool: poolKey(l.pool), count: l.count })) } : {}),
    movesLeft: decision.plan.movesLeft,
  },
});
