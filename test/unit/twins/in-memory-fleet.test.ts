/** Behaviour of the EC2 Fleet twin beyond the contract: ModifyFleet rules, reserved tags, failures, calls, reset. */
import { describe, expect, it } from 'vitest';
import { FleetApiError } from '../../../layers/ports/fleet-port';
import { FLEET, T0, fleetSeed, twinWith } from './in-memory-fleet-setup';

describe('InMemoryFleet', () => {
  describe('modifyFleet', () => {
    const request = { fleetId: FLEET, totalTargetCapacity: 60, excessCapacityTerminationPolicy: 'no-termination' as const };

    it('keeps the on-demand target and gives the rest to Spot, the default capacity type', async () => {
      // Prepare
      const twin = twinWith();

      // Act
      await twin.modifyFleet(request);

      // Assess
      expect(await twin.describeFleet(FLEET)).toMatchObject({ totalTargetCapacity: 60, onDemandTargetCapacity: 10, spotTargetCapacity: 50 });
    });

    it('rejects a fleet that is not of type maintain, for good', async () => {
      // Prepare
      const twin = twinWith({ fleets: [fleetSeed({ type: 'request' })] });

      // Act
      const error = await twin.modifyFleet(request).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(FleetApiError);
      expect(error).toMatchObject({ code: 'FleetNotInModifiableState', retryable: false });
    });

    it('rejects a second change while the first is still being applied, then accepts it after a fulfilment pass', async () => {
      // Prepare
      const twin = twinWith();
      await twin.modifyFleet(request);

      // Act
      const error = await twin.modifyFleet({ ...request, totalTargetCapacity: 70 }).catch((e: unknown) => e);
      twin.fulfil(T0);
      await twin.modifyFleet({ ...request, totalTargetCapacity: 70 });

      // Assess
      expect(error).toMatchObject({ code: 'IncorrectFleetState', retryable: true });
      expect(await twin.describeFleet(FLEET)).toMatchObject({ totalTargetCapacity: 70, state: 'modifying' });
    });

    it('rejects a negative or fractional target as InvalidParameterValue', async () => {
      // Prepare
      const twin = twinWith();

      // Act
      const errors = await Promise.all([-1, 2.5].map((t) => twin.modifyFleet({ ...request, totalTargetCapacity: t }).catch((e: unknown) => e)));

      // Assess
      expect(errors).toMatchObject([{ code: 'InvalidParameterValue' }, { code: 'InvalidParameterValue' }]);
    });
  });

  describe('tags, failures, calls and reset', () => {
    const seeded = { instances: [{ instanceId: 'i-0bbbbbbbbbbbbbbb1', instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', fleetId: FLEET }] };

    it('refuses tag keys reserved for AWS', async () => {
      // Prepare
      const twin = twinWith(seeded);

      // Act
      const error = await twin.createTags('i-0bbbbbbbbbbbbbbb1', { 'aws:ec2:fleet-id': 'fleet-other' }).catch((e: unknown) => e);

      // Assess
      expect(error).toMatchObject({ code: 'InvalidParameterValue', retryable: false });
      expect((await twin.describeInstances(['i-0bbbbbbbbbbbbbbb1']))[0]?.fleetId).toBe(FLEET);
    });

    it('fails queued calls in order, once each', async () => {
      // Prepare
      const twin = twinWith();
      twin.failNext('describeFleet', new FleetApiError('Request limit exceeded.', 'RequestLimitExceeded', true));
      twin.failNext('describeFleet', new FleetApiError('An internal error has occurred.', 'InternalError', true));

      // Act
      const outcomes = await Promise.all([1, 2, 3].map(() => twin.describeFleet(FLEET).then(() => 'ok', (e: FleetApiError) => e.code)));

      // Assess
      expect(outcomes).toEqual(['RequestLimitExceeded', 'InternalError', 'ok']);
    });

    it('logs every call, failed or not, and reset brings back the seeded world', async () => {
      // Prepare
      const twin = twinWith(seeded);
      twin.failNext('createTags', new FleetApiError('Request limit exceeded.', 'RequestLimitExceeded', true));
      await twin.createTags('i-0bbbbbbbbbbbbbbb1', { a: '1' }).catch(() => undefined);
      await twin.modifyFleet({ fleetId: FLEET, totalTargetCapacity: 12, excessCapacityTerminationPolicy: 'termination' });
      twin.fulfil(T0);
      const logged = twin.calls;

      // Act
      twin.reset();

      // Assess
      expect(logged.map((c) => c.method)).toEqual(['createTags', 'modifyFleet']);
      expect(twin.calls).toEqual([]);
      expect(twin.instancesOf(FLEET).map((i) => i.instanceId)).toEqual(['i-0bbbbbbbbbbbbbbb1']);
      expect(await twin.describeFleet(FLEET)).toMatchObject({ totalTargetCapacity: 40, state: 'active' });
    });
  });
});
