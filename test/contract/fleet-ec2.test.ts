/** Runs the FleetPort contract against Ec2FleetAdapter on a fixture-backed EC2, then checks the exact requests it sends. */
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeFleetInstancesCommand,
  DescribeFleetsCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  ModifyFleetCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { Ec2FleetAdapter } from '../../layers/adapters/aws/ec2-fleet-adapter';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { describeFleetContract, type FleetMethod } from './fleet.contract';
import { makeEc2Fake, type Ec2CommandName, type Ec2Fake } from './fleet-ec2-fake';
import { CLI_EXAMPLE_FLEET_ID, GPU_FLEET_ID, MISSING_FLEET_ID, SPOT_INSTANCE_ID } from './fleet-world';

const COMMAND_OF: Record<FleetMethod, Ec2CommandName> = {
  describeInstances: 'DescribeInstances',
  describeFleet: 'DescribeFleets',
  modifyFleet: 'ModifyFleet',
  createTags: 'CreateTags',
  deleteTags: 'DeleteTags',
  listFleetInstances: 'DescribeFleetInstances',
  terminateInstance: 'TerminateInstances',
};

describeFleetContract('Ec2FleetAdapter', () => {
  const fake = makeEc2Fake();
  return {
    port: new Ec2FleetAdapter({ ec2: fake.ec2 }),
    failNext: (method, code) => fake.failNext(COMMAND_OF[method], code),
  };
});

describe('Ec2FleetAdapter requests', () => {
  let fake: Ec2Fake;
  let adapter: Ec2FleetAdapter;
  beforeEach(() => {
    fake = makeEc2Fake();
    adapter = new Ec2FleetAdapter({ ec2: fake.ec2 });
  });

  const inputsOf = (command: Parameters<Ec2Fake['mock']['commandCalls']>[0]): unknown[] =>
    fake.mock.commandCalls(command).map((call) => call.args[0].input);

  it('describes instances by the instance-id filter, following NextToken, never by InstanceIds', async () => {
    // Prepare
    const ids = [SPOT_INSTANCE_ID, 'i-0598c7d356eba48d7', 'i-0e3b1c2d4f5a6b7c8'];

    // Act
    const views = await adapter.describeInstances(ids);

    // Assess
    expect(views.map((v) => v.instanceId).sort()).toEqual([...ids].sort());
    expect(inputsOf(DescribeInstancesCommand)).toStrictEqual([
      { Filters: [{ Name: 'instance-id', Values: ids }], MaxResults: 1000 },
      { Filters: [{ Name: 'instance-id', Values: ids }], MaxResults: 1000, NextToken: '2' },
    ]);
  });

  it('splits more than 200 ids into calls of at most 200 filter values, and sends nothing for no ids', async () => {
    // Prepare
    const ids = Array.from({ length: 450 }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`);

    // Act
    await adapter.describeInstances(ids);
    await adapter.describeInstances([]);

    // Assess
    const sizes = inputsOf(DescribeInstancesCommand).map((input) => (input as { Filters: { Values: string[] }[] }).Filters[0]?.Values.length);
    expect(sizes).toEqual([200, 200, 50]);
  });

  it('describes the fleet by id and resolves subnet AZs once per adapter', async () => {
    // Act
    await adapter.describeFleet(GPU_FLEET_ID);
    await adapter.describeFleet(GPU_FLEET_ID);

    // Assess
    expect(inputsOf(DescribeFleetsCommand)).toStrictEqual([{ FleetIds: [GPU_FLEET_ID] }, { FleetIds: [GPU_FLEET_ID] }]);
    expect(inputsOf(DescribeSubnetsCommand)).toStrictEqual([{ Filters: [{ Name: 'subnet-id', Values: ['subnet-9d4a7b6c', 'subnet-65ea5f08'] }] }]);
  });

  it('asks no subnets for a fleet whose overrides have none, and reads an empty Fleets as no fleet', async () => {
    // Prepare
    fake.mock.on(DescribeFleetsCommand, { FleetIds: [MISSING_FLEET_ID] }).resolvesOnce({ Fleets: [] });

    // Act
    const cliFleet = await adapter.describeFleet(CLI_EXAMPLE_FLEET_ID);
    const missing = await adapter.describeFleet(MISSING_FLEET_ID);

    // Assess
    expect(cliFleet?.overrides).toEqual([]);
    expect(missing).toBeUndefined();
    expect(inputsOf(DescribeSubnetsCommand)).toEqual([]);
  });

  it('sends ModifyFleet with the total target and termination policy only, when overrides are not replaced', async () => {
    // Act
    await adapter.modifyFleet({ fleetId: GPU_FLEET_ID, totalTargetCapacity: 46, excessCapacityTerminationPolicy: 'no-termination' });

    // Assess
    expect(inputsOf(ModifyFleetCommand)).toStrictEqual([
      { FleetId: GPU_FLEET_ID, TargetCapacitySpecification: { TotalTargetCapacity: 46 }, ExcessCapacityTerminationPolicy: 'no-termination' },
    ]);
    expect(inputsOf(DescribeFleetsCommand)).toEqual([]);
  });

  it('sends the on-demand part of the target when given', async () => {
    // Act
    await adapter.modifyFleet({ fleetId: GPU_FLEET_ID, totalTargetCapacity: 46, onDemandTargetCapacity: 12, excessCapacityTerminationPolicy: 'termination' });
    // Assess
    expect(inputsOf(ModifyFleetCommand)).toStrictEqual([
      { FleetId: GPU_FLEET_ID, TargetCapacitySpecification: { TotalTargetCapacity: 46, OnDemandTargetCapacity: 12 }, ExcessCapacityTerminationPolicy: 'termination' },
    ]);
  });

  it('sends the fleet launch template with the new overrides, a subnet override by subnet only', async () => {
    // Act
    await adapter.modifyFleet({
      fleetId: GPU_FLEET_ID,
      totalTargetCapacity: 30,
      excessCapacityTerminationPolicy: 'termination',
      overrides: [
        { instanceType: 'g5.2xlarge', subnetId: 'subnet-9d4a7b6c', availabilityZone: 'us-east-1c', weightedCapacity: 16, priority: 0 },
        { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 10, maxPrice: '0.55' },
      ],
    });

    // Assess
    expect(inputsOf(ModifyFleetCommand)).toStrictEqual([
      {
        FleetId: GPU_FLEET_ID,
        TargetCapacitySpecification: { TotalTargetCapacity: 30 },
        ExcessCapacityTerminationPolicy: 'termination',
        LaunchTemplateConfigs: [
          {
            LaunchTemplateSpecification: { LaunchTemplateId: 'lt-0e632f2855a979cd5', Version: '3' },
            Overrides: [
              { InstanceType: 'g5.2xlarge', SubnetId: 'subnet-9d4a7b6c', WeightedCapacity: 16, Priority: 0 },
              { InstanceType: 'g5.xlarge', AvailabilityZone: 'us-east-1a', WeightedCapacity: 10, MaxPrice: '0.55' },
            ],
          },
        ],
      },
    ]);
  });

  it('refuses to replace the overrides of a fleet with several launch template configs, sending no ModifyFleet', async () => {
    // Prepare
    const spec = { LaunchTemplateSpecification: { LaunchTemplateId: 'lt-0e632f2855a979cd5', Version: '1' } };
    fake.mock.on(DescribeFleetsCommand).resolvesOnce({ Fleets: [{ FleetId: CLI_EXAMPLE_FLEET_ID, LaunchTemplateConfigs: [spec, spec] }] });

    // Act
    const error = await adapter
      .modifyFleet({ fleetId: CLI_EXAMPLE_FLEET_ID, totalTargetCapacity: 2, excessCapacityTerminationPolicy: 'termination', overrides: [] })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(FleetApiError);
    expect(error).toMatchObject({ code: 'UnsupportedFleetConfiguration', retryable: false });
    expect(inputsOf(ModifyFleetCommand)).toEqual([]);
  });

  it('sends CreateTags and DeleteTags for the one instance, deleting by key only, and never an empty tag list', async () => {
    // Act
    await adapter.createTags(SPOT_INSTANCE_ID, { 'autopilot:draining': 'true' });
    await adapter.deleteTags(SPOT_INSTANCE_ID, ['autopilot:draining']);
    await adapter.createTags(SPOT_INSTANCE_ID, {});
    await adapter.deleteTags(SPOT_INSTANCE_ID, []);

    // Assess
    expect(inputsOf(CreateTagsCommand)).toStrictEqual([{ Resources: [SPOT_INSTANCE_ID], Tags: [{ Key: 'autopilot:draining', Value: 'true' }] }]);
    expect(inputsOf(DeleteTagsCommand)).toStrictEqual([{ Resources: [SPOT_INSTANCE_ID], Tags: [{ Key: 'autopilot:draining' }] }]);
  });

  it('lists a fleet by DescribeFleetInstances, following NextToken, then describes the ids it got', async () => {
    // Act
    await adapter.listFleetInstances(GPU_FLEET_ID);

    // Assess
    expect(inputsOf(DescribeFleetInstancesCommand)).toStrictEqual([{ FleetId: GPU_FLEET_ID }, { FleetId: GPU_FLEET_ID, NextToken: '1' }]);
    expect(inputsOf(DescribeInstancesCommand)).toStrictEqual([
      { Filters: [{ Name: 'instance-id', Values: [SPOT_INSTANCE_ID, 'i-0598c7d356eba48d7'] }], MaxResults: 1000 },
    ]);
  });

  it('terminates one instance by id, and sends both parts of the target when given', async () => {
    // Act
    await adapter.terminateInstance(SPOT_INSTANCE_ID);
    await adapter.modifyFleet({ fleetId: GPU_FLEET_ID, totalTargetCapacity: 26, onDemandTargetCapacity: 16, spotTargetCapacity: 10 });

    // Assess
    expect(inputsOf(TerminateInstancesCommand)).toStrictEqual([{ InstanceIds: [SPOT_INSTANCE_ID] }]);
    expect(inputsOf(ModifyFleetCommand)).toStrictEqual([
      { FleetId: GPU_FLEET_ID, TargetCapacitySpecification: { TotalTargetCapacity: 26, OnDemandTargetCapacity: 16, SpotTargetCapacity: 10 } },
    ]);
  });
});
