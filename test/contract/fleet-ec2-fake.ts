/** A small stateful EC2 behind aws-sdk-client-mock: serves test/fixtures/ec2, applies writes, fails on demand. */
import { readFileSync } from 'node:fs';
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeFleetsCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  EC2ServiceException,
  ModifyFleetCommand,
  type CreateTagsCommandInput,
  type DeleteTagsCommandInput,
  type DescribeFleetsCommandInput,
  type DescribeInstancesCommandInput,
  type DescribeSubnetsCommandInput,
  type FleetData,
  type Instance,
  type ModifyFleetCommandInput,
  type Reservation,
  type Subnet,
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

export type Ec2CommandName = 'DescribeInstances' | 'DescribeFleets' | 'DescribeSubnets' | 'ModifyFleet' | 'CreateTags' | 'DeleteTags';

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
    const total = input.TargetCapacitySpecification?.TotalTargetCapacity ?? target.TotalTargetCapacity ?? 0;
    const onDemand = Math.min(target.OnDemandTargetCapacity ?? 0, total);
    fleet.TargetCapacitySpecification = { ...target, TotalTargetCapacity: total, OnDemandTargetCapacity: onDemand, SpotTargetCapacity: total - onDemand };
    if (input.ExcessCapacityTerminationPolicy !== undefined) fleet.ExcessCapacityTerminationPolicy = input.ExcessCapacityTerminationPolicy;
    if (input.LaunchTemplateConfigs !== undefined) fleet.LaunchTemplateConfigs = structuredClone(input.LaunchTemplateConfigs);
    fleet.FleetState = 'modifying';
    return ec2Fixture<object>('modify-fleet.json');
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
