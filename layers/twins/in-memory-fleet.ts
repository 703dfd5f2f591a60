/** In-memory twin of EC2 Fleet: stateful maintain fleets and their instances, failure injection, call log. */
import type { FleetView, InstanceView } from '../core/observed';
import { FleetApiError, type FleetPort, type ModifyFleetRequest } from '../ports/fleet-port';
import type { FleetCall, FleetMethod, InMemoryFleetOptions } from './in-memory-fleet-options';
import { fulfilFleet, promotePending } from './in-memory-fleet-fulfilment';
import { fleetRecordOf, fleetViewOf, instanceRecordOf, instanceViewOf, isLive, splitTarget } from './in-memory-fleet-state';
import type { FleetRecord, InstanceRecord } from './in-memory-fleet-state';

export type { AllocationStrategy, FleetSeed, InstanceSeed } from './in-memory-fleet-state';

export type { FleetCall, FleetMethod, InMemoryFleetOptions } from './in-memory-fleet-options';

const clone = <T>(value: T): T => structuredClone(value);

/**
 * A stateful model of EC2 `maintain` fleets. `modifyFleet` behaves like ModifyFleet (maintain fleets only, the
 * fleet goes `modifying` until the next `fulfil`); `fulfil(nowMs)` is what EC2 does in the background.
 *
 * @example
 * const ec2 = new InMemoryFleet({ fleets: [{ fleetId: 'fleet-1', totalTargetCapacity: 20, overrides }] });
 * ec2.fulfil(0);                       // launches up to 20 units
 * ec2.terminate('i-00000000000000001'); // a Spot interruption
 * ec2.fulfil(60_000);                  // the maintain fleet replaces it
 */
export class InMemoryFleet implements FleetPort {
  private fleets = new Map<string, FleetRecord>();
  private instances = new Map<string, InstanceRecord>();
  private readonly subnets: ReadonlyMap<string, string>;
  private readonly unavailablePools = new Set<string>();
  private failures = new Map<FleetMethod, FleetApiError[]>();
  private log: FleetCall[] = [];
  private launched = 0;
  private changes = 0;
  private readonly modifiedAtMs = new Map<string, number>();

  constructor(private readonly options: InMemoryFleetOptions = {}) {
    this.subnets = new Map(Object.entries(options.subnets ?? {}));
    this.reset();
  }

  /** Every call received so far (copies). */
  get calls(): readonly FleetCall[] {
    return clone(this.log);
  }

  /** Back to the seeded fleets and instances, with no failures queued, no calls logged, no pool blocked. */
  reset(): void {
    this.fleets = new Map((this.options.fleets ?? []).map((s) => [s.fleetId, fleetRecordOf(s)]));
    this.instances = new Map(
      (this.options.instances ?? []).map((s) => [
        s.instanceId,
        instanceRecordOf(s, s.fleetId !== undefined ? this.fleets.get(s.fleetId) : undefined, this.subnets),
      ]),
    );
    this.failures = new Map();
    this.log = [];
    this.launched = 0;
    this.unavailablePools.clear();
  }

  /** The next call of `method` fails with `error` (queued: several calls fail in order). */
  failNext(method: FleetMethod, error: FleetApiError): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** Makes a pool (`g5.xlarge:us-east-1a:spot`) launch nothing, like EC2 short of capacity there. */
  setPoolAvailable(poolKey: string, available: boolean): void {
    if (available) this.unavailablePools.delete(poolKey);
    else this.unavailablePools.add(poolKey);
  }

  /** The instances of a fleet, in any state. */
  instancesOf(fleetId: string): InstanceView[] {
    return [...this.instances.values()].filter((i) => i.fleetId === fleetId).map(instanceViewOf);
  }

  async describeInstances(instanceIds: string[]): Promise<InstanceView[]> {
    this.record({ method: 'describeInstances', instanceIds: [...instanceIds] }, `describing instances ${instanceIds.join(', ')}`);
    return [...new Set(instanceIds)].flatMap((id) => {
      const record = this.instances.get(id);
      return record === undefined ? [] : [instanceViewOf(record)];
    });
  }

  async describeFleet(fleetId: string): Promise<FleetView | undefined> {
    this.settleModifications();
    this.record({ method: 'describeFleet', fleetId }, `describing fleet ${fleetId}`);
    const fleet = this.fleets.get(fleetId);
    return fleet === undefined ? undefined : fleetViewOf(fleet, this.instances.values(), this.subnets);
  }

  async modifyFleet(request: ModifyFleetRequest): Promise<void> {
    const doing = `modifying fleet ${request.fleetId}`;
    this.record({ method: 'modifyFleet', request: clone(request) }, doing);
    const fleet = this.fleets.get(request.fleetId);
    if (fleet === undefined) {
      throw new FleetApiError(`${doing}: The fleet ID '${request.fleetId}' does not exist`, 'InvalidFleetId.NotFound', false);
    }
    if (fleet.type !== 'maintain') {
      const message = `${doing}: Fleet ${fleet.fleetId} is of type ${fleet.type}; only maintain fleets can be modified`;
      throw new FleetApiError(message, 'FleetNotInModifiableState', false);
    }
    this.settleModifications();
    if (fleet.state !== 'active') {
      throw new FleetApiError(`${doing}: the fleet is ${fleet.state}, not active`, 'IncorrectFleetState', true);
    }
    if (!Number.isInteger(request.totalTargetCapacity) || request.totalTargetCapacity < 0) {
      const message = `${doing}: TotalTargetCapacity must be a whole number >= 0, got ${request.totalTargetCapacity}`;
      throw new FleetApiError(message, 'InvalidParameterValue', false);
    }
    if (request.onDemandTargetCapacity !== undefined) fleet.onDemandTargetCapacity = request.onDemandTargetCapacity;
    if (request.spotTargetCapacity !== undefined) fleet.spotTargetCapacity = request.spotTargetCapacity;
    const split = splitTarget(request.totalTargetCapacity, fleet);
    fleet.totalTargetCapacity = request.totalTargetCapacity;
    fleet.onDemandTargetCapacity = split.onDemand;
    fleet.spotTargetCapacity = split.spot;
    if (request.excessCapacityTerminationPolicy !== undefined) fleet.excessCapacityTerminationPolicy = request.excessCapacityTerminationPolicy;
    if (request.overrides !== undefined) fleet.overrides = clone(request.overrides);
    fleet.state = 'modifying';
    this.modifiedAtMs.set(fleet.fleetId, this.options.modifying?.clock.nowMs() ?? 0);
    this.changes += 1;
  }

  async createTags(instanceId: string, tags: Record<string, string>): Promise<void> {
    const doing = `tagging instance ${instanceId}`;
    this.record({ method: 'createTags', instanceId, tags: { ...tags } }, doing);
    const instance = this.instanceOrThrow(instanceId, doing);
    const reserved = Object.keys(tags).find((k) => k.toLowerCase().startsWith('aws:'));
    if (reserved !== undefined) {
      throw new FleetApiError(`${doing}: Tag keys starting with 'aws:' are reserved for internal use (${reserved})`, 'InvalidParameterValue', false);
    }
    Object.assign(instance.tags, tags);
    this.changes += 1;
  }

  async deleteTags(instanceId: string, tagKeys: string[]): Promise<void> {
    const doing = `untagging instance ${instanceId}`;
    this.record({ method: 'deleteTags', instanceId, tagKeys: [...tagKeys] }, doing);
    const instance = this.instanceOrThrow(instanceId, doing);
    for (const key of tagKeys) if (!key.startsWith('aws:')) delete instance.tags[key];
    this.changes += 1;
  }

  /** Like DescribeFleetInstances: the fleet's pending and running instances (none for an unknown fleet). */
  async listFleetInstances(fleetId: string): Promise<InstanceView[]> {
    this.record({ method: 'listFleetInstances', fleetId }, `listing instances of fleet ${fleetId}`);
    return [...this.instances.values()].filter((i) => i.fleetId === fleetId && isLive(i)).map(instanceViewOf);
  }

  /** Like TerminateInstances: the instance goes `terminated` at once; one already gone stays so (idempotent). */
  async terminateInstance(instanceId: string): Promise<void> {
    const doing = `terminating instance ${instanceId}`;
    this.record({ method: 'terminateInstance', instanceId }, doing);
    const instance = this.instanceOrThrow(instanceId, doing);
    if (instance.state === 'terminated') return;
    instance.state = 'terminated';
    const nowMs = this.options.modifying?.clock.nowMs();
    if (nowMs !== undefined) instance.terminatedAtMs = nowMs;
    this.changes += 1;
  }

  /**
   * What EC2 does between two of our calls: pending instances start running, and every maintain fleet launches
   * up to its target (replacing interrupted Spot instances) or terminates its excess (`termination` policy).
   */
  fulfil(nowMs: number): void {
    const world = {
      instances: this.instances,
      subnets: this.subnets,
      priceUsdPerHour: this.options.priceUsdPerHour ?? (() => undefined),
      unavailablePools: this.unavailablePools,
      nextInstanceId: () => this.nextInstanceId(),
      nowMs,
      pendingMs: this.options.pendingMs ?? 0,
    };
    promotePending(world);
    for (const fleet of this.fleets.values()) fulfilFleet(fleet, world);
    this.changes += 1;
  }

  /** The instance goes `terminated` (a Spot interruption, a retirement); its fleet replaces it on the next fulfil. */
  terminate(instanceId: string, nowMs?: number): void {
    const instance = this.instanceOrThrow(instanceId, `terminating instance ${instanceId}`);
    instance.state = 'terminated';
    if (nowMs !== undefined) instance.terminatedAtMs = nowMs;
    this.changes += 1;
  }

  /**
   * Counts every change to fleets, instances or tags, so a caller that mirrors the twin (the simulator)
   * re-reads it only when something changed.
   */
  get revision(): number {
    return this.changes;
  }

  /** A fleet's target and its on-demand part, without building a view (the simulator reads it every step). */
  peekTarget(fleetId: string): { total: number; onDemand: number } {
    const fleet = this.fleets.get(fleetId);
    return { total: fleet?.totalTargetCapacity ?? 0, onDemand: fleet?.onDemandTargetCapacity ?? 0 };
  }

  /** Every instance record, without copying: for readers on a hot path, who must not change them. */
  forEachInstance(visit: (instance: Readonly<InstanceRecord>) => void): void {
    for (const instance of this.instances.values()) visit(instance);
  }

  /** Fleets whose modification has had its time become `active` (only with the `modifying` option). */
  private settleModifications(): void {
    const modifying = this.options.modifying;
    if (!modifying) return;
    for (const fleet of this.fleets.values()) {
      const at = this.modifiedAtMs.get(fleet.fleetId);
      if (fleet.state === 'modifying' && at !== undefined && modifying.clock.nowMs() >= at + modifying.durationMs) fleet.state = 'active';
    }
  }

  private record(call: FleetCall, doing: string): void {
    this.log.push(call);
    const queued = this.failures.get(call.method);
    const error = queued?.shift();
    if (error !== undefined) throw new FleetApiError(`${doing}: ${error.message}`, error.code, error.retryable, { cause: error });
  }

  private instanceOrThrow(instanceId: string, doing: string): InstanceRecord {
    const instance = this.instances.get(instanceId);
    if (instance === undefined) {
      throw new FleetApiError(`${doing}: The instance ID '${instanceId}' does not exist`, 'InvalidInstanceID.NotFound', false);
    }
    return instance;
  }

  /** Deterministic ids in EC2's 17-hex-digit form, skipping any a seed already uses. */
  private nextInstanceId(): string {
    let id: string;
    do id = `i-${(++this.launched).toString(16).padStart(17, '0')}`;
    while (this.instances.has(id));
    return id;
  }
}
