/** The EC2 world the FleetPort contract runs in: the one served from test/fixtures/ec2, in domain terms for the twin. */
import type { FleetView, InstanceView } from '../../layers/core/observed';
import type { FleetSeed, InstanceSeed } from '../../layers/twins/in-memory-fleet';

export const GPU_FLEET_ID = 'fleet-73fbd2ce-aa30-494c-8788-1cee4EXAMPLE';
/** The fleet of the AWS CLI describe-fleets example (no overrides). */
export const CLI_EXAMPLE_FLEET_ID = 'fleet-12a34b55-67cd-8ef9-ba9b-9208dEXAMPLE';
export const MISSING_FLEET_ID = 'fleet-00000000-0000-0000-0000-000000000000';

export const SPOT_INSTANCE_ID = 'i-1234567890abcdef0';
export const ON_DEMAND_INSTANCE_ID = 'i-0598c7d356eba48d7';
export const TERMINATED_INSTANCE_ID = 'i-0e3b1c2d4f5a6b7c8';
export const MISSING_INSTANCE_ID = 'i-0fffffffffffffff0';

export const SUBNET_ZONES: Record<string, string> = {
  'subnet-9d4a7b6c': 'us-east-1c',
  'subnet-65ea5f08': 'us-east-1d',
};

/** describe-fleets-gpu.json as a twin seed. */
export const gpuFleetSeed = (): FleetSeed => ({
  fleetId: GPU_FLEET_ID,
  type: 'maintain',
  state: 'active',
  totalTargetCapacity: 36,
  onDemandTargetCapacity: 16,
  defaultTargetCapacityType: 'spot',
  excessCapacityTerminationPolicy: 'no-termination',
  capacityRebalance: 'launch-before-terminate',
  launchTemplate: { launchTemplateId: 'lt-0e632f2855a979cd5', version: '3' },
  overrides: [
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 10, priority: 0 },
    { instanceType: 'g5.2xlarge', subnetId: 'subnet-9d4a7b6c', weightedCapacity: 16, priority: 1 },
    { instanceType: 'g5.xlarge', subnetId: 'subnet-65ea5f08', weightedCapacity: 10, priority: 2, maxPrice: '0.60' },
  ],
});

/** describe-fleets.json (the AWS CLI example) as a twin seed. */
export const cliExampleFleetSeed = (): FleetSeed => ({
  fleetId: CLI_EXAMPLE_FLEET_ID,
  type: 'maintain',
  state: 'active',
  totalTargetCapacity: 2,
  onDemandTargetCapacity: 0,
  defaultTargetCapacityType: 'spot',
  excessCapacityTerminationPolicy: 'termination',
  launchTemplate: { launchTemplateId: 'lt-0e632f2855a979cd5', version: '1' },
  overrides: [],
});

/** describe-instances.json as twin seeds. */
export const instanceSeeds = (): InstanceSeed[] => [
  {
    instanceId: SPOT_INSTANCE_ID,
    instanceType: 'g5.xlarge',
    availabilityZone: 'us-east-1a',
    market: 'spot',
    state: 'running',
    fleetId: GPU_FLEET_ID,
    launchTimeMs: Date.parse('2024-06-03T08:15:42.000Z'),
    tags: { Name: 'bert-large-0' },
  },
  {
    instanceId: ON_DEMAND_INSTANCE_ID,
    instanceType: 'g5.2xlarge',
    availabilityZone: 'us-east-1c',
    market: 'on-demand',
    state: 'running',
    fleetId: GPU_FLEET_ID,
    launchTimeMs: Date.parse('2024-06-01T14:02:10.000Z'),
    tags: { Name: 'bert-large-1', 'autopilot:draining': 'false' },
  },
  {
    instanceId: TERMINATED_INSTANCE_ID,
    instanceType: 'g4dn.xlarge',
    availabilityZone: 'us-east-1b',
    market: 'spot',
    state: 'terminated',
    launchTimeMs: Date.parse('2024-06-02T19:40:03.000Z'),
    tags: { Name: 'reranker-batch' },
  },
];

/** What every FleetPort must report for the world's instances and fleet. */
export const spotView: InstanceView = {
  instanceId: SPOT_INSTANCE_ID,
  instanceType: 'g5.xlarge',
  availabilityZone: 'us-east-1a',
  market: 'spot',
  state: 'running',
  fleetId: GPU_FLEET_ID,
  launchTimeMs: Date.parse('2024-06-03T08:15:42.000Z'),
  tags: { 'aws:ec2:fleet-id': GPU_FLEET_ID, Name: 'bert-large-0' },
};

export const onDemandView: InstanceView = {
  instanceId: ON_DEMAND_INSTANCE_ID,
  instanceType: 'g5.2xlarge',
  availabilityZone: 'us-east-1c',
  market: 'on-demand',
  state: 'running',
  fleetId: GPU_FLEET_ID,
  launchTimeMs: Date.parse('2024-06-01T14:02:10.000Z'),
  tags: { 'aws:ec2:fleet-id': GPU_FLEET_ID, Name: 'bert-large-1', 'autopilot:draining': 'false' },
};

export const gpuFleetView: FleetView = {
  fleetId: GPU_FLEET_ID,
  type: 'maintain',
  state: 'active',
  totalTargetCapacity: 36,
  onDemandTargetCapacity: 16,
  spotTargetCapacity: 20,
  defaultTargetCapacityType: 'spot',
  fulfilledCapacity: 26,
  fulfilledOnDemandCapacity: 16,
  excessCapacityTerminationPolicy: 'no-termination',
  capacityRebalance: 'launch-before-terminate',
  launchTemplate: { launchTemplateId: 'lt-0e632f2855a979cd5', version: '3' },
  overrides: [
    { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 10, priority: 0 },
    { instanceType: 'g5.2xlarge', subnetId: 'subnet-9d4a7b6c', availabilityZone: 'us-east-1c', weightedCapacity: 16, priority: 1 },
    { instanceType: 'g5.xlarge', subnetId: 'subnet-65ea5f08', availabilityZone: 'us-east-1d', weightedCapacity: 10, priority: 2, maxPrice: '0.60' },
  ],
};
