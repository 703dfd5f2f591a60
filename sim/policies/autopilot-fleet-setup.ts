/** The fleet the simulated autopilot starts with: every candidate pool as an override, sized for the first step. */
import { candidateTypes, type FleetConfig, type Market } from '../../layers/core/fleet';
import { forecastSettingsOf } from '../../layers/core/forecast/forecast-settings';
import type { PriceBook } from '../model/market';
import type { PoolChoice, PolicySetup, SimFleetSpec } from '../model/policy';
import { clampUnits, poolsOf } from './fleet-sizing';

export interface AutopilotFleetSetupInput {
  spec: SimFleetSpec;
  demandQps: number;
  market: Market;
  nowMs: number;
  allocation: 'prioritized' | 'lowest-price';
  prices?: PriceBook;
}

/** The pools ranked as a team would rank its overrides: cheapest $ per unit at the start first (on `market`). */
const ranked = (config: FleetConfig, pools: PoolChoice[], market: Market, nowMs: number, prices: PriceBook): PoolChoice[] =>
  pools
    .map((p, index) => ({ p, index, usdPerUnit: prices.usdPerHour(p.instanceType, p.availabilityZone, market, nowMs) / (config.capacityUnitsByType[p.instanceType] ?? 1) }))
    .sort((a, b) => a.usdPerUnit - b.usdPerUnit || a.index - b.index)
    .map(({ p }, priority) => ({ ...p, priority }));

/**
 * Every candidate type in every zone as a launch-template override with WeightedCapacity = its units, the fleet's
 * on-demand base as OnDemandTargetCapacity, the rest on `market`; sized for the first step's demand at the tier's
 * target utilization (the first scheduled run corrects it within minutes). Under `prioritized` the overrides carry
 * priorities by $ per unit at the start (as the fleet's team would have set them), which the rebalancer rewrites.
 */
export const autopilotFleetSetup = (input: AutopilotFleetSetupInput): PolicySetup => {
  const { config } = input.spec;
  const settings = forecastSettingsOf(config);
  const totalUnits = Math.ceil(clampUnits(input.demandQps / settings.targetUtilization, config.minCapacityUnits, config.maxCapacityUnits));
  const pools = poolsOf(candidateTypes(config), input.spec.availabilityZones);
  const prioritized = input.allocation === 'prioritized' && input.prices !== undefined;
  return {
    totalUnits,
    onDemandUnits: input.market === 'on-demand' ? totalUnits : Math.min(totalUnits, config.onDemandBaseUnits),
    pools: prioritized && input.prices ? ranked(config, pools, input.market, input.nowMs, input.prices) : pools,
    defaultMarket: input.market,
    allocationStrategy: prioritized ? 'prioritized' : 'lowest-price',
  };
};
