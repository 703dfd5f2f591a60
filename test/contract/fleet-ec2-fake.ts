/** A small stateful EC2 behind aws-sdk-client-mock: serves test/fixtures/ec2, applies writes, fails on demand. */
import { readFileSync } from 'node:fs';
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeFleetInstancesCommand,
  DescribeFleetsCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  EC2ServiceException,
  ModifyFleetCommand,
  TerminateInstancesCommand,
  type ActiveInstance,
  type CreateTagsCommandInput,
  type DeleteTagsCommandInput,
  type DescribeFleetInstancesCommandInput,
  type DescribeFleetsCommandInput,
  type DescribeInstancesCommandInput,
  type DescribeSubnetsCommandInput,
  type FleetData,
  type Instance,
  type ModifyFleetCommandInput,
  type Reservation,
  type Subnet,
  type TerminateInstancesCommandInput,
  type TerminateInstancesCommandOutput,
} from '@aws-sdk/client-ec2';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

const DATE_KEYS = new Set(['LaunchTime', 'CreateTime', 'UsageOperationUpdateTime', 'ValidFrom', 'ValidUntil']);

/** A fixture as the SDK hands it over: timestamps are `Date`s after deserialization. */
export const ec2Fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/ec2/${name}`, import.meta.url), 'utf8'), (key, value: unknown) =>
    DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as T;

type ErrorFixture = { httpStatusCode: number; fault: 'client' | 'server'; message: string };
const ERRORS = ec2Fixture<Record<string, ErrorFixture>>('errors.json');

/** The error the SDK throws for an EC2 error response with `code`. */
export function ec2Error(code: string, message?: string): EC2ServiceException {
  const known = ERRORS[code] ?? { httpStatusCode: 400, fault: 'client', message: code };
  return new EC2ServiceException({
    name: code,
    $fault: known.fault,
    $metadata: { httpStatusCode: known.httpStatusCode, requestId: 'ea966190-f9aa-478e-9ede-example' },
    message: message ?? known.message,
  });
}

export type Ec2CommandName =
  | 'DescribeInstances'
  | 'DescribeFleets'
  | 'DescribeFleetInstances'
  | 'DescribeSubnets'
  | 'ModifyFleet'
  | 'CreateTags'
  | 'DeleteTags'
  | 'TerminateInstances';

export interface Ec2Fake {
  ec2: EC2Client;
  mock: AwsClientStub<EC2Client>;
  /** The next `command` fails as EC2 does with `code`. */
  failNext(command: Ec2CommandName, code: string): void;
}

/** Small on purpose, so that a describe of the whole world needs NextToken. */
const PAGE_SIZE = 2;

const filterValues = (input: { Filters?: { Name?: string; Values?: string[] }[] }, name: string): string[] | undefined =>
  input.Filters?.find((f) => f.Name === name)?.Values;

/** An EC2 loaded with the fixture world (instances, the GPU fleet, the CLI example fleet, subnets). */
export function makeEc2Fake(): Ec2Fake {
  const reservations = ec2Fixture<{ Reservations: Reservation[] }>('describe-instances.json').Reservations;
  const instances: { reservation: Reservation; instance: Instance }[] = reservations.flatMap((reservation) =>
    (reservation.Instances ?? []).map((instance) => ({ reservation, instance })),
  );
  const fleets: FleetData[] = [
    ...(ec2Fixture<{ Fleets: FleetData[] }>('describe-fleets-gpu.json').Fleets ?? []),
    ...(ec2Fixture<{ Fleets: FleetData[] }>('describe-fleets.json').Fleets ?? []),
  ];
  const subnets = ec2Fixture<{ Subnets: Subnet[] }>('describe-subnets.json').Subnets;
  const failures = new Map<Ec2CommandName, string[]>();
  const failIfAsked = (command: Ec2CommandName): void => {
    const code = failures.get(command)?.shift();
    if (code !== undefined) throw ec2Error(code);
  };
  const instanceOrThrow = (id: string): Instance => {
    const found = instances.find((x) => x.instance.InstanceId === id)?.instance;
    if (found === undefined) throw ec2Error('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    return found;
  };
  const fleetOrThrow = (id: string | undefined): FleetData => {
    const found = fleets.find((f) => f.FleetId === id);
    if (found === undefined) throw ec2Error('InvalidFleetId.NotFound', `The fleet ID '${id}' does not exist`);
    return found;
  };

  const ec2 = new EC2Client({ region: 'us-east-1' });
  const mock = mockClient(ec2);

  mock.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
    failIfAsked('DescribeInstances');
    // InstanceIds fails on the first unknown id, as EC2 does; the filter just matches.
    input.InstanceIds?.forEach(instanceOrThrow);
    const wanted = input.InstanceIds ?? filterValues(input, 'instance-id');
    const matching = instances.filter((x) => wanted === undefined || wanted.includes(x.instance.InstanceId ?? ''));
    const start = Number(input.NextToken ?? 0);
    const page = matching.slice(start, start + Math.min(PAGE_SIZE, input.MaxResults ?? PAGE_SIZE));
    const next = start + page.length;
    return {
      Reservations: page.map(({ reservation, instance }) => structuredClone({ ...reservation, Instances: [instance] })),
      ...(next < matching.length ? { NextToken: String(next) } : {}),
    };
  });

  mock.on(DescribeFleetsCommand).callsFake((input: DescribeFleetsCommandInput) => {
    failIfAsked('DescribeFleets');
    const found = (input.FleetIds ?? fleets.map((f) => f.FleetId)).map(fleetOrThrow);
    return { Fleets: structuredClone(found) };
  });

  mock.on(DescribeSubnetsCommand).callsFake((input: DescribeSubnetsCommandInput) => {
    failIfAsked('DescribeSubnets');
    const wanted = input.SubnetIds ?? filterValues(input, 'subnet-id');
    return { Subnets: structuredClone(subnets.filter((s) => wanted === undefined || wanted.includes(s.SubnetId ?? ''))) };
  });

  mock.on(ModifyFleetCommand).callsFake((input: ModifyFleetCommandInput) => {
    failIfAsked('ModifyFleet');
    const fleet = fleetOrThrow(input.FleetId);
    if (fleet.Type !== 'maintain') throw ec2Error('FleetNotInModifiableState', `Fleet ${fleet.FleetId} is not modifiable`);
    const target = fleet.TargetCapacitySpecification ?? {};
    const asked: NonNullable<ModifyFleetCommandInput['TargetCapacitySpecification']> = input.TargetCapacitySpecification ?? { TotalTargetCapacity: undefined };
    const total = asked.TotalTargetCapacity ?? target.TotalTargetCapacity ?? 0;
    // The remainder of the explicit parts goes to the default capacity type, as EC2 fills it.
    const spotDefault = target.DefaultTargetCapacityType === 'spot';
    const explicit = Math.min(total, (spotDefault ? asked.OnDemandTargetCapacity ?? target.OnDemandTargetCapacity : asked.SpotTargetCapacity ?? target.SpotTargetCapacity) ?? 0);
    const onDemand = spotDefault ? explicit : total - explicit;
    fleet.TargetCapacitySpecification = { ...target, TotalTargetCapacity: total, OnDemandTargetCapacity: onDemand, SpotTargetCapacity: total - onDemand };
    if (input.ExcessCapacityTerminationPolicy !== undefined) fleet.ExcessCapacityTerminationPolicy = input.ExcessCapacityTerminationPolicy;
    if (input.LaunchTemplateConfigs !== undefined) fleet.LaunchTemplateConfigs = structuredClone(input.LaunchTemplateConfigs);
    fleet.FleetState = 'modifying';
    return ec2Fixture<object>('modify-fleet.json');
  });

  const cliFleetInstances = ec2Fixture<{ ActiveInstances: ActiveInstance[]; FleetId: string }>('describe-fleet-instances.json');
  mock.on(DescribeFleetInstancesCommand).callsFake((input: DescribeFleetInstancesCommandInput) => {
    failIfAsked('DescribeFleetInstances');
    const fleet = fleetOrThrow(input.FleetId);
    if (fleet.FleetId === cliFleetInstances.FleetId) return structuredClone(cliFleetInstances);
    const active: ActiveInstance[] = instances
      .map((x) => x.instance)
      .filter((i) => i.Tags?.some((t) => t.Key === 'aws:ec2:fleet-id' && t.Value === fleet.FleetId) && ['pending', 'running'].includes(i.State?.Name ?? ''))
      .map((i) => ({ InstanceId: i.InstanceId, InstanceType: i.InstanceType, ...(i.SpotInstanceRequestId ? { SpotInstanceRequestId: i.SpotInstanceRequestId } : {}), InstanceHealth: 'healthy' }));
    // One instance per page, so that listing the GPU fleet needs NextToken.
    const start = Number(input.NextToken ?? 0);
    return { ActiveInstances: active.slice(start, start + 1), FleetId: fleet.FleetId, ...(start + 1 < active.length ? { NextToken: String(start + 1) } : {}) };
  });

  const terminated = ec2Fixture<TerminateInstancesCommandOutput>('terminate-instances.json');
  mock.on(TerminateInstancesCommand).callsFake((input: TerminateInstancesCommandInput) => {
    failIfAsked('TerminateInstances');
    const [template] = terminated.TerminatingInstances ?? [];
    return {
      TerminatingInstances: (input.InstanceIds ?? []).map(instanceOrThrow).map((instance) => {
        const previous = instance.State ?? { Code: 16, Name: 'running' };
        // Already shutting down or terminated: EC2 answers with the state it is in.
        if (previous.Name === 'running' || previous.Name === 'pending' || previous.Name === 'stopped') instance.State = template?.CurrentState ?? { Code: 32, Name: 'shutting-down' };
        return { InstanceId: instance.InstanceId, CurrentState: instance.State, PreviousState: previous };
      }),
    };
  });

  mock.on(CreateTagsCommand).callsFake((input: CreateTagsCommandInput) => {
    failIfAsked('CreateTags');
    for (const instance of (input.Resources ?? []).map(instanceOrThrow)) {
      for (const tag of input.Tags ?? []) {
        instance.Tags = [...(instance.Tags ?? []).filter((t) => t.Key !== tag.Key), { Key: tag.Key, Value: tag.Value ?? '' }];
      }
    }
    return {};
  });

  mock.on(DeleteTagsCommand).callsFake((input: DeleteTagsCommandInput) => {
    failIfAsked('DeleteTags');
    for (const instance of (input.Resources ?? []).map(instanceOrThrow)) {
      // No Tags (an empty list serializes to no parameter at all): every user tag goes.
      // A key without a value: that key whatever its value.
      const keys = input.Tags ?? [];
      instance.Tags = (instance.Tags ?? []).filter((t) =>
        keys.length === 0
          ? t.Key?.startsWith('aws:')
          : !keys.some((d) => d.Key === t.Key && (d.Value === undefined || d.Value === t.Value)),
      );
    }
    return {};
  });

  return {
    ec2,
    mock,
    failNext: (command, code) => failures.set(command, [...(failures.get(command) ?? []), code]),
  };
}
