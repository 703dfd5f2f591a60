/** The spend-rate check's decision: is a fleet's spend rate outside its band long enough to raise a cost anomaly. */
import type { CostAnomaly } from './cost-anomaly';
import type { CostSample } from './cost-sample';
import type { SpendBand } from './spend-band';
import { poolsAbovePlan, spendRootCauses } from './spend-root-causes';
import type { SpendWatchState } from './spend-watch-state';

export interface SpendWatchSettings {
  /** Share above the expected spend rate still inside the band (before the one instance of slack). */
  tolerance: number;
  /** How long the spend rate must stay above its band before an anomaly is raised, seconds. */
  sustainSeconds: number;
}

/** 25 % above plan plus one instance, for 15 minutes: three 5-minute runs in a row see it. */
export const DEFAULT_SPEND_WATCH: SpendWatchSettings = { tolerance: 0.25, sustainSeconds: 900 };

export interface SpendCheck {
  fleet: { fleetId: string; name: string; onDemandBaseUnits: number };
  sample: CostSample;
  /** Undefined when the need or the prices are unknown: the run cannot judge and leaves the episode as it was. */
  band: SpendBand | undefined;
  previous: SpendWatchState | undefined;
  /**
   * Whether the episode's anomaly (previous.openAnomalyId) has its cost incident in the ledger. When it has not (the run
   * that raised it failed before the incident was saved), the anomaly is raised again with the same id.
   */
  openIncidentRecorded: boolean;
  accountId: string;
  region: string;
  settings: SpendWatchSettings;
}

export interface SpendCheckOutcome {
  /** The state to save (version = previous + 1). */
  state: SpendWatchState;
  /** True when the spend rate is above the band at this run. */
  outside: boolean;
  /** The anomaly raised at this run: at most one per episode. */
  anomaly?: CostAnomaly;
}

/** `spend-rate:<fleetId>:<start ISO>`: the same episode always gets the same id, so a retried run raises no second incident. */
export const spendAnomalyId = (fleetId: string, outsideSinceMs: number): string =>
  `spend-rate:${fleetId}:${new Date(outsideSinceMs).toISOString()}`;

/**
 * An episode starts at the first run above the band and ends at the first run inside it. Once it has lasted
 * `sustainSeconds`, one anomaly is raised, naming the pools above the planned mix; its impact is the $ above the
 * expected spend since the episode began, at this run's rate.
 */
export const detectSpendAnomaly = (check: SpendCheck): SpendCheckOutcome => {
  const { sample, band, previous } = check;
  const nowMs = sample.atMs;
  const base = { fleetId: sample.fleetId, version: (previous?.version ?? 0) + 1, lastRunAtMs: nowMs };
  if (band === undefined) {
    const kept = { ...base, ...pick(previous) };
    return { state: kept, outside: previous?.outsideSinceMs !== undefined };
  }
  if (!(sample.spendUsdPerHour > band.upperUsdPerHour)) return { state: base, outside: false };
  const outsideSinceMs = previous?.outsideSinceMs ?? nowMs;
  if (previous?.openAnomalyId !== undefined && check.openIncidentRecorded) return { state: { ...base, outsideSinceMs, openAnomalyId: previous.openAnomalyId }, outside: true };
  if (nowMs - outsideSinceMs < check.settings.sustainSeconds * 1000) return { state: { ...base, outsideSinceMs }, outside: true };
  const anomaly = spendAnomalyOf(check, band, outsideSinceMs);
  return { state: { ...base, outsideSinceMs, openAnomalyId: anomaly.anomalyId }, outside: true, anomaly };
};

const pick = (state: SpendWatchState | undefined): Partial<SpendWatchState> => ({
  ...(state?.outsideSinceMs === undefined ? {} : { outsideSinceMs: state.outsideSinceMs }),
  ...(state?.openAnomalyId === undefined ? {} : { openAnomalyId: state.openAnomalyId }),
});

const spendAnomalyOf = (check: SpendCheck, band: SpendBand, outsideSinceMs: number): CostAnomaly => {
  const { sample, fleet } = check;
  const hours = (sample.atMs - outsideSinceMs) / 3_600_000 + sample.intervalSeconds / 3600;
  const above = poolsAbovePlan(fleet, sample, band);
  const excessUsdPerHour = sample.spendUsdPerHour - band.expectedUsdPerHour;
  const share = excessUsdPerHour / sample.spendUsdPerHour;
  const totalImpactUsd = excessUsdPerHour * hours;
  return {
    anomalyId: spendAnomalyId(fleet.fleetId, outsideSinceMs),
    via: 'spend-rate',
    accountId: check.accountId,
    startMs: outsideSinceMs,
    dimensionValue: fleet.name,
    score: { current: share, max: share },
    impact: {
      maxImpactUsd: totalImpactUsd,
      totalImpactUsd,
      totalActualSpendUsd: sample.spendUsdPerHour * hours,
      totalExpectedSpendUsd: band.expectedUsdPerHour * hours,
      ...(band.expectedUsdPerHour > 0 ? { totalImpactPercentage: (100 * excessUsdPerHour) / band.expectedUsdPerHour } : {}),
    },
    rootCauses: spendRootCauses(above, check, totalImpactUsd),
    fleetId: fleet.fleetId,
    spendRate: {
      usdPerHour: sample.spendUsdPerHour,
      expectedUsdPerHour: band.expectedUsdPerHour,
      upperUsdPerHour: band.upperUsdPerHour,
      needUnits: band.needUnits,
      liveUnits: sample.liveUnits,
      poolsAbovePlan: above,
    },
    receivedAtMs: sample.atMs,
  };
};
