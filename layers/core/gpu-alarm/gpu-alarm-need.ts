/** What the observed load needs in capacity units, the fleet's whole-unit bounds, and whether the queue is falling behind. */
import type { FleetConfig } from '../fleet';
import { unitsFor } from '../forecast/capacity-need';
import type { GpuAlarmSettings } from './gpu-alarm-settings';
import type { GpuAlarmLoad } from './gpu-alarm-types';

const EPSILON = 1e-9;

const finite = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value);

/** The fleet's bounds in whole units (TotalTargetCapacity is an integer): min rounded up, max rounded down. */
export const unitBoundsOf = (fleet: FleetConfig): { minUnits: number; maxUnits: number } => {
  const minUnits = Math.max(0, Math.ceil(fleet.minCapacityUnits - EPSILON));
  return { minUnits, maxUnits: Math.max(minUnits, Math.floor(fleet.maxCapacityUnits + EPSILON)) };
};

const utilizationOf = (settings: GpuAlarmSettings): number =>
  settings.targetUtilization > 0 ? Math.min(1, settings.targetUtilization) : 1;

/** Requests per second that serve the backlog within the drain time, on top of the arrivals. */
export const backlogQpsOf = (load: GpuAlarmLoad, settings: GpuAlarmSettings): number =>
  Math.max(0, finite(load.backlog) ? load.backlog : 0) / Math.max(1, finite(settings.backlogDrainSeconds) ? settings.backlogDrainSeconds : 1);

/**
 * Units for `qps` plus the backlog's drain rate at the target utilization, rounded up as the forecast planner does
 * (unitsFor), so both scalers agree on what a load needs.
 *
 * @example unitsForLoad(900, { backlog: 6000, ... }, { targetUtilization: 0.8, backlogDrainSeconds: 300, ... }) // 1150
 */
export const unitsForLoad = (qps: number, load: GpuAlarmLoad, settings: GpuAlarmSettings): number =>
  unitsFor(Math.max(0, finite(qps) ? qps : 0) + backlogQpsOf(load, settings), utilizationOf(settings));

/** What the arrivals and the backlog need now; undefined when the arrival rate is unknown. */
export const loadNeedUnits = (load: GpuAlarmLoad, settings: GpuAlarmSettings): number | undefined =>
  finite(load.arrivalQps) ? unitsForLoad(load.arrivalQps, load, settings) : undefined;

export type QueueAgeTrend = 'growing' | 'flat-or-shrinking' | 'unknown';

/** Growing when the oldest message aged by at least minQueueAgeGrowthSeconds between the two readings. */
export const queueAgeTrend = (load: GpuAlarmLoad, settings: GpuAlarmSettings): QueueAgeTrend => {
  const now = load.oldestMessageAgeSeconds;
  const earlier = load.oldestMessageAgeEarlierSeconds;
  if (!finite(now) || !finite(earlier)) return 'unknown';
  return now - earlier >= Math.max(EPSILON, settings.minQueueAgeGrowthSeconds) ? 'growing' : 'flat-or-shrinking';
};
