/** What the autopilot needs from EC2: read instances and fleets, change a fleet's capacity, tag and terminate instances. */
import { PortError } from './port-error';
import type { FleetOverride, FleetView, InstanceView } from '../core/observed';

export interface ModifyFleetRequest {
  fleetId: string;
  totalTargetCapacity: number;
  /** When given, the on-demand part of the target (the rest is the fleet's default capacity type). */
  onDemandTargetCapacity?: number;
  /**
   * When given, the Spot part of the target. With both parts given and summing to the total, the split no longer
   * depends on the fleet's DefaultTargetCapacityType (which ModifyFleet cannot change).
   */
  spotTargetCapacity?: number;
  /** When given, replaces the fleet's launch-template overrides (to steer new capacity away from pools). */
  overrides?: FleetOverride[];
  /** Never terminate running instances as a side effect of lowering the target. */
  /** Left out: the fleet keeps the operator's setting (the autopilot never changes it on its own). */
  excessCapacityTerminationPolicy?: 'no-termination' | 'termination';
}

/**
 * Thrown by every FleetPort implementation when EC2 refuses or fails a call. `code` is the EC2 error code
 * (`RequestLimitExceeded`, `InvalidFleetId.NotFound`, ...); `retryable` says whether the same call can succeed
 * later (throttling, server errors, a fleet still `modifying`) or never will (permissions, bad ids, bad values).
 */
export class FleetApiError extends PortError {
  override readonly name = 'FleetApiError';
}

/**
 * EC2 instances and EC2 Fleets. Every method rejects with {@link FleetApiError} when EC2 does.
 *
 * @example
 * const [instance] = await fleet.describeInstances(['i-0123456789abcdef0']);
 * if (instance?.fleetId) await fleet.modifyFleet({ fleetId: instance.fleetId, totalTargetCapacity: 12, excessCapacityTerminationPolicy: 'no-termination' });
 */
export interface FleetPort {
  /** Instances that exist among `instanceIds` (unknown ids are left out, not an error). */
  describeInstances(instanceIds: string[]): Promise<InstanceView[]>;
  /** The fleet, or undefined when it does not exist. */
  describeFleet(fleetId: string): Promise<FleetView | undefined>;
  modifyFleet(request: ModifyFleetRequest): Promise<void>;
  createTags(instanceId: string, tags: Record<string, string>): Promise<void>;
  deleteTags(instanceId: string, tagKeys: string[]): Promise<void>;
  /**
   * The fleet's active instances (DescribeFleetInstances: pending or running), described; [] for a fleet that does
   * not exist. EC2 refreshes that list periodically, so a just-launched instance may be missing for a while.
   */
  listFleetInstances(fleetId: string): Promise<InstanceView[]>;
  /**
   * TerminateInstances for one instance. Idempotent like EC2: terminating an instance already shutting down or
   * terminated resolves. A maintain fleet replaces it unless its target is lowered too.
   */
  terminateInstance(instanceId: string): Promise<void>;
}
