/** A cost anomaly as the autopilot handles it, whichever way it came: AWS Cost Anomaly Detection or our spend-rate check. */

/** Where the anomaly was found: AWS Cost Anomaly Detection (EventBridge or SNS), or the autopilot's own spend-rate check. */
export type CostAnomalyVia = 'eventbridge' | 'sns' | 'spend-rate';

/** One root cause of an anomaly (Cost Anomaly Detection's `rootCauses[]`); every dimension is optional there. */
export interface CostRootCause {
  service?: string;
  region?: string;
  linkedAccount?: string;
  linkedAccountName?: string;
  /** `SpotUsage:g5.xlarge`, `BoxUsage:p3.2xlarge`, `USE1-SpotUsage:g5.xlarge`… */
  usageType?: string;
  /** The root cause's contribution, $ (its `impact.contribution` when the alert carries it). */
  impactUsd?: number;
}

/** The $ figures of an anomaly (Cost Anomaly Detection's `impact`). */
export interface CostImpact {
  maxImpactUsd: number;
  totalImpactUsd: number;
  totalActualSpendUsd: number;
  totalExpectedSpendUsd: number;
  totalImpactPercentage?: number;
}

/** For a spend-rate anomaly: what the check measured when it raised it. */
export interface SpendRateEvidence {
  usdPerHour: number;
  /** The need priced at the tier's planned mix, and the top of the band, $/hour. */
  expectedUsdPerHour: number;
  upperUsdPerHour: number;
  needUnits: number;
  liveUnits: number;
  /** Pools (`g5.xlarge:us-east-1a:on-demand`) spending above the planned mix, with the $/hour each adds above it. */
  poolsAbovePlan: { pool: string; usdPerHourAbovePlan: number }[];
}

export interface CostAnomaly {
  /** Cost Anomaly Detection's `anomalyId`, or `spend-rate:<fleetId>:<start ISO>` for ours: one incident per id. */
  anomalyId: string;
  via: CostAnomalyVia;
  accountId: string;
  monitorArn?: string;
  /** Start of the anomaly, epoch ms (CAD dates are day-granular: midnight UTC of that day). */
  startMs: number;
  endMs?: number;
  /** The monitor's dimension value (`dimensionValue` on EventBridge, `dimensionalValue` in the SNS alert). */
  dimensionValue?: string;
  score: { current: number; max: number };
  impact: CostImpact;
  rootCauses: CostRootCause[];
  detailsLink?: string;
  /** For a spend-rate anomaly: the fleet whose spend rate left its band. */
  fleetId?: string;
  /** For a spend-rate anomaly: the measured spend rate against its band. */
  spendRate?: SpendRateEvidence;
  /** When the autopilot received (or raised) it, epoch ms. */
  receivedAtMs: number;
}
