/** The load a fleet sees now: arrival rate and backlog summed over its queues, and its EC2 Fleet target. */
import type { FleetConfig } from '../core/fleet';
import type { FleetView } from '../core/observed';
import { SignalProcessingError } from './errors';
import type { ForecastDeps, ForecastRunSettings } from './forecast-deps';

/** What reading a fleet's load takes (the forecast's and the gpu-alarm's deps both have it). */
export type FleetLoadDeps = Pick<ForecastDeps, 'fleet' | 'metrics' | 'queue'> & { config: Pick<ForecastRunSettings, 'stepSeconds'> };

export interface FleetLoad {
  /** Requests per second over the window, summed over the queues; undefined when no queue has a datapoint. */
  observedQps: number | undefined;
  /** Visible messages in the fleet's queues. */
  backlog: number;
  view: FleetView;
}

/** The window of the observed arrival rate: one forecast step, so it compares with the forecast's first step. */
export const readFleetLoad = async (deps: FleetLoadDeps, fleet: FleetConfig, nowMs: number): Promise<FleetLoad> => {
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  if (view === undefined) {
    throw new SignalProcessingError(`fleet ${fleet.name} (${fleet.fleetId}) does not exist: check the fleets file`, false);
  }
  const rates = await Promise.all(fleet.queueUrls.map((url) => deps.metrics.arrivalRateQps(url, nowMs, deps.config.stepSeconds)));
  const known = rates.filter((r): r is number => r !== undefined);
  const stats = await Promise.all(fleet.queueUrls.map((url) => deps.queue.stats(url)));
  return {
    observedQps: known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0),
    backlog: stats.reduce((sum, s) => sum + s.visibleMessages, 0),
    view,
  };
};
