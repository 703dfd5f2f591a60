/** The inputs and output of the spot-interruption decision. */
import type { FleetConfig } from './fleet';
import type { Incident } from './incident';
import type { AtRiskPool, FleetView, InstanceView } from './observed';
import type { Action } from './plan';
import type { SpotPolicy } from './spot-policy';

export interface SpotContext {
  fleet: FleetConfig;
  instance: InstanceView;
  /** Undefined when DescribeFleets no longer knows the fleet. */
  fleetView: FleetView | undefined;
  /** The instance's latest incident, if any (open or ended). */
  incident: Incident | undefined;
  atRiskPools: AtRiskPool[];
  demand: { arrivalQps: number | undefined; backlog: number };
  policy: SpotPolicy;
  nowMs: number;
}

export interface SpotDecision {
  /** The incident after this signal, before action outcomes are applied (see applyOutcomes); none when unchanged. */
  incident: Incident | undefined;
  actions: Action[];
  /** Pools to remember as at risk. */
  atRiskPools: AtRiskPool[];
  /** An interruption to add to the pool's history. */
  interruption?: { poolKey: string; atMs: number };
  /** False when the signal changes nothing (a duplicate, or a signal for an ended incident). */
  changed: boolean;
  reasons: string[];
}

/** Capacity units of the instance: the fleet override's weight for its pool, else the fleet file's value. */
export const instanceUnits = (ctx: Pick<SpotContext, 'fleet' | 'instance' | 'fleetView'>): number => {
  const { instance, fleetView, fleet } = ctx;
  const override =
    fleetView?.overrides.find(
      (o) => o.instanceType === instance.instanceType && o.availabilityZone === instance.availabilityZone,
    ) ?? fleetView?.overrides.find((o) => o.instanceType === instance.instanceType);
  return override?.weightedCapacity ?? fleet.capacityUnitsByType[instance.instanceType] ?? 0;
};
