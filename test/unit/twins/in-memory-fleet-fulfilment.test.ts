/** What the EC2 Fleet twin does on its own, like a maintain fleet: launch to target, replace, trim the excess. */
import { describe, expect, it } from 'vitest';
import { FLEET, T0, fleetSeed, live, twinWith } from './in-memory-fleet-setup';

describe('InMemoryFleet.fulfil', () => {
  it('launches the cheapest pool per capacity unit of each market until the targets are met, with deterministic ids', async () => {
    // Prepare
    const twin = twinWith();

    // Act
    twin.fulfil(T0);

    // Assess
    expect(live(twin)).toEqual([
      'i-00000000000000001 g6.xlarge:us-east-1b:on-demand',
      'i-00000000000000002 g5.2xlarge:us-east-1c:spot',
      'i-00000000000000003 g5.2xlarge:us-east-1c:spot',
    ]);
    expect(await twin.describeFleet(FLEET)).toMatchObject({ fulfilledCapacity: 44, fulfilledOnDemandCapacity: 12 });
    expect(twin.instancesOf(FLEET)[0]).toMatchObject({ launchTimeMs: T0, tags: { 'aws:ec2:fleet-id': FLEET } });
  });

  it('follows override priority under the prioritized strategy', () => {
    // Prepare
    const twin = twinWith({ fleets: [fleetSeed({ allocationStrategy: 'prioritized', onDemandTargetCapacity: 0, totalTargetCapacity: 20 })] });

    // Act
    twin.fulfil(T0);

    // Assess
    expect(live(twin)).toEqual(['i-00000000000000001 g6.xlarge:us-east-1b:spot', 'i-00000000000000002 g6.xlarge:us-east-1b:spot']);
  });

  it('skips a pool without capacity and a Spot pool priced above its max price', () => {
    // Prepare
    const overrides = fleetSeed().overrides.map((o, i) => (i === 0 ? { ...o, maxPrice: '0.40' } : o));
    const twin = twinWith({ fleets: [fleetSeed({ onDemandTargetCapacity: 0, totalTargetCapacity: 10, overrides })] });
    twin.setPoolAvailable('g5.2xlarge:us-east-1c:spot', false);

    // Act
    twin.fulfil(T0);

    // Assess
    expect(live(twin)).toEqual(['i-00000000000000001 g6.xlarge:us-east-1b:spot']);
  });

  it('replaces an interrupted Spot instance on the next pass, as a maintain fleet does', async () => {
    // Prepare
    const twin = twinWith();
    twin.fulfil(T0);
    twin.terminate('i-00000000000000002');
    const afterInterruption = await twin.describeFleet(FLEET);

    // Act
    twin.fulfil(T0 + 60_000);

    // Assess
    expect(afterInterruption?.fulfilledCapacity).toBe(28);
    expect(live(twin)).toContain('i-00000000000000004 g5.2xlarge:us-east-1c:spot');
    expect(await twin.describeFleet(FLEET)).toMatchObject({ fulfilledCapacity: 44 });
  });

  it('keeps launched instances pending for pendingMs, counting them as fulfilled meanwhile', async () => {
    // Prepare
    const twin = twinWith({ pendingMs: 90_000 });

    // Act
    twin.fulfil(T0);
    twin.fulfil(T0 + 30_000);
    const early = twin.instancesOf(FLEET).map((i) => i.state);
    twin.fulfil(T0 + 90_000);

    // Assess
    expect(early).toEqual(['pending', 'pending', 'pending']);
    expect(twin.instancesOf(FLEET).map((i) => i.state)).toEqual(['running', 'running', 'running']);
  });

  it('terminates the excess, worst price per unit first, under the termination policy only', async () => {
    // Prepare
    const spot = (instanceId: string, instanceType: string, availabilityZone: string) =>
      ({ instanceId, instanceType, availabilityZone, market: 'spot' as const, fleetId: FLEET });
    const instances = [
      spot('i-0aaaaaaaaaaaaaaa1', 'g6.xlarge', 'us-east-1b'),
      spot('i-0aaaaaaaaaaaaaaa2', 'g5.xlarge', 'us-east-1a'),
      spot('i-0aaaaaaaaaaaaaaa3', 'g5.xlarge', 'us-east-1a'),
    ];
    const keeping = twinWith({ fleets: [fleetSeed({ onDemandTargetCapacity: 0 })], instances });
    const trimming = twinWith({ fleets: [fleetSeed({ onDemandTargetCapacity: 0 })], instances });
    await keeping.modifyFleet({ fleetId: FLEET, totalTargetCapacity: 20, excessCapacityTerminationPolicy: 'no-termination' });
    await trimming.modifyFleet({ fleetId: FLEET, totalTargetCapacity: 20, excessCapacityTerminationPolicy: 'termination' });

    // Act
    keeping.fulfil(T0);
    trimming.fulfil(T0);

    // Assess
    expect(live(keeping)).toHaveLength(3);
    expect(live(trimming)).toEqual(['i-0aaaaaaaaaaaaaaa2 g5.xlarge:us-east-1a:spot', 'i-0aaaaaaaaaaaaaaa3 g5.xlarge:us-east-1a:spot']);
    expect(await keeping.describeFleet(FLEET)).toMatchObject({ state: 'active', totalTargetCapacity: 20, fulfilledCapacity: 32 });
  });

  it('leaves a request fleet alone', () => {
    // Prepare
    const twin = twinWith({ fleets: [fleetSeed({ type: 'request' })] });

    // Act
    twin.fulfil(T0);

    // Assess
    expect(twin.instancesOf(FLEET)).toEqual([]);
  });
});
