/** Whole-instance sizing shared by the baseline policies: units per instance, rounding, on-demand part, pools. */
import { unitsOf, type FleetConfig } from '../../layers/core/fleet';
import type { PoolChoice } from '../model/policy';
import { PolicyConfigError } from './policy-config-error';

/** Rounding slack: 3 x 100 / 3 must stay 100 units, not become one more instance. */
const EPSILON = 1e-9;

/** Capacity units one instance of `instanceType` brings (its WeightedCapacity); the fleet must list the type. */
export const unitsPerInstance = (config: FleetConfig, instanceType: string): number => {
  const units = unitsOf(config, instanceType);
  if (!(units > 0)) {
    throw new PolicyConfigError(`${config.name}: instance type ${instanceType} has no capacity units in the fleet's capacityUnitsByType`);
  }
  return units;
};

/** The smallest whole number of instances covering `units`, in units (never negative). */
export const roundUpToInstances = (units: number, perInstance: number): number =>
  Math.max(0, Math.ceil(units / perInstance - EPSILON)) * perInstance;

/** `units` kept within [min, max]. */
export const clampUnits = (units: number, minUnits: number, maxUnits: number): number =>
  Math.min(maxUnits, Math.max(minUnits, units));

export interface OnDemandShare {
  /** Share of the capacity above the base that runs on Spot (0 = all on-demand). */
  spotShare: number;
  /** Units kept on on-demand whatever the share (the fleet's onDemandBaseUnits). */
  baseUnits: number;
  perInstance: number;
}

/**
 * The on-demand part of `totalUnits` (EC2 Fleet OnDemandTargetCapacity): the base, plus (1 - spotShare) of the rest,
 * rounded up to whole instances so the Spot share is never exceeded, and never above the total.
 */
export const onDemandUnits = (totalUnits: number, share: OnDemandShare): number => {
  if (share.spotShare <= 0) return totalUnits;
  const base = Math.min(share.baseUnits, totalUnits);
  const onDemand = base + (1 - share.spotShare) * (totalUnits - base);
  return Math.min(totalUnits, roundUpToInstances(onDemand, share.perInstance));
};

/** Every instance type in every availability zone, types first (the fleet's launch-template overrides). */
export const poolsOf = (instanceTypes: readonly string[], availabilityZones: readonly string[]): PoolChoice[] =>
  instanceTypes.flatMap((instanceType) => availabilityZones.map((availabilityZone) => ({ instanceType, availabilityZone })));
