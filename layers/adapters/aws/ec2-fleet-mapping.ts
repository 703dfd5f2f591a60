/** Pure mappings between EC2 API shapes (DescribeInstances, DescribeFleets, ModifyFleet) and the domain views. */
import type {
  FleetData,
  FleetLaunchTemplateOverrides,
  FleetLaunchTemplateOverridesRequest,
  Instance,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import type { InstanceState } from '../../core/index-types';
import type { FleetOverride, FleetView, InstanceView } from '../../core/observed';

/** EC2 Fleet tags every instance it launches with its own id under this key. */
export const FLEET_ID_TAG = 'aws:ec2:fleet-id';

const INSTANCE_STATES: readonly InstanceState[] = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'];

const toInstanceState = (name: string | undefined): InstanceState =>
  INSTANCE_STATES.find((s) => s === name) ?? 'pending';

/** One DescribeInstances `Instance` as the domain sees it. */
export function toInstanceView(instance: Instance): InstanceView {
  const tags: Record<string, string> = {};
  for (const tag of instance.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
  const fleetId = tags[FLEET_ID_TAG];
  return {
    instanceId: instance.InstanceId ?? '',
    instanceType: instance.InstanceType ?? '',
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    // `scheduled` and `capacity-block` lifecycles are paid like on-demand: only `spot` can be interrupted.
    market: instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
    state: toInstanceState(instance.State?.Name),
    ...(fleetId !== undefined ? { fleetId } : {}),
    launchTimeMs: instance.LaunchTime?.getTime() ?? 0,
    tags,
  };
}

function toOverride(o: FleetLaunchTemplateOverrides): FleetOverride {
  return {
    instanceType: o.InstanceType ?? '',
    ...(o.AvailabilityZone !== undefined ? { availabilityZone: o.AvailabilityZone } : {}),
    ...(o.SubnetId !== undefined ? { subnetId: o.SubnetId } : {}),
    ...(o.WeightedCapacity !== undefined ? { weightedCapacity: o.WeightedCapacity } : {}),
    ...(o.Priority !== undefined ? { priority: o.Priority } : {}),
    ...(o.MaxPrice !== undefined ? { maxPrice: o.MaxPrice } : {}),
  };
}

const FLEET_TYPES: readonly FleetView['type'][] = ['maintain', 'request', 'instant'];

/**
 * One DescribeFleets `FleetData` as the domain sees it. Overrides that name only a subnet come back without an
 * AZ: the adapter resolves those with DescribeSubnets. Only the first launch template config is read, because
 * the fleets the autopilot manages have exactly one.
 */
export function toFleetView(fleet: FleetData): FleetView {
  const target = fleet.TargetCapacitySpecification;
  const config = fleet.LaunchTemplateConfigs?.[0];
  const spec = config?.LaunchTemplateSpecification;
  const replacement = fleet.SpotOptions?.MaintenanceStrategies?.CapacityRebalance?.ReplacementStrategy;
  return {
    fleetId: fleet.FleetId ?? '',
    // EC2 always sends Type; `maintain` is CreateFleet's default should it ever be absent.
    type: FLEET_TYPES.find((t) => t === fleet.Type) ?? 'maintain',
    state: fleet.FleetState ?? 'active',
    totalTargetCapacity: target?.TotalTargetCapacity ?? 0,
    onDemandTargetCapacity: target?.OnDemandTargetCapacity ?? 0,
    spotTargetCapacity: target?.SpotTargetCapacity ?? 0,
    defaultTargetCapacityType: target?.DefaultTargetCapacityType === 'spot' ? 'spot' : 'on-demand',
    fulfilledCapacity: fleet.FulfilledCapacity ?? 0,
    fulfilledOnDemandCapacity: fleet.FulfilledOnDemandCapacity ?? 0,
    // Absent means EC2's default, which terminates the excess when the target goes down.
    excessCapacityTerminationPolicy: fleet.ExcessCapacityTerminationPolicy ?? 'termination',
    ...(replacement === 'launch' || replacement === 'launch-before-terminate' ? { capacityRebalance: replacement } : {}),
    launchTemplate: {
      ...(spec?.LaunchTemplateId !== undefined ? { launchTemplateId: spec.LaunchTemplateId } : {}),
      ...(spec?.LaunchTemplateName !== undefined ? { launchTemplateName: spec.LaunchTemplateName } : {}),
      version: spec?.Version ?? '$Default',
    },
    overrides: (config?.Overrides ?? []).map(toOverride),
  };
}

/**
 * A domain override as ModifyFleet wants it. When the override names a subnet, only the subnet is sent: its AZ
 * is the one we derived from the subnet, and EC2 takes the AZ from the subnet anyway.
 */
export function toOverrideRequest(o: FleetOverride): FleetLaunchTemplateOverridesRequest {
  return {
    InstanceType: o.instanceType as _InstanceType,
    ...(o.subnetId !== undefined
      ? { SubnetId: o.subnetId }
      : o.availabilityZone !== undefined
        ? { AvailabilityZone: o.availabilityZone }
        : {}),
    ...(o.weightedCapacity !== undefined ? { WeightedCapacity: o.weightedCapacity } : {}),
    ...(o.priority !== undefined ? { Priority: o.priority } : {}),
    ...(o.maxPrice !== undefined ? { MaxPrice: o.maxPrice } : {}),
  };
}
