/** How a fleet is scaled by its forecast: the fleets file's `forecast` block with the tier's defaults filled in. */
import type { Tier } from '../tier';

/** Where the fleet's demand history is read: SQS NumberOfMessagesSent of its queues, or a custom metric. */
export type DemandMetric =
  | { kind: 'sqs-messages-sent' }
  | { kind: 'custom'; namespace: string; metricName: string; dimensions: Record<string, string>; stat: 'Sum' | 'SampleCount' };

export interface ForecastSettings {
  enabled: boolean;
  metric: DemandMetric;
  /** Upper quantile of the forecast the capacity covers (0.5..0.999). */
  quantile: number;
  /** Share of the capacity the plan may use (capacity = demand / targetUtilization). */
  targetUtilization: number;
  /** Seconds within which the current backlog must be served on top of the forecast demand. */
  backlogDrainSeconds: number;
  /** Most capacity removed by scale-in within any hour, as a share of the target at the start of it. */
  maxScaleInFractionPerHour: number;
  /** Scale-in only when the observed load is within this share of the forecast (they agree). */
  scaleInAgreement: number;
  /** A scale action of at least this share of the target is posted to Slack. */
  largeActionFraction: number;
  /** Mean absolute scaled error above which the model is said to drift, over `driftWindowRuns` runs. */
  driftMase: number;
  driftWindowRuns: number;
  historyDays: number;
  horizonHours: number;
}

const TIER_QUANTILE: Record<Tier, number> = { critical: 0.95, standard: 0.9, batch: 0.75 };
const TIER_UTILIZATION: Record<Tier, number> = { critical: 0.8, standard: 0.85, batch: 0.9 };

/** The defaults of a tier: critical fleets cover a higher quantile and keep more headroom. */
export const defaultForecastSettings = (tier: Tier): ForecastSettings => ({
  enabled: true,
  metric: { kind: 'sqs-messages-sent' },
  quantile: TIER_QUANTILE[tier],
  targetUtilization: TIER_UTILIZATION[tier],
  backlogDrainSeconds: 300,
  maxScaleInFractionPerHour: 0.25,
  scaleInAgreement: 0.2,
  largeActionFraction: 0.5,
  driftMase: 1.5,
  driftWindowRuns: 12,
  historyDays: 28,
  horizonHours: 6,
});

/** The fleet's forecast settings: its own where given, its tier's defaults elsewhere. */
export const forecastSettingsOf = (fleet: { tier: Tier; forecast?: Partial<ForecastSettings> }): ForecastSettings => ({ ...defaultForecastSettings(fleet.tier), ...fleet.forecast });
