/** The load the gpu-alarm decision reads: arrivals and backlog (as the forecast reads them), and the oldest message's age trend. */
import type { FleetConfig } from '../core/fleet';
import type { ForecastState } from '../core/forecast/forecast-state';
import type { GpuAlarmLoad } from '../core/gpu-alarm/gpu-alarm-types';
import type { FleetView } from '../core/observed';
import type { MetricPoint } from '../ports/metrics-port';
import type { GpuAlarmDeps } from './gpu-alarm-deps';
import { readFleetLoad } from './read-fleet-load';

/**
 * SQS publishes ApproximateAgeOfOldestMessage once a minute, and CloudWatch shows it a few minutes late: ten minutes
 * hold a latest reading and one several minutes older to compare it with.
 */
const AGE_WINDOW_SECONDS = 600;
/** A forecast older than this many of its runs is stale (disabled, failing): its lead need no longer counts. */
const FRESH_FORECAST_RUNS = 3;

export interface GpuAlarmFleetLoad {
  load: GpuAlarmLoad;
  view: FleetView;
}

/** Per minute, the oldest age over all the fleet's queues, oldest minute first. */
const fleetAges = (perQueue: MetricPoint[][]): MetricPoint[] => {
  const byMinute = new Map<number, number>();
  for (const point of perQueue.flat()) byMinute.set(point.atMs, Math.max(byMinute.get(point.atMs) ?? 0, point.value));
  return [...byMinute].sort(([a], [b]) => a - b).map(([atMs, value]) => ({ atMs, value }));
};

/**
 * The fleet's EC2 Fleet view and its load now. The age "now" is the latest minute CloudWatch has, "earlier" the first
 * minute of the window; with fewer than two minutes of data the trend is unknown (the decision then holds a scale-out
 * rather than guess). SQS's queue attributes have no oldest-message age: CloudWatch is the only source.
 */
export const readGpuAlarmLoad = async (deps: GpuAlarmDeps, fleet: FleetConfig, nowMs: number): Promise<GpuAlarmFleetLoad> => {
  const { observedQps, backlog, view } = await readFleetLoad(deps, fleet, nowMs);
  const ages = fleetAges(await Promise.all(fleet.queueUrls.map((url) => deps.metrics.oldestMessageAges(url, nowMs, AGE_WINDOW_SECONDS))));
  const latest = ages.at(-1);
  const first = ages[0];
  return {
    view,
    load: {
      arrivalQps: observedQps,
      backlog,
      oldestMessageAgeSeconds: latest?.value,
      oldestMessageAgeEarlierSeconds: ages.length >= 2 ? first?.value : undefined,
    },
  };
};

/**
 * What the forecast scaler's last plan needs within the launch lead, while that plan is recent; undefined without a
 * forecast, or when its last run is older than a few run intervals.
 */
export const forecastLeadUnitsOf = (state: ForecastState | undefined, nowMs: number, runIntervalSeconds: number): number | undefined => {
  if (state?.lastLeadUnits === undefined || !Number.isFinite(state.lastLeadUnits)) return undefined;
  return nowMs - state.lastRunAtMs <= FRESH_FORECAST_RUNS * runIntervalSeconds * 1000 ? state.lastLeadUnits : undefined;
};
