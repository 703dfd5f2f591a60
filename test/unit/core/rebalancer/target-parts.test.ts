import { describe, expect, it } from 'vitest';
import { launchFirst } from '../../../../layers/core/rebalancer/launch-first';
import { targetPartsOf, withUnits } from '../../../../layers/core/rebalancer/market-split';

describe('targetPartsOf and withUnits', () => {
  it('reads the split as EC2 fills it, from the explicit part of the non-default type', () => {
    // Act
    const spotDefault = targetPartsOf({ totalTargetCapacity: 36, onDemandTargetCapacity: 16, spotTargetCapacity: 0, defaultTargetCapacityType: 'spot' });
    const onDemandDefault = targetPartsOf({ totalTargetCapacity: 10, onDemandTargetCapacity: 0, spotTargetCapacity: 14, defaultTargetCapacityType: 'on-demand' });
    // Assess
    expect([spotDefault, onDemandDefault]).toEqual([{ total: 36, onDemand: 16, spot: 20 }, { total: 10, onDemand: 0, spot: 10 }]);
  });

  it('adds to or takes from one market, no part below zero', () => {
    // Act
    const added = withUnits({ total: 1_000, onDemand: 1_000, spot: 0 }, 'spot', 776);
    const floored = withUnits({ total: 1_160, onDemand: 16, spot: 1_144 }, 'on-demand', -246);
    // Assess
    expect([added, floored]).toEqual([{ total: 1_776, onDemand: 1_000, spot: 776 }, { total: 1_144, onDemand: 0, spot: 1_144 }]);
  });
});

describe('launchFirst', () => {
  it("puts the move's launch pools first and renumbers every priority from 0", () => {
    // Prepare
    const overrides = [
      { instanceType: 'g6e.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 776, priority: 0 },
      { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 92, priority: 1 },
      { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1b', subnetId: 'subnet-0b', weightedCapacity: 92, priority: 2 },
    ];
    // Act
    const ordered = launchFirst(overrides, [{ pool: { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1b', market: 'spot' }, count: 1 }]);
    // Assess
    expect(ordered.map((o) => [o.instanceType, o.availabilityZone, o.priority])).toEqual([['g4dn.xlarge', 'us-east-1b', 0], ['g6e.xlarge', 'us-east-1a', 1], ['g4dn.xlarge', 'us-east-1a', 2]]);
    expect(ordered[0]).toMatchObject({ subnetId: 'subnet-0b', weightedCapacity: 92 });
  });
});
