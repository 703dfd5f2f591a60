/** The spend-rate check: samples every fleet's spend, compares it with its band, and raises cost anomalies within minutes. */
import type { CostAnomaly } from '../core/cost/cost-anomaly';
import { detectSpendAnomaly } from '../core/cost/detect-spend-anomaly';
import { fleetSpendSample } from '../core/cost/fleet-spend-sample';
import type { PriceBook } from '../core/cost/pool-prices';
import { spendBandOf, type SpendBand } from '../core/cost/spend-band';
import type { FleetConfig } from '../core/fleet';
import { CostLedgerConflictError } from '../ports/cost-ledger-port';
import type { MetricDatum } from '../ports/metric-publisher-port';
import { SpotPriceError, type SpotPriceQuote } from '../ports/spot-price-port';
import { fleetZonesOf } from './read-fleet-cost-snapshot';
import type { SpendWatchDeps } from './spend-watch-deps';
import { readFleetNeed } from './read-fleet-need';

export type { SpendWatchConfig, SpendWatchDeps } from './spend-watch-deps';

/** Spot prices are read over the last hour: EC2 also returns the price in effect at its start. */
const PRICE_WINDOW_MS = 3_600_000;

/**
 * One run of the check at `nowMs`: for each fleet, saves a CostSample, updates its SpendWatchState and publishes its
 * spend rate (`SpendRateUsdPerHour`, with `ExpectedSpendUsdPerHour` and `SpendBandUpperUsdPerHour` when the band is
 * known). Returns the anomalies raised at this run, for the cost-anomaly use case to attribute and remediate. A fleet
 * that fails is logged and skipped so the others are still watched; a concurrent run's state wins over this one's.
 *
 * @example
 * const anomalies = await watchFleetSpend(deps, clock.nowMs());
 * for (const anomaly of anomalies) await handleCostAnomaly(costDeps, anomaly);
 */
export const watchFleetSpend = async (deps: SpendWatchDeps, nowMs: number): Promise<CostAnomaly[]> => {
  const { fleets } = deps.config;
  const types = [...new Set(fleets.flatMap((f) => Object.keys(f.capacityUnitsByType)))].sort();
  const book: PriceBook = { spotQuotes: await spotQuotesOf(deps, types, nowMs) };
  const anomalies: CostAnomaly[] = [];
  const data: MetricDatum[] = [];
  for (const fleet of fleets) {
    try {
      const watched = await watchOne(deps, fleet, book, nowMs);
      if (watched.anomaly !== undefined) anomalies.push(watched.anomaly);
      data.push(...watched.data);
    } catch (error) {
      if (error instanceof CostLedgerConflictError) {
        deps.logger.info('spend watch: a concurrent run updated this fleet first', { fleetId: fleet.fleetId });
        continue;
      }
      deps.logger.error('spend watch: fleet skipped', { fleetId: fleet.fleetId, error: String(error), retryable: (error as { retryable?: unknown }).retryable });
    }
  }
  if (data.length > 0) await deps.publisher.publish(data);
  return anomalies;
};

const watchOne = async (
  deps: SpendWatchDeps,
  fleet: FleetConfig,
  book: PriceBook,
  nowMs: number,
): Promise<{ anomaly?: CostAnomaly; data: MetricDatum[] }> => {
  const { config } = deps;
  const instances = await deps.fleet.listFleetInstances(fleet.fleetId);
  const { sample, unpricedPools, estimatedPools } = fleetSpendSample(fleet, instances, book, nowMs, config.runIntervalSeconds);
  await deps.costs.saveCostSample(sample);
  const needUnits = await readFleetNeed(deps, fleet, nowMs, { forecastFreshMs: deps.config.forecastFreshSeconds * 1000, windowSeconds: deps.config.runIntervalSeconds });
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  const zones = fleetZonesOf(view?.overrides ?? [], instances);
  const band = needUnits === undefined ? undefined : spendBandOf(fleet, needUnits, book, config.spendWatch.tolerance, zones);
  const previous = await deps.costs.getSpendWatch(fleet.fleetId);
  const recorded = previous?.openAnomalyId === undefined ? undefined : await deps.costs.getCostIncident(previous.openAnomalyId);
  const openIncidentRecorded = previous?.openAnomalyId === undefined || (recorded !== undefined && recorded.incomplete !== true);
  const outcome = detectSpendAnomaly({
    fleet,
    sample,
    band,
    previous,
    openIncidentRecorded,
    accountId: config.accountId,
    region: config.region,
    settings: config.spendWatch,
  });
  await deps.costs.saveSpendWatch(outcome.state);
  deps.logger.info('spend watch', {
    fleetId: fleet.fleetId,
    usdPerHour: sample.spendUsdPerHour,
    expectedUsdPerHour: band?.expectedUsdPerHour,
    upperUsdPerHour: band?.upperUsdPerHour,
    outsideSinceMs: outcome.state.outsideSinceMs,
    anomalyId: outcome.anomaly?.anomalyId,
    ...(unpricedPools.length > 0 ? { unpricedPools } : {}),
    ...(estimatedPools.length > 0 ? { estimatedPools } : {}),
  });
  return { ...(outcome.anomaly === undefined ? {} : { anomaly: outcome.anomaly }), data: spendMetrics(fleet, nowMs, sample.spendUsdPerHour, band) };
};

/**
 * Without Spot prices the check still runs: Spot pools are then priced from the Spot advisor and the band's Spot part at
 * the on-demand $/unit, which widens the band (no false alarm) while still catching on-demand left on.
 */
const spotQuotesOf = async (deps: SpendWatchDeps, types: string[], nowMs: number): Promise<SpotPriceQuote[]> => {
  if (types.length === 0) return [];
  try {
    return await deps.prices.recentSpotPrices(types, nowMs - PRICE_WINDOW_MS, nowMs);
  } catch (error) {
    if (!(error instanceof SpotPriceError)) throw error;
    deps.logger.warn('spend watch: Spot prices unavailable, pricing Spot from the advisor', { error: error.message });
    return [];
  }
};

const spendMetrics = (fleet: FleetConfig, nowMs: number, usdPerHour: number, band: SpendBand | undefined): MetricDatum[] => {
  const dimensions = { Fleet: fleet.name };
  const datum = (name: string, value: number): MetricDatum => ({ name, dimensions, timestampMs: nowMs, value, unit: 'None' });
  return [
    datum('SpendRateUsdPerHour', usdPerHour),
    ...(band === undefined ? [] : [datum('ExpectedSpendUsdPerHour', band.expectedUsdPerHour), datum('SpendBandUpperUsdPerHour', band.upperUsdPerHour)]),
  ];
};
