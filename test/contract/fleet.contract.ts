/** Contract of FleetPort: what the autopilot relies on from EC2 instances and fleets, on the twin and on EC2. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { InstanceView } from '../../layers/core/observed';
import { FleetApiError, type FleetPort } from '../../layers/ports/fleet-port';
import { CLI_EXAMPLE_FLEET_ID, GPU_FLEET_ID, MISSING_FLEET_ID, MISSING_INSTANCE_ID, ON_DEMAND_INSTANCE_ID } from './fleet-world';
import { SPOT_INSTANCE_ID, TERMINATED_INSTANCE_ID, gpuFleetView, onDemandView, spotView } from './fleet-world';
import { describeFleetInstancesContract } from './fleet-instances.contract';

export type FleetMethod = keyof FleetPort;
export type InjectedErrorCode = 'RequestLimitExceeded' | 'InternalError' | 'UnauthorizedOperation';

/** One implementation, loaded with the world of fleet-world.ts (fixtures in test/fixtures/ec2). */
export interface FleetContractSubject {
  port: FleetPort;
  /** The next call of `method` fails the way EC2 fails with `code`. */
  failNext(method: FleetMethod, code: InjectedErrorCode): void;
}

const byId = (views: InstanceView[]): InstanceView[] => [...views].sort((a, b) => a.instanceId.localeCompare(b.instanceId));

/** A call of each method that succeeds in the world, and what its error message must start with. */
const calls: Record<FleetMethod, { run: (port: FleetPort) => Promise<unknown>; doing: string }> = {
  describeInstances: { run: (p) => p.describeInstances([SPOT_INSTANCE_ID]), doing: `describing instances ${SPOT_INSTANCE_ID}` },
  describeFleet: { run: (p) => p.describeFleet(GPU_FLEET_ID), doing: `describing fleet ${GPU_FLEET_ID}` },
  modifyFleet: {
    run: (p) => p.modifyFleet({ fleetId: GPU_FLEET_ID, totalTargetCapacity: 46, excessCapacityTerminationPolicy: 'no-termination' }),
    doing: `modifying fleet ${GPU_FLEET_ID}`,
  },
  createTags: { run: (p) => p.createTags(SPOT_INSTANCE_ID, { 'autopilot:draining': 'true' }), doing: `tagging instance ${SPOT_INSTANCE_ID}` },
  deleteTags: { run: (p) => p.deleteTags(SPOT_INSTANCE_ID, ['Name']), doing: `untagging instance ${SPOT_INSTANCE_ID}` },
  listFleetInstances: { run: (p) => p.listFleetInstances(GPU_FLEET_ID), doing: `listing instances of fleet ${GPU_FLEET_ID}` },
  terminateInstance: { run: (p) => p.terminateInstance(SPOT_INSTANCE_ID), doing: `terminating instance ${SPOT_INSTANCE_ID}` },
};

const rejection = async (promise: Promise<unknown>): Promise<FleetApiError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FleetApiError);
  return error as FleetApiError;
};

export const describeFleetContract = (implementation: string, makeSubject: () => FleetContractSubject): void => {
  describe(`FleetPort contract: ${implementation}`, () => {
    let subject: FleetContractSubject;
    beforeEach(() => {
      subject = makeSubject();
    });

    describe('describeInstances', () => {
      it('maps type, AZ, market, state, fleet tag and launch time of the instances it finds', async () => {
        // Act
        const views = await subject.port.describeInstances([SPOT_INSTANCE_ID, ON_DEMAND_INSTANCE_ID]);

        // Assess
        expect(byId(views)).toEqual(byId([spotView, onDemandView]));
      });

      it('leaves unknown and malformed ids out instead of failing', async () => {
        // Act
        const views = await subject.port.describeInstances([MISSING_INSTANCE_ID, SPOT_INSTANCE_ID, 'not-an-instance-id']);

        // Assess
        expect(views).toEqual([spotView]);
      });

      it('still reports a recently terminated instance, without a fleet when it has no fleet tag', async () => {
        // Act
        const [view] = await subject.port.describeInstances([TERMINATED_INSTANCE_ID]);

        // Assess
        expect(view).toMatchObject({ instanceId: TERMINATED_INSTANCE_ID, state: 'terminated', market: 'spot' });
        expect(view?.fleetId).toBeUndefined();
      });

      it('answers an empty list for no ids, and one view for a repeated id', async () => {
        // Act
        const none = await subject.port.describeInstances([]);
        const once = await subject.port.describeInstances([SPOT_INSTANCE_ID, SPOT_INSTANCE_ID]);

        // Assess
        expect(none).toEqual([]);
        expect(once).toEqual([spotView]);
      });
    });

    describe('describeFleet', () => {
      it('maps targets, fulfilment, policy, rebalancing, launch template and overrides, resolving subnet-only AZs', async () => {
        // Act
        const view = await subject.port.describeFleet(GPU_FLEET_ID);

        // Assess
        expect(view).toEqual(gpuFleetView);
      });

      it('maps the AWS CLI example fleet, which has no overrides', async () => {
        // Act
        const view = await subject.port.describeFleet(CLI_EXAMPLE_FLEET_ID);

        // Assess
        expect(view).toMatchObject({ totalTargetCapacity: 2, spotTargetCapacity: 2, fulfilledCapacity: 0, overrides: [] });
        expect(view?.capacityRebalance).toBeUndefined();
      });

      it('answers undefined for a fleet that does not exist', async () => {
        // Act
        const view = await subject.port.describeFleet(MISSING_FLEET_ID);

        // Assess
        expect(view).toBeUndefined();
      });
    });

    describe('modifyFleet', () => {
      it('sets the total target and the termination policy, and leaves the fleet modifying', async () => {
        // Act
        await subject.port.modifyFleet({ fleetId: GPU_FLEET_ID, totalTargetCapacity: 46, excessCapacityTerminationPolicy: 'termination' });

        // Assess
        const view = await subject.port.describeFleet(GPU_FLEET_ID);
        expect(view).toMatchObject({ totalTargetCapacity: 46, excessCapacityTerminationPolicy: 'termination', state: 'modifying' });
        expect(view?.overrides).toEqual(gpuFleetView.overrides);
      });

      it('replaces the overrides when given, a subnet-only override getting its AZ back', async () => {
        // Prepare
        const overrides = [{ instanceType: 'g5.2xlarge', subnetId: 'subnet-9d4a7b6c', weightedCapacity: 16, priority: 0 }];

        // Act
        await subject.port.modifyFleet({ fleetId: GPU_FLEET_ID, totalTargetCapacity: 32, excessCapacityTerminationPolicy: 'no-termination', overrides });

        // Assess
        const view = await subject.port.describeFleet(GPU_FLEET_ID);
        expect(view?.overrides).toEqual([{ ...overrides[0], availabilityZone: 'us-east-1c' }]);
      });

      it('rejects an unknown fleet with InvalidFleetId.NotFound, not retryable', async () => {
        // Act
        const error = await rejection(
          subject.port.modifyFleet({ fleetId: MISSING_FLEET_ID, totalTargetCapacity: 4, excessCapacityTerminationPolicy: 'no-termination' }),
        );

        // Assess
        expect(error).toMatchObject({ code: 'InvalidFleetId.NotFound', retryable: false });
        expect(error.message.startsWith(`modifying fleet ${MISSING_FLEET_ID}: `)).toBe(true);
      });
    });

    describeFleetInstancesContract(() => subject.port);

    describe('createTags and deleteTags', () => {
      it('adds and overwrites tags, then deletes them by key whatever their value', async () => {
        // Act
        await subject.port.createTags(SPOT_INSTANCE_ID, { 'autopilot:draining': 'true', Name: 'bert-large-0-draining' });
        const tagged = await subject.port.describeInstances([SPOT_INSTANCE_ID]);
        await subject.port.deleteTags(SPOT_INSTANCE_ID, ['autopilot:draining']);
        const untagged = await subject.port.describeInstances([SPOT_INSTANCE_ID]);

        // Assess
        expect(tagged[0]?.tags).toEqual({ ...spotView.tags, 'autopilot:draining': 'true', Name: 'bert-large-0-draining' });
        expect(untagged[0]?.tags).toEqual({ ...spotView.tags, Name: 'bert-large-0-draining' });
      });

      it('deletes nothing when given no keys', async () => {
        // Act
        await subject.port.deleteTags(ON_DEMAND_INSTANCE_ID, []);

        // Assess
        const [view] = await subject.port.describeInstances([ON_DEMAND_INSTANCE_ID]);
        expect(view?.tags).toEqual(onDemandView.tags);
      });

      it('rejects tagging an unknown instance with InvalidInstanceID.NotFound, not retryable', async () => {
        // Act
        const error = await rejection(subject.port.createTags(MISSING_INSTANCE_ID, { 'autopilot:draining': 'true' }));

        // Assess
        expect(error).toMatchObject({ code: 'InvalidInstanceID.NotFound', retryable: false });
        expect(error.message.startsWith(`tagging instance ${MISSING_INSTANCE_ID}: `)).toBe(true);
      });
    });

    describe('errors', () => {
      const cases = (Object.keys(calls) as FleetMethod[]).flatMap((method) =>
        (['RequestLimitExceeded', 'InternalError', 'UnauthorizedOperation'] as const).map((code) => ({
          method,
          code,
          retryable: code !== 'UnauthorizedOperation',
        })),
      );

      it.each(cases)('$method fails with $code as a FleetApiError saying what it was doing (retryable: $retryable)', async ({ method, code, retryable }) => {
        // Prepare
        subject.failNext(method, code);
        const call = calls[method];

        // Act
        const error = await rejection(call.run(subject.port));

        // Assess
        expect(error).toMatchObject({ code, retryable });
        expect(error.message.startsWith(`${call.doing}: `)).toBe(true);
        await expect(call.run(subject.port)).resolves.not.toThrow();
      });
    });
  });
};
