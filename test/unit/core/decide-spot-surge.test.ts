import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { ModifyFleetCapacityAction } from '../../../layers/core/plan';
import type { SpotContext } from '../../../layers/core/spot-context';
import { actionOf, aContext, aFleet, aFleetView, anInstance, anOverride, aWarning, T0_MS } from '../../helpers/spot-factories';

const surgeFor = (ctx: SpotContext): ModifyFleetCapacityAction | undefined =>
  actionOf(decideSpot(aWarning(), ctx).actions, 'modify-fleet-capacity');

const IN_1A = 'g5.xlarge:us-east-1a:spot';

describe('decideSpot surge choice', () => {
  it('does not surge a fleet that is not of type maintain, and still drains', () => {
    // Act
    const decision = decideSpot(aWarning(), aContext({ fleetView: aFleetView({ type: 'request' }) }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(decision.reasons[0]).toContain('only maintain fleets can be modified');
  });

  it('does not surge a fleet that DescribeFleets no longer knows, and still drains', () => {
    // Act
    const decision = decideSpot(aWarning(), aContext({ fleetView: undefined }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(decision.reasons[0]).toContain('not found by DescribeFleets');
    expect(decision.incident?.fleetUnitsAtOpen).toBe(0);
  });

  it('does not surge a fleet already at its maximum capacity', () => {
    // Act
    const decision = decideSpot(aWarning(), aContext({ fleetView: aFleetView({ totalTargetCapacity: 4000, fulfilledCapacity: 4000 }), demand: { arrivalQps: 3800, backlog: 0 } }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(decision.reasons[0]).toContain('at its maximum of 4000 units: no surge');
  });

  it('surges only up to the fleet maximum when the full units do not fit', () => {
    // Act
    const surge = surgeFor(aContext({ fleetView: aFleetView({ totalTargetCapacity: 3800, fulfilledCapacity: 3800 }), demand: { arrivalQps: 3600, backlog: 0 } }));

    // Assess
    expect(surge).toMatchObject({ fromTotal: 3800, toTotal: 4000 });
  });

  it('surges from the current target, not from what is fulfilled', () => {
    // Act: another replacement is still launching
    const surge = surgeFor(aContext({ fleetView: aFleetView({ totalTargetCapacity: 2400, fulfilledCapacity: 2000 }) }));

    // Assess
    expect(surge).toMatchObject({ fromTotal: 2400, toTotal: 2800 });
  });

  it('does not surge when the remaining capacity serves the demand within the SLO', () => {
    // Act: 900 req/s on the 1600 units left
    const decision = decideSpot(aWarning(), aContext({ demand: { arrivalQps: 900, backlog: 0 } }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(decision.reasons[0]).toMatch(/^no surge needed: 900 req\/s on 1600 QPS left/);
  });

  it('surges when the arrival rate is unknown under the default policy', () => {
    // Act
    const surge = surgeFor(aContext({ demand: { arrivalQps: undefined, backlog: 0 } }));

    // Assess
    expect(surge).toMatchObject({ fromTotal: 2000, toTotal: 2400 });
    expect(surge?.reason).toContain('arrival rate unknown');
  });

  it('does not surge on an unknown arrival rate when the policy says not to', () => {
    // Prepare
    const ctx = aContext({ demand: { arrivalQps: undefined, backlog: 0 } });
    ctx.policy.surgeWhenDemandUnknown = false;

    // Act / Assess
    expect(surgeFor(ctx)).toBeUndefined();
  });

  it('does not surge for an instance type the fleet gives no capacity units', () => {
    // Prepare
    const ctx = aContext({ instance: anInstance({ instanceType: 'p4d.24xlarge' }) });

    // Act
    const decision = decideSpot(aWarning(), ctx);

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(decision.reasons[0]).toContain('has no capacity units');
  });

  it("takes the units from the fleet override's WeightedCapacity before the fleets file", () => {
    // Prepare: the fleet counts a g5.xlarge as 10 units, the fleets file says 400
    const ctx = aContext({
      fleetView: aFleetView({ totalTargetCapacity: 50, fulfilledCapacity: 50, overrides: [anOverride('g5.xlarge', 'us-east-1a', 10), anOverride('g6.xlarge', 'us-east-1b', 9)] }),
      fleet: aFleet({ minCapacityUnits: 10, maxCapacityUnits: 100 }),
      demand: { arrivalQps: undefined, backlog: 0 },
    });

    // Act
    const decision = decideSpot(aWarning(), ctx);

    // Assess
    expect(decision.incident?.capacityUnits).toBe(10);
    expect(decision.actions[0]).toMatchObject({ fromTotal: 50, toTotal: 60 });
  });

  it('falls back to an override of the same type in another zone, then to the fleets file', () => {
    // Prepare
    const otherZone = aContext({ fleetView: aFleetView({ overrides: [anOverride('g5.xlarge', 'us-east-1b', 380), anOverride('g6.xlarge', 'us-east-1a')] }) });
    const unweighted = aContext({ fleetView: aFleetView({ overrides: [anOverride('g5.xlarge', 'us-east-1a'), anOverride('g6.xlarge', 'us-east-1a')] }) });

    // Act / Assess
    expect(surgeFor(otherZone)).toMatchObject({ fromTotal: 2000, toTotal: 2380 });
    expect(surgeFor(unweighted)).toMatchObject({ fromTotal: 2000, toTotal: 2400 });
  });
});

describe('decideSpot surge steering', () => {
  it("leaves out the overrides of the instance's own pool and keeps them to put back later", () => {
    // Act
    const surge = surgeFor(aContext());

    // Assess
    expect(surge?.avoidPools).toEqual([IN_1A]);
    expect(surge?.removedOverrides).toEqual([anOverride('g5.xlarge', 'us-east-1a', 400)]);
    expect(surge?.overrides).toEqual([anOverride('g5.xlarge', 'us-east-1b', 400), anOverride('g6.xlarge', 'us-east-1a', 360), anOverride('g6.xlarge', 'us-east-1b', 360)]);
  });

  it('leaves out every pool remembered as at risk', () => {
    // Act
    const surge = surgeFor(aContext({ atRiskPools: [{ poolKey: 'g6.xlarge:us-east-1a:spot', untilMs: T0_MS + 600_000, reason: 'interrupted' }] }));

    // Assess
    expect(surge?.avoidPools).toEqual([IN_1A, 'g6.xlarge:us-east-1a:spot']);
    expect(surge?.overrides).toEqual([anOverride('g5.xlarge', 'us-east-1b', 400), anOverride('g6.xlarge', 'us-east-1b', 360)]);
  });

  it('never leaves out all of the overrides: with every pool at risk it does not steer', () => {
    // Prepare
    const atRiskPools = ['g5.xlarge:us-east-1b:spot', 'g6.xlarge:us-east-1a:spot', 'g6.xlarge:us-east-1b:spot'].map((poolKey) => ({
      poolKey,
      untilMs: T0_MS + 600_000,
      reason: 'interrupted',
    }));

    // Act
    const surge = surgeFor(aContext({ atRiskPools }));

    // Assess
    expect(surge).toMatchObject({ fromTotal: 2000, toTotal: 2400, avoidPools: [] });
    expect(surge).not.toHaveProperty('overrides');
    expect(surge).not.toHaveProperty('removedOverrides');
  });

  it('keeps overrides without a zone, and steers by the market of the interrupted instance', () => {
    // Prepare
    const fleetView = aFleetView({ overrides: [{ instanceType: 'g5.xlarge', subnetId: 'subnet-65ea5f08', weightedCapacity: 400 }, anOverride('g6.xlarge', 'us-east-1a', 360)] });
    const onDemand = aContext({ instance: anInstance({ market: 'on-demand' }), atRiskPools: [{ poolKey: 'g6.xlarge:us-east-1a:spot', untilMs: T0_MS + 60_000, reason: 'interrupted' }] });

    // Act / Assess
    expect(surgeFor(aContext({ fleetView }))?.avoidPools).toEqual([]);
    expect(surgeFor(onDemand)?.avoidPools).toEqual([`g5.xlarge:us-east-1a:on-demand`]);
  });
});
