/** A fleet's target in its two markets, as EC2 Fleet fills it, and the same target with capacity added or removed. */
import type { Market } from '../fleet';
import type { FleetView } from '../observed';

/** TotalTargetCapacity and its on-demand and Spot parts (they always add up to the total). */
export interface TargetParts {
  total: number;
  onDemand: number;
  spot: number;
}

/**
 * EC2 fills the total with the default capacity type once the explicit part of the other type is met, and that
 * explicit part never exceeds the total (TargetCapacitySpecification).
 *
 * @example
 * targetPartsOf({ ...view, totalTargetCapacity: 36, onDemandTargetCapacity: 16, defaultTargetCapacityType: 'spot' }); // { total: 36, onDemand: 16, spot: 20 }
 */
export const targetPartsOf = (view: Pick<FleetView, 'totalTargetCapacity' | 'onDemandTargetCapacity' | 'spotTargetCapacity' | 'defaultTargetCapacityType'>): TargetParts => {
  const total = Math.max(0, view.totalTargetCapacity);
  if (view.defaultTargetCapacityType === 'spot') {
    const onDemand = Math.min(Math.max(0, view.onDemandTargetCapacity), total);
    return { total, onDemand, spot: total - onDemand };
  }
  const spot = Math.min(Math.max(0, view.spotTargetCapacity), total);
  return { total, onDemand: total - spot, spot };
};

/** The parts with `units` added to (or, negative, removed from) one market; no part goes below 0. */
export const withUnits = (parts: TargetParts, market: Market, units: number): TargetParts => {
  const onDemand = market === 'on-demand' ? Math.max(0, parts.onDemand + units) : parts.onDemand;
  const spot = market === 'spot' ? Math.max(0, parts.spot + units) : parts.spot;
  return { total: onDemand + spot, onDemand, spot };
};
