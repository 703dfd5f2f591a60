/** The audit's input (billing rows, per-fleet usage) and its report: spend, findings per fleet, and ranked savings. */
import type { FleetConfig, Market } from '../fleet';

/** One billing row of Cost Explorer, grouped by REGION and USAGE_TYPE, for one day. */
export interface BillingRow {
  day: string;
  region: string;
  usageType: string;
  usd: number;
  /** UsageQuantity: instance-hours for instance usage types. */
  quantity: number;
  estimated: boolean;
}

/** A billing row that is instance-hours, read: its instance type and market come from the usage type. */
export interface InstanceSpend {
  day: string;
  region: string;
  instanceType: string;
  market: Market;
  usd: number;
  hours: number;
}

/** A value per period, oldest first (the usage-metrics port's points). */
export interface TimedValue {
  atMs: number;
  value: number;
}

/** What CloudWatch says a fleet did over the window, hour by hour. */
export interface FleetUsage {
  fleetId: string;
  requestsByHour: TimedValue[];
  /** Fleet-wide mean GPU utilization, percent; an hour without data is left out. */
  gpuUtilizationByHour: TimedValue[];
}

export interface AuditSettings {
  /** An hour whose fleet GPU utilization is under this is idle, percent (default 10). */
  idleUtilizationPercent: number;
  /** Idle hours in a row before they count as an idle period (default 2: one quiet hour is not waste). */
  minIdleHours: number;
  /** Busy-hour utilization within this share of the tier's target is not over-provisioning (default 0.1). */
  overProvisionTolerance: number;
}

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { idleUtilizationPercent: 10, minIdleHours: 2, overProvisionTolerance: 0.1 };

export interface AuditInput {
  fleets: readonly FleetConfig[];
  /** The Region the fleets run in (the fleets file does not say: the stack's Region). */
  region: string;
  /** [startDay, endDay) in UTC days. */
  startDay: string;
  endDay: string;
  billing: readonly BillingRow[];
  usage: readonly FleetUsage[];
  settings?: Partial<AuditSettings>;
}

/** A stretch of idle hours: [startMs, endMs). */
export interface IdlePeriod {
  startMs: number;
  endMs: number;
  meanUtilizationPercent: number;
}

export interface FleetAudit {
  fleetId: string;
  name: string;
  costUsd: number;
  instanceHours: number;
  onDemandUsd: number;
  /** On-demand share of the fleet's instance-hours, 0..1. */
  onDemandShare: number;
  /** On-demand share its on-demand base alone would take, 0..1. */
  baseOnDemandShare: number;
  requests: number;
  /** Undefined when no request was counted. */
  usdPer1kRequests?: number;
  /** Mean over the hours with data; undefined without any. */
  meanGpuUtilizationPercent?: number;
  /** Mean over the busy (not idle) hours with data. */
  busyGpuUtilizationPercent?: number;
  targetUtilizationPercent: number;
  idlePeriods: IdlePeriod[];
  idleHours: number;
  overProvisioned: boolean;
  /** Shared instance types whose cost was split with other fleets (by requests served). */
  sharedTypes: string[];
}

export type SavingKind = 'idle-capacity' | 'over-provisioning' | 'on-demand-to-spot';

export interface Saving {
  rank: number;
  kind: SavingKind;
  fleetId: string;
  fleetName: string;
  usdPerMonth: number;
  /** The autopilot feature that captures it. */
  feature: string;
  /** The figures behind it, in one sentence. */
  evidence: string;
}

export interface AuditReport {
  region: string;
  startDay: string;
  endDay: string;
  days: number;
  spend: {
    totalUsd: number;
    byInstanceType: { instanceType: string; usd: number; hours: number }[];
    byRegion: { region: string; usd: number }[];
    byDay: { day: string; usd: number }[];
    spotUsd: number;
    onDemandUsd: number;
    /** Days Cost Explorer still marks as estimated (their figures may change). */
    estimatedDays: string[];
  };
  /** Instance spend outside the fleets (another Region, or a type no fleet lists). */
  unmanaged: { usd: number; byInstanceType: { instanceType: string; region: string; usd: number }[] };
  fleets: FleetAudit[];
  /** Total fleet cost over total requests served; undefined when nothing was counted. */
  baselineUsdPer1kRequests?: number;
  savings: Saving[];
  totalSavingsUsdPerMonth: number;
}
