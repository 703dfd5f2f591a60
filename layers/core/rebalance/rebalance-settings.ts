// Tunables of the rebalancer, with defaults per tier: diversity, share cap, Spot fallback, churn limits, risk weight.
import type { Tier } from '../fleet';

export interface RebalanceSettings {
  /** Keep capacity in at least this many pools (type x AZ x market) when that many are eligible. */
  minPools: number;
  /** Most of the demand one pool may hold (one instance is always allowed, however large). */
  maxPoolShare: number;
  /** Fall back to on-demand when the fleet's Spot pools see more interruptions than this within the window. */
  fallbackInterruptions: number;
  fallbackWindowSeconds: number;
  /** Go back to Spot once the fallback has lasted this long with no Spot interruption within it. */
  calmPeriodSeconds: number;
  /** Move running capacity only when the risk-weighted saving is at least this much. */
  savingThresholdUsdPerHour: number;
  /** Instances replaced (drained for a better pool) within any hour. */
  maxReplacementsPerHour: number;
  /**
   * How much more an interruption hurts than its dollar cost (replacement warm-up and overlap): 1 counts only
   * dollars; more accounts for what dollars miss (SLO damage while the replacement warms up, correlated reclaims).
   */
  riskAversion: number;
  /** Old and new instance both run this long around an interruption (the 2-minute notice, or the surge overlap). */
  replacementOverlapSeconds: number;
  /** Interruptions per instance-hour assumed for a pool in the unavailable-offerings memory. */
  atRiskInterruptionsPerHour: number;
  /**
   * A memory-pressure request counts this long after it was made: the model (or its engine) may have changed since,
   * and an old request must not keep the smaller GPU types out for good.
   */
  memoryRequestWindowSeconds: number;
}

const BY_TIER: Record<Tier, RebalanceSettings> = {
  critical: {
    minPools: 3,
    maxPoolShare: 0.4,
    fallbackInterruptions: 2,
    fallbackWindowSeconds: 3600,
    calmPeriodSeconds: 6 * 3600,
    savingThresholdUsdPerHour: 1,
    maxReplacementsPerHour: 1,
    riskAversion: 40,
    replacementOverlapSeconds: 120,
    atRiskInterruptionsPerHour: 0.5,
    memoryRequestWindowSeconds: 24 * 3600,
  },
  standard: {
    minPools: 2,
    maxPoolShare: 0.5,
    fallbackInterruptions: 3,
    fallbackWindowSeconds: 3600,
    calmPeriodSeconds: 3 * 3600,
    savingThresholdUsdPerHour: 0.5,
    maxReplacementsPerHour: 2,
    riskAversion: 20,
    replacementOverlapSeconds: 120,
    atRiskInterruptionsPerHour: 0.5,
    memoryRequestWindowSeconds: 24 * 3600,
  },
  batch: {
    minPools: 2,
    maxPoolShare: 0.7,
    fallbackInterruptions: 5,
    fallbackWindowSeconds: 3600,
    calmPeriodSeconds: 3600,
    savingThresholdUsdPerHour: 0.25,
    maxReplacementsPerHour: 4,
    riskAversion: 5,
    replacementOverlapSeconds: 120,
    atRiskInterruptionsPerHour: 0.5,
    memoryRequestWindowSeconds: 24 * 3600,
  },
};

/**
 * The defaults of a tier: critical fleets spread wider, fall back sooner, stay longer on on-demand and churn less.
 *
 * @example
 * defaultRebalanceSettings('standard').minPools; // 2
 */
export const defaultRebalanceSettings = (tier: Tier): RebalanceSettings => ({ ...BY_TIER[tier] });

/** The tier's defaults with the given settings on top. */
export const rebalanceSettingsFor = (tier: Tier, overrides: Partial<RebalanceSettings> = {}): RebalanceSettings => ({
  ...defaultRebalanceSettings(tier),
  ...overrides,
});

const DAY_MS = 86_400_000;

/** The windows the caller counts interruptions over (ledger `countInterruptions(poolKey, sinceMs)`). */
export interface InterruptionWindows {
  /** Per-pool counts for the risk weighting: the last 24 hours. */
  poolSinceMs: number;
  /** The fleet's Spot interruptions that trigger the fallback. */
  fallbackSinceMs: number;
  /** The fleet's Spot interruptions that keep it on on-demand. */
  calmSinceMs: number;
}

export const interruptionWindowsOf = (settings: RebalanceSettings, nowMs: number): InterruptionWindows => ({
  poolSinceMs: nowMs - DAY_MS,
  fallbackSinceMs: nowMs - settings.fallbackWindowSeconds * 1000,
  calmSinceMs: nowMs - settings.calmPeriodSeconds * 1000,
});
