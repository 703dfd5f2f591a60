/** FleetPort on EC2 (AWS SDK v3): DescribeInstances, DescribeFleets, DescribeSubnets, ModifyFleet, Create/DeleteTags. */
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeFleetsCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  ModifyFleetCommand,
  type DescribeInstancesCommandInput,
  type DescribeSubnetsCommandInput,
  type EC2Client,
  type FleetData,
  type ModifyFleetCommandInput,
} from '@aws-sdk/client-ec2';
import type { FleetOverride, FleetView, InstanceView } from '../../core/observed';
import { FleetApiError, type FleetPort, type ModifyFleetRequest } from '../../ports/fleet-port';
import { ec2ErrorCode, toFleetApiError } from './ec2-fleet-error';
import { toFleetView, toInstanceView, toOverrideRequest } from './ec2-fleet-mapping';

/**
 * EC2 answers "too many filter values" (FilterLimitExceeded) past an undocumented cap, observed at 200 values;
 * batches stay at that size.
 */
const FILTER_VALUES_PER_CALL = 200;

/** How DescribeFleets says a fleet id does not exist (the API reference lists no code; these are what EC2 sends). */
const FLEET_NOT_FOUND_CODES = new Set(['InvalidFleetId.NotFound', 'InvalidFleetId.Malformed']);

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** `i-1, i-2` or, for long lists, `i-1, i-2, i-3, i-4, i-5 and 12 more`: error messages stay readable. */
const listed = (ids: string[]): string =>
  ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;

/**
 * The FleetPort on the EC2 API.
 *
 * @example
 * const fleet = new Ec2FleetAdapter({ ec2: new EC2Client({}) });
 * const view = await fleet.describeFleet('fleet-12a34b55-67cd-8ef9-ba9b-9208dEXAMPLE');
 */
export class Ec2FleetAdapter implements FleetPort {
  private readonly ec2: EC2Client;
  /** Subnet -> AZ never changes for a subnet's life, so one lookup per adapter (per Lambda container) is enough. */
  private readonly subnetZones = new Map<string, string>();

  constructor({ ec2 }: { ec2: EC2Client }) {
    this.ec2 = ec2;
  }

  /**
   * Describes by the `instance-id` filter rather than `InstanceIds`: with `InstanceIds`, one unknown or malformed
   * id (an instance long gone, one not yet propagated) fails the whole call with InvalidInstanceID.NotFound /
   * .Malformed, and recovering means parsing ids out of the error message. A filter simply matches nothing for
   * such ids, in one round trip, and also allows MaxResults pagination (which `InstanceIds` forbids).
   */
  async describeInstances(instanceIds: string[]): Promise<InstanceView[]> {
    const unique = [...new Set(instanceIds)];
    const views: InstanceView[] = [];
    try {
      for (const batch of chunks(unique, FILTER_VALUES_PER_CALL)) {
        let nextToken: string | undefined;
        do {
          const input: DescribeInstancesCommandInput = {
            Filters: [{ Name: 'instance-id', Values: batch }],
            MaxResults: 1000,
            ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
          };
          const page = await this.ec2.send(new DescribeInstancesCommand(input));
          for (const reservation of page.Reservations ?? []) {
            for (const instance of reservation.Instances ?? []) views.push(toInstanceView(instance));
          }
          nextToken = page.NextToken;
        } while (nextToken);
      }
    } catch (e) {
      throw toFleetApiError(`describing instances ${listed(unique)}`, e);
    }
    return views;
  }

  /** An unknown fleet id makes DescribeFleets fail with InvalidFleetId.NotFound; an empty `Fleets` is read the same. */
  async describeFleet(fleetId: string): Promise<FleetView | undefined> {
    const doing = `describing fleet ${fleetId}`;
    const data = await this.fleetData(fleetId, doing);
    if (data === undefined) return undefined;
    const view = toFleetView(data);
    try {
      return { ...view, overrides: await this.withZones(view.overrides) };
    } catch (e) {
      throw toFleetApiError(doing, e);
    }
  }

  /**
   * ModifyFleet works on `maintain` fleets only; while EC2 applies the change the fleet is in the `modifying`
   * state. Replacing overrides needs the fleet's launch template spec, so that path describes the fleet first.
   */
  async modifyFleet(request: ModifyFleetRequest): Promise<void> {
    const doing = `modifying fleet ${request.fleetId}`;
    const input: ModifyFleetCommandInput = {
      FleetId: request.fleetId,
      TargetCapacitySpecification: {
        TotalTargetCapacity: request.totalTargetCapacity,
        ...(request.onDemandTargetCapacity !== undefined ? { OnDemandTargetCapacity: request.onDemandTargetCapacity } : {}),
      },
      ...(request.excessCapacityTerminationPolicy !== undefined ? { ExcessCapacityTerminationPolicy: request.excessCapacityTerminationPolicy } : {}),
    };
    if (request.overrides !== undefined) input.LaunchTemplateConfigs = await this.configsWith(request, doing);
    try {
      await this.ec2.send(new ModifyFleetCommand(input));
    } catch (e) {
      throw toFleetApiError(doing, e);
    }
  }

  async createTags(instanceId: string, tags: Record<string, string>): Promise<void> {
    const entries = Object.entries(tags);
    if (entries.length === 0) return;
    try {
      await this.ec2.send(
        new CreateTagsCommand({ Resources: [instanceId], Tags: entries.map(([Key, Value]) => ({ Key, Value })) }),
      );
    } catch (e) {
      throw toFleetApiError(`tagging instance ${instanceId}`, e);
    }
  }

  /** Never sends an empty key list: DeleteTags without `Tags` deletes every user tag of the instance. */
  async deleteTags(instanceId: string, tagKeys: string[]): Promise<void> {
    if (tagKeys.length === 0) return;
    try {
      await this.ec2.send(new DeleteTagsCommand({ Resources: [instanceId], Tags: tagKeys.map((Key) => ({ Key })) }));
    } catch (e) {
      throw toFleetApiError(`untagging instance ${instanceId}`, e);
    }
  }

  private async fleetData(fleetId: string, doing: string): Promise<FleetData | undefined> {
    try {
      const page = await this.ec2.send(new DescribeFleetsCommand({ FleetIds: [fleetId] }));
      return page.Fleets?.find((f) => f.FleetId === fleetId);
    } catch (e) {
      if (FLEET_NOT_FOUND_CODES.has(ec2ErrorCode(e) ?? '')) return undefined;
      throw toFleetApiError(doing, e);
    }
  }

  private async configsWith(request: ModifyFleetRequest, doing: string): Promise<ModifyFleetCommandInput['LaunchTemplateConfigs']> {
    const data = await this.fleetData(request.fleetId, doing);
    if (data === undefined) {
      throw new FleetApiError(`${doing}: the fleet does not exist`, 'InvalidFleetId.NotFound', false);
    }
    const configs = data.LaunchTemplateConfigs ?? [];
    const spec = configs[0]?.LaunchTemplateSpecification;
    // Sending one config would silently drop the others: refuse rather than rewrite a fleet we do not understand.
    if (configs.length !== 1 || spec === undefined) {
      throw new FleetApiError(
        `${doing}: it has ${configs.length} launch template configs; only a single-config fleet can have its overrides replaced`,
        'UnsupportedFleetConfiguration',
        false,
      );
    }
    return [{ LaunchTemplateSpecification: spec, Overrides: (request.overrides ?? []).map(toOverrideRequest) }];
  }

  /** Resolves the AZ of subnet-only overrides, with one DescribeSubnets for all the subnets not cached yet. */
  private async withZones(overrides: FleetOverride[]): Promise<FleetOverride[]> {
    const missing = [
      ...new Set(
        overrides
          .filter((o) => o.availabilityZone === undefined && o.subnetId !== undefined)
          .map((o) => o.subnetId as string)
          .filter((id) => !this.subnetZones.has(id)),
      ),
    ];
    for (const batch of chunks(missing, FILTER_VALUES_PER_CALL)) {
      let nextToken: string | undefined;
      do {
        // The `subnet-id` filter, like `instance-id`, matches nothing for a deleted subnet instead of failing.
        const input: DescribeSubnetsCommandInput = {
          Filters: [{ Name: 'subnet-id', Values: batch }],
          ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
        };
        const page = await this.ec2.send(new DescribeSubnetsCommand(input));
        for (const s of page.Subnets ?? []) {
          if (s.SubnetId !== undefined && s.AvailabilityZone !== undefined) this.subnetZones.set(s.SubnetId, s.AvailabilityZone);
        }
        nextToken = page.NextToken;
      } while (nextToken);
    }
    return overrides.map((o) => {
      const zone = o.subnetId !== undefined ? this.subnetZones.get(o.subnetId) : undefined;
      return o.availabilityZone === undefined && zone !== undefined ? { ...o, availabilityZone: zone } : o;
    });
  }
}
