// The cheapest mix of whole instances over eligible pools that covers a demand, with diversity, share cap and on-demand base.
import type { FleetConfig, Pool } from '../fleet';
import type { MarketMode } from './market-mode';
import { byUnitCost, fillTo, onDemandUnitsOf, spreadTo, trimTo, unitsOfSlots, type Slot } from './mix-fill';
import type { ScoredPool } from './pool-scoring';
import type { RebalanceSettings } from './rebalance-settings';

export interface MixEntry {
  pool: Pool;
  key: string;
  instances: number;
  units: number;
  usdPerHour: number;
  effectiveUsdPerHour: number;
  effectiveUsdPerUnitHour: number;
}

/** A rule the mix could not keep, and so relaxed (each one also has a note). */
export type MixRelaxation = 'share-cap' | 'min-pools' | 'on-demand-base' | 'max-capacity';

export interface PoolMix {
  /** The demand the mix covers: the input clamped to the fleet's [min, max], whole units (TotalTargetCapacity). */
  targetUnits: number;
  /** Units of the mix's whole instances: at least the target, above it by less than one instance when rounding needs. */
  units: number;
  onDemandUnits: number;
  usdPerHour: number;
  effectiveUsdPerHour: number;
  /** Cheapest effective $ per unit-hour first: the launch priority order. */
  entries: MixEntry[];
  /** Units the eligible pools could not cover (0 normally). */
  shortfallUnits: number;
  relaxed: MixRelaxation[];
  notes: string[];
}

export interface MixInput {
  fleet: FleetConfig;
  settings: RebalanceSettings;
  /** Scored pools (pool-scoring.ts); only eligible ones are used. */
  pools: ScoredPool[];
  mode: MarketMode;
  /** Capacity units the fleet needs now (QPS at the SLO). */
  demandUnits: number;
}

const EPSILON = 1e-9;

const targetOf = (fleet: FleetConfig, demandUnits: number): number => {
  const demand = Number.isFinite(demandUnits) ? Math.max(0, Math.ceil(demandUnits - EPSILON)) : fleet.minCapacityUnits;
  return Math.min(fleet.maxCapacityUnits, Math.max(fleet.minCapacityUnits, demand));
};

const entryOf = (s: Slot): MixEntry => ({
  pool: s.scored.pool,
  key: s.scored.key,
  instances: s.count,
  units: s.count * s.scored.unitsPerInstance,
  usdPerHour: s.count * s.scored.usdPerHour,
  effectiveUsdPerHour: s.count * s.scored.effectiveUsdPerHour,
  effectiveUsdPerUnitHour: s.scored.effectiveUsdPerUnitHour,
});

/**
 * The cheapest mix (by risk-weighted $ per unit-hour) covering the demand:
 * 1. the on-demand base (`fleet.onDemandBaseUnits`, all of the demand in fallback) on the cheapest on-demand pools;
 * 2. the rest on the cheapest pools of either market (Spot ones only in `spot` mode);
 *    no pool above `maxPoolShare` of the demand (one instance always allowed) unless no other way covers it;
 * 3. one instance in further pools until `minPools` hold capacity, while the fleet maximum allows;
 * 4. instances removed, dearest per unit first, while the demand, the base and the diversity stay kept.
 * Deterministic: it depends on the pools' figures and keys, never on the order of the inputs.
 *
 * @example
 * chooseMix({ fleet, settings: defaultRebalanceSettings('critical'), pools: scorePools(ctx), mode: 'spot', demandUnits: 1000 });
 */
export const chooseMix = (input: MixInput): PoolMix => {
  const { fleet, settings, mode } = input;
  const target = targetOf(fleet, input.demandUnits);
  const relaxed: MixRelaxation[] = [];
  const notes: string[] = [];
  const allowed = input.pools.filter((p) => p.eligible && p.unitsPerInstance > 0 && Number.isFinite(p.effectiveUsdPerHour) && (mode === 'spot' || p.pool.market === 'on-demand'));
  const cap = (p: ScoredPool): number => Math.max(1, Math.floor((settings.maxPoolShare * target) / p.unitsPerInstance + EPSILON));
  const slots: Slot[] = allowed.map((scored) => ({ scored, cap: cap(scored), count: 0 }));
  const onDemandSlots = slots.filter((s) => s.scored.pool.market === 'on-demand');
  const base = mode === 'on-demand-fallback' ? target : Math.min(fleet.onDemandBaseUnits, target);
  const fill = (): void => {
    fillTo(onDemandSlots, base, slots, fleet.maxCapacityUnits);
    fillTo(slots, target, slots, fleet.maxCapacityUnits);
  };
  if (target > 0) {
    fill();
    if (unitsOfSlots(slots) < target - EPSILON || onDemandUnitsOf(slots) < base - EPSILON) {
      for (const s of slots) s.cap = Number.POSITIVE_INFINITY;
      if (slots.length > 0) {
        relaxed.push('share-cap');
        notes.push(`no mix within ${Math.round(settings.maxPoolShare * 100)}% per pool covers ${target} units: share cap lifted`);
      }
      fill();
    }
    if (!spreadTo(slots, settings.minPools, target, fleet.maxCapacityUnits)) {
      relaxed.push('min-pools');
      notes.push(`${slots.filter((s) => s.count > 0).length} pool(s) instead of ${settings.minPools}: not enough eligible pools or room under the ${fleet.maxCapacityUnits}-unit maximum`);
    }
    trimTo(slots, target, settings.minPools, base);
  }
  const units = unitsOfSlots(slots);
  const onDemandUnits = onDemandUnitsOf(slots);
  if (onDemandUnits < base - EPSILON) {
    relaxed.push('on-demand-base');
    notes.push(`only ${onDemandUnits} of the ${base}-unit on-demand base fit in eligible on-demand pools`);
  }
  if (units > fleet.maxCapacityUnits + EPSILON) {
    relaxed.push('max-capacity');
    notes.push(`whole instances of the chosen pools give ${units} units, above the ${fleet.maxCapacityUnits}-unit maximum (covering ${target} comes first)`);
  }
  const used = slots.filter((s) => s.count > 0).sort(byUnitCost);
  const entries = used.map(entryOf);
  return {
    targetUnits: target,
    units,
    onDemandUnits,
    usdPerHour: entries.reduce((n, e) => n + e.usdPerHour, 0),
    effectiveUsdPerHour: entries.reduce((n, e) => n + e.effectiveUsdPerHour, 0),
    entries,
    shortfallUnits: Math.max(0, target - units),
    relaxed,
    notes,
  };
};
