// A fleet's spend sample: live instances grouped by pool and priced from quotes, the advisor or the catalog.
import { describe, expect, it } from 'vitest';
import { getInstanceType } from '../../../../layers/core/catalog/catalog';
import { spotAdvisorFor } from '../../../../layers/core/catalog/spot-advisor';
import { fleetSpendSample } from '../../../../layers/core/cost/fleet-spend-sample';
import type { InstanceView } from '../../../../layers/core/observed';

const FLEET = { fleetId: 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b', capacityUnitsByType: { 'g5.xlarge': 40, 'g6.xlarge': 38 } };
const AT = Date.UTC(2026, 10, 28, 14, 0);
const instance = (n: number, instanceType: string, availabilityZone: string, market: InstanceView['market'], state: InstanceView['state'] = 'running'): InstanceView => ({
  instanceId: `i-0${String(n).padStart(16, '0')}`,
  instanceType,
  availabilityZone,
  market,
  state,
  fleetId: FLEET.fleetId,
  launchTimeMs: AT - 3_600_000,
  tags: {},
});

describe('fleetSpendSample', () => {
  it('counts pending and running instances per pool and prices each pool', () => {
    // Prepare
    const instances = [
      instance(1, 'g5.xlarge', 'us-east-1a', 'spot'),
      instance(2, 'g5.xlarge', 'us-east-1a', 'spot', 'pending'),
      instance(3, 'g5.xlarge', 'us-east-1a', 'spot', 'shutting-down'),
      instance(4, 'g5.xlarge', 'us-east-1b', 'on-demand'),
    ];
    const quotes = [{ instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', usdPerHour: 0.4121, timestampMs: AT - 60_000 }];
    // Act
    const { sample, unpricedPools, estimatedPools } = fleetSpendSample(FLEET, instances, { spotQuotes: quotes, onDemandUsdPerHour: () => 1.006 }, AT, 300);
    // Assess
    expect(sample).toEqual({
      fleetId: FLEET.fleetId,
      atMs: AT,
      intervalSeconds: 300,
      pools: [
        { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', instances: 2, usdPerHour: 0.4121 },
        { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'on-demand', instances: 1, usdPerHour: 1.006 },
      ],
      spendUsdPerHour: 2 * 0.4121 + 1.006,
      liveUnits: 120,
    });
    expect({ unpricedPools, estimatedPools }).toEqual({ unpricedPools: [], estimatedPools: [] });
  });

  it("prices a Spot pool without a quote from the catalog's on-demand price and the advisor's savings, and says so", () => {
    // Prepare
    const onDemand = getInstanceType('g6.xlarge')?.onDemandUsdPerHour ?? Number.NaN;
    const savings = spotAdvisorFor('g6.xlarge')?.savingsPct ?? Number.NaN;
    // Act
    const { sample, estimatedPools } = fleetSpendSample(FLEET, [instance(1, 'g6.xlarge', 'us-east-1c', 'spot')], { spotQuotes: [] }, AT, 300);
    // Assess
    expect(sample.pools[0]?.usdPerHour).toBeCloseTo(onDemand * (1 - savings / 100), 9);
    expect(estimatedPools).toEqual(['g6.xlarge:us-east-1c:spot']);
  });

  it('leaves out of the spend rate a pool nobody prices, and names it', () => {
    // Act
    const { sample, unpricedPools } = fleetSpendSample(FLEET, [instance(1, 'x9.unknown', 'us-east-1a', 'on-demand')], { spotQuotes: [] }, AT, 300);
    // Assess
    expect(sample.spendUsdPerHour).toBe(0);
    expect(unpricedPools).toEqual(['x9.unknown:us-east-1a:on-demand']);
  });
});
