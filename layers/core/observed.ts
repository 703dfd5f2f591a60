/** What the ports report about the world, in domain terms: the inputs a decision reads. */
import type { InstanceState, Market, Pool } from './index-types';

/** One EC2 instance (DescribeInstances), reduced to what decisions need. */
export interface InstanceView {
  instanceId: string;
  instanceType: string;
  availabilityZone: string;
  market: Market;
  state: InstanceState;
  /** Value of the `aws:ec2:fleet-id` tag, when EC2 Fleet launched it. */
  fleetId?: string;
  launchTimeMs: number;
  tags: Record<string, string>;
}

export const poolOf = (i: InstanceView): Pool => ({
  instanceType: i.instanceType,
  availabilityZone: i.availabilityZone,
  market: i.market,
});

/** One launch-template override of an EC2 Fleet, with its AZ resolved (from the subnet when needed). */
export interface FleetOverride {
  instanceType: string;
  availabilityZone?: string;
  subnetId?: string;
  weightedCapacity?: number;
  priority?: number;
  maxPrice?: string;
}

/** One EC2 Fleet (DescribeFleets). */
export interface FleetView {
  fleetId: string;
  type: 'maintain' | 'request' | 'instant';
  /** `active`, `modifying`, `submitted`, `deleted`, ... */
  state: string;
  totalTargetCapacity: number;
  onDemandTargetCapacity: number;
  spotTargetCapacity: number;
  defaultTargetCapacityType: Market;
  fulfilledCapacity: number;
  fulfilledOnDemandCapacity: number;
  excessCapacityTerminationPolicy: 'termination' | 'no-termination';
  /** Spot capacity rebalancing of the fleet itself (`SpotOptions.MaintenanceStrategies`), when enabled. */
  capacityRebalance?: 'launch' | 'launch-before-terminate';
  launchTemplate: { launchTemplateId?: string; launchTemplateName?: string; version: string };
  overrides: FleetOverride[];
}

/** SQS queue depth (GetQueueAttributes). */
export interface QueueStats {
  queueUrl: string;
  visibleMessages: number;
  inFlightMessages: number;
  delayedMessages: number;
}

/** A pool the autopilot should avoid for a while (the unavailable-offerings memory). */
export interface AtRiskPool {
  poolKey: string;
  untilMs: number;
  reason: string;
}
