import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyConfigError } from '../../../../sim/policies/policy-config-error';
import { staticPolicy } from '../../../../sim/policies/static-policy';
import { aSpec, FakeFleet, MINUTE, runMinutes, T0 } from './policy-harness';

describe('staticPolicy', () => {
  it('provisions whole on-demand instances for the peak, in every availability zone', () => {
    // Prepare
    const policy = staticPolicy({ instanceType: 'g6.xlarge', market: 'on-demand' });

    // Act
    const setup = policy.setup(aSpec(), { nowMs: T0, peakQps: 1000 });

    // Assess: 1000 / 120 = 8.3 -> 9 instances
    expect(setup).toEqual({
      totalUnits: 1080,
      onDemandUnits: 1080,
      pools: [
        { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1a' },
        { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b' },
      ],
      defaultMarket: 'on-demand',
    });
  });

  it('never changes its target, whatever the load does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 12 }), async (loads) => {
        // Prepare
        const policy = staticPolicy({ instanceType: 'g5.xlarge' });
        const fleet = new FakeFleet(policy.setup(aSpec(), { nowMs: T0, peakQps: 800 }), 180_000);

        // Act: each load holds for 10 minutes
        await runMinutes(policy, fleet, T0, loads.length * 10, (t) => loads[Math.floor((t - T0) / (10 * MINUTE))] ?? 0);

        // Assess
        expect(fleet.calls).toEqual([]);
        expect(fleet.targetUnits).toBe(800);
      }),
      { numRuns: 20, seed: 7 },
    );
  });

  it('refuses an instance type the fleet has no capacity units for', () => {
    // Prepare
    const policy = staticPolicy({ instanceType: 'p3.2xlarge' });

    // Act
    const setup = () => policy.setup(aSpec(), { nowMs: T0, peakQps: 1000 });

    // Assess
    expect(setup).toThrow(PolicyConfigError);
  });
});
