/** Part of the FleetPort contract: a fleet's instances, terminating one, and both parts of a target (the rebalancer's calls). */
import { describe, expect, it } from 'vitest';
import { FleetApiError, type FleetPort } from '../../layers/ports/fleet-port';
import { CLI_EXAMPLE_FLEET_ID, GPU_FLEET_ID, MISSING_FLEET_ID, MISSING_INSTANCE_ID, onDemandView, SPOT_INSTANCE_ID, spotView } from './fleet-world';
import type { InstanceView } from '../../layers/core/observed';

const byId = (views: InstanceView[]): InstanceView[] => [...views].sort((a, b) => a.instanceId.localeCompare(b.instanceId));

const rejection = async (promise: Promise<unknown>): Promise<FleetApiError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FleetApiError);
  return error as FleetApiError;
};

/** Runs inside describeFleetContract, on the port its beforeEach made. */
export const describeFleetInstancesContract = (port: () => FleetPort): void => {
  describe('modifyFleet market split', () => {
    it('sets both parts of the target when both are given, whatever the default capacity type', async () => {
      // Act
      await port().modifyFleet({ fleetId: GPU_FLEET_ID, totalTargetCapacity: 46, onDemandTargetCapacity: 10, spotTargetCapacity: 36 });

      // Assess
      const view = await port().describeFleet(GPU_FLEET_ID);
      expect(view).toMatchObject({ totalTargetCapacity: 46, onDemandTargetCapacity: 10, spotTargetCapacity: 36 });
    });
  });

  describe('listFleetInstances', () => {
    it("lists the fleet's live instances, described", async () => {
      // Act
      const views = await port().listFleetInstances(GPU_FLEET_ID);

      // Assess
      expect(byId(views)).toEqual(byId([spotView, onDemandView]));
    });

    it('answers an empty list for a fleet with no instances it knows, and for a fleet that does not exist', async () => {
      // Act
      const cli = await port().listFleetInstances(CLI_EXAMPLE_FLEET_ID);
      const missing = await port().listFleetInstances(MISSING_FLEET_ID);

      // Assess
      expect(cli).toEqual([]);
      expect(missing).toEqual([]);
    });
  });

  describe('terminateInstance', () => {
    it('takes the instance out of its fleet, and succeeds again on an instance already going', async () => {
      // Act
      await port().terminateInstance(SPOT_INSTANCE_ID);
      await port().terminateInstance(SPOT_INSTANCE_ID);

      // Assess
      const [view] = await port().describeInstances([SPOT_INSTANCE_ID]);
      expect(['shutting-down', 'terminated']).toContain(view?.state);
      expect(await port().listFleetInstances(GPU_FLEET_ID)).toEqual([onDemandView]);
    });

    it('rejects an unknown instance with InvalidInstanceID.NotFound, not retryable', async () => {
      // Act
      const error = await rejection(port().terminateInstance(MISSING_INSTANCE_ID));

      // Assess
      expect(error).toMatchObject({ code: 'InvalidInstanceID.NotFound', retryable: false });
      expect(error.message.startsWith(`terminating instance ${MISSING_INSTANCE_ID}: `)).toBe(true);
    });
  });
};
