/** A fleet's need in capacity units, as the cost use cases judge it: the forecast's while recent, else what arrives now. */
import { needUnitsOf } from '../core/cost/spend-band';
import type { FleetConfig } from '../core/fleet';
import { forecastSettingsOf } from '../core/forecast/forecast-settings';
import type { LedgerPort } from '../ports/ledger-port';
import type { MetricsPort } from '../ports/metrics-port';

export interface FleetNeedDeps {
  ledger: Pick<LedgerPort, 'getForecastState'>;
  metrics: Pick<MetricsPort, 'arrivalRateQps'>;
}

/**
 * The forecast scaler's lead need while its last run is at most `forecastFreshMs` old; else the arrival rate of the
 * fleet's queues over the last `windowSeconds` at the tier's target utilization; never below the fleet's minimum;
 * undefined when neither is known (a decision then leaves the capacity alone rather than judge it against the minimum).
 */
export const readFleetNeed = async (deps: FleetNeedDeps, fleet: FleetConfig, nowMs: number, options: { forecastFreshMs: number; windowSeconds: number }): Promise<number | undefined> => {
  const state = await deps.ledger.getForecastState(fleet.fleetId);
  const targetUtilization = forecastSettingsOf(fleet).targetUtilization;
  const fresh = state !== undefined && nowMs - state.lastRunAtMs <= options.forecastFreshMs;
  if (fresh && state.lastLeadUnits !== undefined && Number.isFinite(state.lastLeadUnits)) return needUnitsOf(fleet, { forecastLeadUnits: state.lastLeadUnits, targetUtilization });
  const rates = await Promise.all(fleet.queueUrls.map((url) => deps.metrics.arrivalRateQps(url, nowMs, options.windowSeconds)));
  const known = rates.filter((r): r is number => r !== undefined);
  const observedQps = known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
  return needUnitsOf(fleet, { ...(observedQps === undefined ? {} : { observedQps }), targetUtilization });
};
