/** The domain view of a managed GPU fleet: its configuration (from the fleets file) and pools. */
import type { ForecastSettings } from './forecast/forecast-settings';
import type { GpuAlarmThresholds } from './gpu-alarm/alarm-thresholds';

import type { Tier } from './tier';

export type { Tier } from './tier';
export type Market = 'spot' | 'on-demand';
export type Precision = 'fp16' | 'int8';

/** A Spot or on-demand capacity pool: instance type x availability zone x market. */
export interface Pool {
  instanceType: string;
  availabilityZone: string;
  market: Market;
}

/** `g5.xlarge:us-east-1a:spot`: the key used for the unavailable-offerings memory and the ledger. */
export const poolKey = (pool: Pool): string => `${pool.instanceType}:${pool.availabilityZone}:${pool.market}`;

/** What to do with a rebalance recommendation (the early, best-effort signal). */
export type RebalancePolicy =
  /** Surge at once, drain only once the replacement has had its launch lead time to start serving. */
  | 'surge-then-drain'
  /** Surge at once and drain at once (for fleets whose requests are short). */
  | 'surge-and-drain'
  /** Only record and notify; act on the interruption warning. */
  | 'notify-only';

/** One managed fleet, as validated from the fleets file (see layers/platform/fleets-schema.ts). */
export interface FleetConfig {
  /** EC2 Fleet id (`fleet-...`), type `maintain`. */
  fleetId: string;
  name: string;
  tier: Tier;
  model: { name: string; precision: Precision; sequenceLength?: number };
  /** p99 end-to-end latency target (queue wait + service), milliseconds. */
  sloP99Ms: number;
  /** SQS work queue(s) the fleet's instances consume. */
  queueUrls: string[];
  /** Capacity units per instance type = QPS at the SLO (the fleet's WeightedCapacity for that type). */
  capacityUnitsByType: Record<string, number>;
  minCapacityUnits: number;
  maxCapacityUnits: number;
  /** Capacity units kept on on-demand whatever Spot does. */
  onDemandBaseUnits: number;
  /** Boot + driver + engine load until an instance serves, seconds. */
  launchLeadTimeSeconds: number;
  slackChannel: string;
  dryRun: boolean;
  rebalancePolicy: RebalancePolicy;
  /** A drain with no interruption after this long is undone (rebalance recommendations that came to nothing). */
  drainTimeoutSeconds: number;
  /** Forecast scaling settings given in the fleets file; the tier's defaults fill the rest (forecastSettingsOf). */
  forecast?: Partial<ForecastSettings>;
  /** GPU alarm thresholds given in the fleets file; the tier's defaults fill the rest (gpuAlarmThresholdsOf). */
  gpuAlarms?: Partial<GpuAlarmThresholds>;
  /** The team that owns the fleet, and its cost center: chargeback attributes cost and requests to them. */
  team?: string;
  costCenter?: string;
}

export const candidateTypes = (fleet: FleetConfig): string[] => Object.keys(fleet.capacityUnitsByType);

/** Capacity units one instance of `instanceType` brings to `fleet` (0 for a type the fleet does not list). */
export const unitsOf = (fleet: FleetConfig, instanceType: string): number => fleet.capacityUnitsByType[instanceType] ?? 0;
