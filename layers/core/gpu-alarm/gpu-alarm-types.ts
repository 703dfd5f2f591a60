/** What the gpu-alarm decision is given (signal, fleet, load, capacity, memory) and what it returns. */
import type { FleetConfig, Precision } from '../fleet';
import type { ModifyFleetCapacityAction } from '../plan';
import type { GpuAlarmMemory, RebalanceTriggerReason } from './gpu-alarm-memory';
import type { GpuAlarmSettings } from './gpu-alarm-settings';
import type { AlarmStateValue, GpuAlarmKind, GpuAlarmSignal } from './gpu-alarm-signal';
import type { GpuTypeOption } from './gpu-type-options';
import type { MemoryRecommendation } from './gpu-memory-recommendation';

/** The fleet's load as the queue and metrics report it now. */
export interface GpuAlarmLoad {
  /** Arrival rate over the last few minutes, requests per second; undefined when unknown. */
  arrivalQps: number | undefined;
  /** Visible messages in the fleet's queues. */
  backlog: number;
  /** ApproximateAgeOfOldestMessage now and a few minutes ago, seconds; undefined when unknown. */
  oldestMessageAgeSeconds: number | undefined;
  oldestMessageAgeEarlierSeconds: number | undefined;
}

export interface GpuAlarmInput {
  signal: GpuAlarmSignal;
  /** Min/max units, tier, model, launch lead time. */
  fleet: FleetConfig;
  nowMs: number;
  load: GpuAlarmLoad;
  /** The fleet's TotalTargetCapacity and FulfilledCapacity now, capacity units. */
  targetUnits: number;
  fulfilledUnits: number;
  /** What the forecast scaler's last plan needs within the launch lead (its leadUnits); absent without a forecast. */
  forecastLeadUnits?: number;
  /** Open Spot incidents on this fleet: no scale-in while there is one. */
  openIncidentIds: string[];
  memory: GpuAlarmMemory;
  /** The fleet's settings with the tier's defaults filled in (gpuAlarmSettingsOf). */
  settings: GpuAlarmSettings;
  /** Instance types the fleet could run, with memory, price and QPS at the SLO (gpuTypeOptionsFor). */
  catalog: GpuTypeOption[];
}

/** Ask the rebalancer to look at the fleet now, and why. */
export interface RebalanceTrigger {
  reason: RebalanceTriggerReason;
  fleetId: string;
  detail: string;
  /** The GPU memory a candidate type needs per GPU (memory pressure only), GiB. */
  minGpuMemoryGiB?: number;
}

/** What happens to the alarm's incident (one per fleet and alarm kind, from ALARM to OK). */
export type AlarmIncidentTransition =
  | { type: 'open'; incidentId: string; fleetId: string; fleetName: string; kind: GpuAlarmKind; openedAtMs: number; summary: string }
  | { type: 'update'; incidentId: string; atMs: number; state: AlarmStateValue; summary: string }
  | { type: 'close'; incidentId: string; closedAtMs: number; summary: string };

/** What on-call should read in Slack. */
export type GpuAlarmNotice =
  | {
      kind: 'data-missing';
      fleetName: string;
      alarmKind: GpuAlarmKind;
      sinceMs: number;
      targetUnits: number;
      fulfilledUnits: number;
      cloudwatchReason: string;
    }
  | { kind: 'data-restored'; fleetName: string; alarmKind: GpuAlarmKind; missingSinceMs: number; restoredAtMs: number }
  | {
      kind: 'capacity-change';
      fleetName: string;
      alarmKind: GpuAlarmKind;
      purpose: 'scale-out' | 'scale-in';
      fromUnits: number;
      toUnits: number;
      reason: string;
      /** The guard's verdict, set by the use case before rendering (execute, dry-run, blocked). */
      verdict?: string;
    }
  | { kind: 'memory-recommendation'; fleetName: string; precision: Precision; recommendation: MemoryRecommendation };

export interface GpuAlarmDecision {
  /** For the guard: at most one capacity change, its idempotency key derived from the event id. */
  actions: ModifyFleetCapacityAction[];
  rebalance?: RebalanceTrigger;
  incident?: AlarmIncidentTransition;
  notices: GpuAlarmNotice[];
  /**
   * Decide again at this time with the alarm's state then (the alarm sends no event while it stays in ALARM):
   * when a low alarm has not lasted long enough yet, or a cooldown holds back a change the alarm still asks for.
   */
  recheckAtMs?: number;
  /** The memory to save (the signal recorded, and any change or trigger decided). */
  memory: GpuAlarmMemory;
  /** Why, in sentences with numbers and units, for the ledger and the log. */
  reasons: string[];
}

/** What one rule (scale-in, scale-out, memory) contributes to the decision. */
export interface RuleOutcome {
  action?: ModifyFleetCapacityAction;
  rebalance?: RebalanceTrigger;
  notices?: GpuAlarmNotice[];
  recheckAtMs?: number;
  reasons: string[];
}
