/** Reads what a cost remediation decides on for one fleet: its target, need, unit prices per market and whether Spot is calm. */
import { getInstanceType } from '../core/catalog/catalog';
import type { FleetWindowEvidence } from '../core/cost/cost-evidence';
import type { FleetCostSnapshot } from '../core/cost/decide-remediation';
import { candidateTypes, poolKey, unitsOf, type FleetConfig } from '../core/fleet';
import { targetPartsOf } from '../core/rebalancer/market-split';
import type { FleetView } from '../core/observed';
import { SignalProcessingError } from './errors';
import type { CostAnomalyDeps } from './cost-anomaly-deps';
import { readFleetNeed } from './read-fleet-need';

const HOUR_MS = 3_600_000;
/** Spot counts as calm with no interruption of the fleet's pools over this long (and no on-demand fallback). */
export const SPOT_CALM_MS = 6 * HOUR_MS;

const cheapest = (values: number[]): number | undefined => (values.length === 0 ? undefined : Math.min(...values));

/** The fleet's zones: its overrides' (where it may launch), else those its instances run in. */
export const fleetZonesOf = (overrides: FleetView['overrides'], instances: readonly { availabilityZone: string }[]): string[] => {
  const fromOverrides = overrides.flatMap((o) => (o.availabilityZone === undefined ? [] : [o.availabilityZone]));
  return [...new Set(fromOverrides.length > 0 ? fromOverrides : instances.map((i) => i.availabilityZone))].sort();
};

const spotCalm = async (deps: Pick<CostAnomalyDeps, 'ledger'>, fleet: FleetConfig, zones: string[], evidence: FleetWindowEvidence, nowMs: number): Promise<FleetCostSnapshot['spot']> => {
  if (evidence.onDemandFallbackSinceMs !== undefined) return { calm: false, why: `the rebalancer keeps the fleet on on-demand (${evidence.onDemandFallbackReason ?? 'fallback'})` };
  const pools = candidateTypes(fleet).flatMap((instanceType) => zones.map((availabilityZone) => poolKey({ instanceType, availabilityZone, market: 'spot' })));
  const counts = await Promise.all(pools.map((pool) => deps.ledger.countInterruptions(pool, nowMs - SPOT_CALM_MS)));
  const interruptions = counts.reduce((sum, n) => sum + n, 0);
  const hours = SPOT_CALM_MS / HOUR_MS;
  return interruptions === 0 ? { calm: true, why: `no Spot interruption in ${hours} h` } : { calm: false, why: `${interruptions} Spot interruptions in ${hours} h` };
};

/**
 * The fleet's snapshot now: the target's parts (DescribeFleets), its need (the forecast's recent lead need, else the
 * observed arrivals at the target utilization; never below the minimum), the cheapest $/unit-hour on each market among its listed types (on-demand from the catalog, Spot from the
 * last hour's quotes in its zones) and whether its Spot pools are calm.
 * @throws SignalProcessingError (not retryable) when the EC2 Fleet does not exist; port errors as they come.
 */
export const readFleetCostSnapshot = async (
  deps: Pick<CostAnomalyDeps, 'fleet' | 'prices' | 'ledger' | 'metrics' | 'config'>,
  fleet: FleetConfig,
  evidence: FleetWindowEvidence,
  nowMs: number,
): Promise<FleetCostSnapshot> => {
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  if (!view) throw new SignalProcessingError(`cost remediation of fleet ${fleet.name}: EC2 Fleet ${fleet.fleetId} does not exist`, false);
  const instances = await deps.fleet.listFleetInstances(fleet.fleetId);
  const zones = fleetZonesOf(view.overrides, instances);
  const types = candidateTypes(fleet).filter((t) => unitsOf(fleet, t) > 0).sort();
  const quotes = await deps.prices.recentSpotPrices(types, nowMs - HOUR_MS, nowMs);
  const onDemand = cheapest(types.flatMap((t) => {
    const usd = getInstanceType(t)?.onDemandUsdPerHour;
    return usd === undefined ? [] : [usd / unitsOf(fleet, t)];
  }));
  if (onDemand === undefined) throw new SignalProcessingError(`cost remediation of fleet ${fleet.name}: no on-demand price for ${types.join(', ')}`, false);
  const spot = cheapest(quotes.filter((q) => zones.includes(q.availabilityZone)).map((q) => q.usdPerHour / unitsOf(fleet, q.instanceType)));
  // The forecast's lead need while its last run is recent (three runs), else the arrivals of the last run interval.
  const runIntervalSeconds = deps.config.forecastRunIntervalSeconds;
  const need = await readFleetNeed(deps, fleet, nowMs, { forecastFreshMs: 3 * runIntervalSeconds * 1000, windowSeconds: runIntervalSeconds });
  return {
    fleet,
    nowMs,
    target: targetPartsOf(view),
    ...(need === undefined ? {} : { needUnits: need }),
    onDemandUsdPerUnitHour: onDemand,
    ...(spot === undefined ? {} : { spotUsdPerUnitHour: spot }),
    spot: await spotCalm(deps, fleet, zones, evidence, nowMs),
    evidence,
  };
};
