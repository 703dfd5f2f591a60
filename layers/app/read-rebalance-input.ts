/** Everything one rebalance decision reads: the fleet and its instances, Spot prices and scores, interruptions, risk. */
import { candidateTypes, poolKey, unitsOf, type FleetConfig } from '../core/fleet';
import type { FleetView, InstanceView } from '../core/observed';
import type { RebalanceInput } from '../core/rebalance/decide-rebalance';
import { interruptionWindowsOf, type RebalanceSettings } from '../core/rebalance/rebalance-settings';
import type { RebalanceRequest } from '../core/rebalance-request';
import { replacementsInLastHour, type RebalanceState } from '../core/rebalancer/rebalance-state';
import { SignalProcessingError } from './errors';
import type { RebalanceDeps } from './rebalance-deps';

const HOUR_MS = 3_600_000;

export interface RebalanceReading {
  input: RebalanceInput;
  view: FleetView;
  instances: InstanceView[];
}

/** Interruptions per Spot pool over the three windows, asking the narrower windows only of pools with any in the widest. */
const countInterruptions = async (deps: Pick<RebalanceDeps, 'ledger'>, poolKeys: string[], windows: { poolSinceMs: number; fallbackSinceMs: number; calmSinceMs: number }) => {
  const widest = Math.min(windows.poolSinceMs, windows.fallbackSinceMs, windows.calmSinceMs);
  const byPool: Record<string, number> = {};
  let fallback = 0;
  let calm = 0;
  for (const key of poolKeys) {
    const any = await deps.ledger.countInterruptions(key, widest);
    if (any === 0) continue;
    const count = (sinceMs: number): Promise<number> => (sinceMs === widest ? Promise.resolve(any) : deps.ledger.countInterruptions(key, sinceMs));
    byPool[key] = await count(windows.poolSinceMs);
    fallback += await count(windows.fallbackSinceMs);
    calm += await count(windows.calmSinceMs);
  }
  return { byPool, fallback, calm };
};

/**
 * Reads the decision's input. The demand is the fleet's current target (what the maintain fleet keeps) less the units
 * earlier replacements left on it (RebalanceState.addedUnits); the zones are
 * those of the fleet's overrides (their subnets), or of its instances when the overrides name none. The GPU memory a
 * type needs comes from the fleet's memory-pressure request of the last `memoryRequestWindowSeconds` (0 when there is
 * none: its listed types fit; an older one no longer keeps the smaller types out).
 * @throws SignalProcessingError (not retryable) when the fleet does not exist; port errors as they come.
 */
export const readRebalanceInput = async (
  deps: Pick<RebalanceDeps, 'fleet' | 'prices' | 'ledger'>,
  fleet: FleetConfig,
  settings: RebalanceSettings,
  state: RebalanceState,
  requests: readonly RebalanceRequest[],
  nowMs: number,
): Promise<RebalanceReading> => {
  const view = await deps.fleet.describeFleet(fleet.fleetId);
  if (!view) throw new SignalProcessingError(`rebalancing fleet ${fleet.name}: EC2 Fleet ${fleet.fleetId} does not exist`, false);
  const instances = await deps.fleet.listFleetInstances(fleet.fleetId);
  const overrideZones = view.overrides.flatMap((o) => (o.availabilityZone === undefined ? [] : [o.availabilityZone]));
  const zones = [...new Set(overrideZones.length > 0 ? overrideZones : instances.map((i) => i.availabilityZone))].sort();
  const types = [...new Set(candidateTypes(fleet))].sort();
  // What earlier replacements left on the target above the demand is not demand.
  const demandUnits = Math.max(0, view.totalTargetCapacity - (state.addedUnits ?? 0));
  const largest = Math.max(1, ...types.map((t) => unitsOf(fleet, t)));
  const spotQuotes = await deps.prices.recentSpotPrices(types, nowMs - HOUR_MS, nowMs);
  const placementScores = await deps.prices.placementScores(types, Math.max(1, Math.ceil(demandUnits / largest)));
  const spotPools = types.flatMap((instanceType) => zones.map((availabilityZone) => poolKey({ instanceType, availabilityZone, market: 'spot' })));
  const counts = await countInterruptions(deps, spotPools, interruptionWindowsOf(settings, nowMs));
  const memorySinceMs = nowMs - settings.memoryRequestWindowSeconds * 1000;
  const memory = requests.flatMap((r) => (r.reason === 'memory-pressure' && r.minGpuMemoryGiB !== undefined && r.requestedAtMs > memorySinceMs ? [r.minGpuMemoryGiB] : []));
  return {
    view,
    instances,
    input: {
      fleet,
      settings,
      nowMs,
      availabilityZones: zones,
      requiredGpuMemoryGiB: Math.max(0, ...memory),
      spotQuotes,
      placementScores,
      interruptions24hByPool: counts.byPool,
      atRiskPools: await deps.ledger.listAtRiskPools(nowMs),
      instances,
      demandUnits,
      currentOverrides: view.overrides,
      marketMode: state.marketMode,
      spotInterruptionsInFallbackWindow: counts.fallback,
      spotInterruptionsInCalmPeriod: counts.calm,
      replacementsInLastHour: replacementsInLastHour(state, nowMs),
      openIncident: false,
    },
  };
};
