/** How the gpu-alarm decision paces and sizes its answers (hysteresis, cooldown, targets), with the tier's defaults. */
import type { FleetConfig, Tier } from '../fleet';
import { forecastSettingsOf } from '../forecast/forecast-settings';

/** The decision's own knobs; the alarms' thresholds are in alarm-thresholds.ts. */
export interface GpuAlarmSettings {
  /** Share of the capacity the need may use (capacity = demand / targetUtilization), as the forecast plans it. */
  targetUtilization: number;
  /** Seconds within which the current backlog must be served on top of the arrivals. */
  backlogDrainSeconds: number;
  /**
   * The oldest message must have aged at least this much more between the two readings to count as a growing queue,
   * seconds (SQS's age is approximate: a second or two is noise; any real backlog breaks a sub-second SLO anyway).
   */
  minQueueAgeGrowthSeconds: number;
  /** gpu-low must have lasted this long before any scale-in, seconds. */
  lowSustainSeconds: number;
  /** No scale-in this long after a gpu-high ALARM or an alarm scale-out, seconds. */
  quietAfterHighSeconds: number;
  /** Most of the target one scale-in step removes, as a share of it. */
  maxScaleInFraction: number;
  /**
   * At least this long between two alarm capacity changes of the fleet, seconds; never less than its launch lead (a
   * second step before the first one serves would count the same backlog twice).
   */
  capacityCooldownSeconds: number;
  /** The rebalancer is asked again for the same reason only after this long, seconds. */
  rebalanceRepeatSeconds: number;
  /** Arrivals / fulfilled capacity at or below this share count as moderate compute (a memory-bound fleet). */
  moderateComputeUtilization: number;
  /** Share of a GPU's memory a recommended type may be filled to. */
  gpuMemoryTargetShare: number;
  /**
   * GPU memory an FP16 engine needs over its INT8 engine (weights are twice the bytes): INT8 -> FP16 multiplies the
   * observed need by it; FP16 -> INT8 keeps the need as observed (not every buffer halves: the safe side).
   */
  fp16MemoryFactorOverInt8: number;
}

const TIER_COOLDOWN_SECONDS: Record<Tier, number> = { critical: 300, standard: 600, batch: 900 };
const TIER_LOW_SUSTAIN_SECONDS: Record<Tier, number> = { critical: 1800, standard: 900, batch: 600 };
const TIER_QUIET_AFTER_HIGH_SECONDS: Record<Tier, number> = { critical: 3600, standard: 1800, batch: 1200 };
const TIER_MAX_SCALE_IN_FRACTION: Record<Tier, number> = { critical: 0.1, standard: 0.2, batch: 0.3 };

/**
 * The tier's defaults: critical fleets wait longer before shedding capacity and shed less at a time. Utilization and
 * drain time come from the fleet's forecast settings, so both scalers aim at the same target.
 */
export const defaultGpuAlarmSettings = (fleet: FleetConfig): GpuAlarmSettings => {
  const forecast = forecastSettingsOf(fleet);
  return {
    targetUtilization: forecast.targetUtilization,
    backlogDrainSeconds: forecast.backlogDrainSeconds,
    minQueueAgeGrowthSeconds: 5,
    lowSustainSeconds: TIER_LOW_SUSTAIN_SECONDS[fleet.tier],
    quietAfterHighSeconds: TIER_QUIET_AFTER_HIGH_SECONDS[fleet.tier],
    maxScaleInFraction: TIER_MAX_SCALE_IN_FRACTION[fleet.tier],
    capacityCooldownSeconds: TIER_COOLDOWN_SECONDS[fleet.tier],
    rebalanceRepeatSeconds: 6 * 3600,
    moderateComputeUtilization: forecast.targetUtilization,
    gpuMemoryTargetShare: 0.8,
    fp16MemoryFactorOverInt8: 2,
  };
};

/**
 * The fleet's decision settings: `overrides` (when the fleets file grows a block for them) over the tier's defaults.
 *
 * @example gpuAlarmSettingsOf(fleet, { capacityCooldownSeconds: 900 }).lowSustainSeconds // 1800 for a critical fleet
 */
export const gpuAlarmSettingsOf = (fleet: FleetConfig, overrides: Partial<GpuAlarmSettings> = {}): GpuAlarmSettings => ({
  ...defaultGpuAlarmSettings(fleet),
  ...overrides,
});

/** The cooldown between two alarm capacity changes, ms: the setting, but never shorter than one launch lead time. */
export const capacityCooldownMs = (fleet: Pick<FleetConfig, 'launchLeadTimeSeconds'>, settings: GpuAlarmSettings): number =>
  Math.max(0, fleet.launchLeadTimeSeconds, settings.capacityCooldownSeconds) * 1000;
