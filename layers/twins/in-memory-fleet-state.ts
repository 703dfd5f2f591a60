/** The records the in-memory EC2 Fleet twin keeps, how seeds become records, and how records become views. */
import type { InstanceState, Market } from '../core/index-types';
import type { FleetOverride, FleetView, InstanceView } from '../core/observed';

/** EC2 Fleet tags every instance it launches with its own id under this key. */
export const FLEET_ID_TAG = 'aws:ec2:fleet-id';

/**
 * How the twin picks the override of the next instance: `lowest-price` takes the lowest price per capacity unit
 * (price / WeightedCapacity, as EC2 does with weights); `prioritized` takes the lowest `priority` number first.
 */
export type AllocationStrategy = 'lowest-price' | 'prioritized';

export interface FleetRecord {
  fleetId: string;
  type: FleetView['type'];
  state: string;
  totalTargetCapacity: number;
  onDemandTargetCapacity: number;
  spotTargetCapacity: number;
  defaultTargetCapacityType: Market;
  excessCapacityTerminationPolicy: FleetView['excessCapacityTerminationPolicy'];
  capacityRebalance?: FleetView['capacityRebalance'];
  launchTemplate: FleetView['launchTemplate'];
  overrides: FleetOverride[];
  allocationStrategy: AllocationStrategy;
}

export interface InstanceRecord extends InstanceView {
  /** Capacity units this instance counts for in its fleet (the WeightedCapacity of the override it came from). */
  weight: number;
  /** When it went `terminated`, if it did and the caller said when (EC2 lists terminated instances about an hour). */
  terminatedAtMs?: number;
}

/** A fleet to start the twin with; the spot/on-demand split is derived from the total like EC2 does. */
export type FleetSeed = Pick<FleetRecord, 'fleetId' | 'totalTargetCapacity' | 'overrides'> &
  Partial<Omit<FleetRecord, 'fleetId' | 'totalTargetCapacity' | 'overrides' | 'spotTargetCapacity'>>;

/** An instance to start the twin with; `fleetId` also sets the `aws:ec2:fleet-id` tag. */
export interface InstanceSeed {
  instanceId: string;
  instanceType: string;
  availabilityZone: string;
  market?: Market;
  state?: InstanceState;
  fleetId?: string;
  launchTimeMs?: number;
  tags?: Record<string, string>;
  /** Defaults to the WeightedCapacity of the fleet override with the same type and AZ, else 1. */
  weightedCapacity?: number;
}

/**
 * The per-market targets for a total: EC2 fills `TotalTargetCapacity` with the default capacity type once the
 * explicit target of the other type is met, and that explicit target never exceeds the total.
 */
export function splitTarget(total: number, fleet: Pick<FleetRecord, 'defaultTargetCapacityType' | 'onDemandTargetCapacity' | 'spotTargetCapacity'>): { onDemand: number; spot: number } {
  if (fleet.defaultTargetCapacityType === 'spot') {
    const onDemand = Math.min(fleet.onDemandTargetCapacity, total);
    return { onDemand, spot: total - onDemand };
  }
  const spot = Math.min(fleet.spotTargetCapacity, total);
  return { onDemand: total - spot, spot };
}

export function fleetRecordOf(seed: FleetSeed): FleetRecord {
  const base = {
    type: seed.type ?? 'maintain',
    state: seed.state ?? 'active',
    defaultTargetCapacityType: seed.defaultTargetCapacityType ?? 'spot',
    onDemandTargetCapacity: seed.onDemandTargetCapacity ?? 0,
    spotTargetCapacity: 0,
  };
  const split = splitTarget(seed.totalTargetCapacity, base);
  return {
    ...base,
    fleetId: seed.fleetId,
    totalTargetCapacity: seed.totalTargetCapacity,
    onDemandTargetCapacity: split.onDemand,
    spotTargetCapacity: split.spot,
    excessCapacityTerminationPolicy: seed.excessCapacityTerminationPolicy ?? 'termination',
    ...(seed.capacityRebalance !== undefined ? { capacityRebalance: seed.capacityRebalance } : {}),
    launchTemplate: { ...(seed.launchTemplate ?? { launchTemplateName: 'gpu-inference', version: '$Default' }) },
    overrides: seed.overrides.map((o) => ({ ...o })),
    allocationStrategy: seed.allocationStrategy ?? 'lowest-price',
  };
}

/** The AZ an override launches into: its own, else its subnet's (unknown subnet: undefined, so never used). */
export const zoneOf = (o: FleetOverride, subnets: ReadonlyMap<string, string>): string | undefined =>
  o.availabilityZone ?? (o.subnetId !== undefined ? subnets.get(o.subnetId) : undefined);

export function instanceRecordOf(seed: InstanceSeed, fleet: FleetRecord | undefined, subnets: ReadonlyMap<string, string>): InstanceRecord {
  const override = fleet?.overrides.find(
    (o) => o.instanceType === seed.instanceType && zoneOf(o, subnets) === seed.availabilityZone,
  );
  return {
    instanceId: seed.instanceId,
    instanceType: seed.instanceType,
    availabilityZone: seed.availabilityZone,
    market: seed.market ?? 'on-demand',
    state: seed.state ?? 'running',
    ...(seed.fleetId !== undefined ? { fleetId: seed.fleetId } : {}),
    launchTimeMs: seed.launchTimeMs ?? 0,
    tags: { ...seed.tags, ...(seed.fleetId !== undefined ? { [FLEET_ID_TAG]: seed.fleetId } : {}) },
    weight: seed.weightedCapacity ?? override?.weightedCapacity ?? 1,
  };
}

/** Instances that count towards a fleet's fulfilled capacity. */
export const isLive = (i: InstanceRecord): boolean => i.state === 'pending' || i.state === 'running';

export function instanceViewOf(r: InstanceRecord): InstanceView {
  const { weight: _weight, terminatedAtMs: _terminatedAt, ...view } = r;
  return { ...view, tags: { ...r.tags } };
}

export function fleetViewOf(f: FleetRecord, instances: Iterable<InstanceRecord>, subnets: ReadonlyMap<string, string>): FleetView {
  let fulfilled = 0;
  let fulfilledOnDemand = 0;
  for (const i of instances) {
    if (i.fleetId !== f.fleetId || !isLive(i)) continue;
    fulfilled += i.weight;
    if (i.market === 'on-demand') fulfilledOnDemand += i.weight;
  }
  const { allocationStrategy: _strategy, ...rest } = f;
  return {
    ...rest,
    fulfilledCapacity: fulfilled,
    fulfilledOnDemandCapacity: fulfilledOnDemand,
    launchTemplate: { ...f.launchTemplate },
    overrides: f.overrides.map((o) => {
      const zone = zoneOf(o, subnets);
      return zone !== undefined ? { ...o, availabilityZone: zone } : { ...o };
    }),
  };
}
