/** FleetPort on EC2 (AWS SDK v3): DescribeFleets, DescribeSubnets, ModifyFleet, Create/DeleteTags; instances in ec2-fleet-instances. */
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeFleetsCommand,
  DescribeSubnetsCommand,
  ModifyFleetCommand,
  type DescribeSubnetsCommandInput,
  type EC2Client,
  type FleetData,
  type ModifyFleetCommandInput,
} from '@aws-sdk/client-ec2';
import type { FleetOverride, FleetView, InstanceView } from '../../core/observed';
import { FleetApiError, type FleetPort, type ModifyFleetRequest } from '../../ports/fleet-port';
import { ec2ErrorCode, toFleetApiError } from './ec2-fleet-error';
import { activeFleetInstanceIds, chunks, describeInstanceViews, FILTER_VALUES_PER_CALL, FLEET_NOT_FOUND_CODES, terminateOneInstance } from './ec2-fleet-instances';
import { toFleetView, toOverrideRequest } from './ec2-fleet-mapping';

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

  /** See {@link describeInstanceViews}: by the `instance-id` filter, so unknown ids are left out. */
  async describeInstances(instanceIds: string[]): Promise<InstanceView[]> {
    return describeInstanceViews(this.ec2, instanceIds);
  }

  /** DescribeFleetInstances (every page), then DescribeInstances for what the domain needs; [] for an unknown fleet. */
  async listFleetInstances(fleetId: string): Promise<InstanceView[]> {
    const ids = await activeFleetInstanceIds(this.ec2, fleetId);
    const views = await describeInstanceViews(this.ec2, ids);
    // The fleet's list lags: an instance terminated since is described as such and left out.
    return views.filter((v) => v.state === 'pending' || v.state === 'running');
  }

  async terminateInstance(instanceId: string): Promise<void> {
    await terminateOneInstance(this.ec2, instanceId);
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
        ...(request.spotTargetCapacity !== undefined ? { SpotTargetCapacity: request.spotTargetCapacity } : {}),
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
