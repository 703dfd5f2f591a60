/** The mix choice by example: the seed's case, the on-demand base, the fallback, the share cap and the fleet's bounds. */
import { describe, expect, it } from 'vitest';
import type { FleetConfig } from '../../../../layers/core/fleet';
import { chooseMix, type PoolMix } from '../../../../layers/core/rebalance/choose-mix';
import type { MarketMode } from '../../../../layers/core/rebalance/market-mode';
import { scorePools, scoringContextOf } from '../../../../layers/core/rebalance/pool-scoring';
import { defaultRebalanceSettings } from '../../../../layers/core/rebalance/rebalance-settings';
import type { RebalanceInput } from '../../../../layers/core/rebalance/decide-rebalance';
import { fleetInstance, quote, rebalanceInput, seedFleet } from '../../../helpers/rebalance-factories';

const mixFor = (input: RebalanceInput, mode: MarketMode = 'spot', demandUnits = input.demandUnits): PoolMix =>
  chooseMix({ fleet: input.fleet, settings: input.settings, pools: scorePools(scoringContextOf(input)), mode, demandUnits });
const keysOf = (mix: PoolMix): string[] => mix.entries.map((e) => `${e.key} x${e.instances}`);
const g5g6 = (overrides: Partial<FleetConfig> = {}): FleetConfig =>
  seedFleet({ tier: 'standard', name: 'bert-large-search', capacityUnitsByType: { 'g5.xlarge': 300, 'g6.xlarge': 350 }, ...overrides });

describe('chooseMix', () => {
  it("moves the seed's BERT-large off on-demand p3.2xlarge to Spot L40S and T4 at a fraction of the $ per QPS", () => {
    // Act
    const mix = mixFor(rebalanceInput());

    // Assess
    expect(keysOf(mix)).toEqual(['g6e.xlarge:us-east-1a:spot x1', 'g4dn.xlarge:us-east-1a:spot x2', 'g4dn.xlarge:us-east-1b:spot x1']);
    expect(mix.units).toBe(776 + 3 * 92);
    expect(mix.usdPerHour / mix.units).toBeLessThan((3.06 / 246) * 0.15);
    expect(mix.relaxed).toEqual([]);
  });

  it('keeps the on-demand base on on-demand, on the cheapest on-demand type per QPS', () => {
    // Act
    const mix = mixFor(rebalanceInput({ fleet: seedFleet({ onDemandBaseUnits: 500 }) }));

    // Assess
    expect(mix.onDemandUnits).toBeGreaterThanOrEqual(500);
    expect(mix.entries.filter((e) => e.pool.market === 'on-demand').map((e) => e.pool.instanceType)).toEqual(['g6e.xlarge']);
    expect(mix.units).toBeGreaterThanOrEqual(1000);
  });

  it('puts everything on on-demand in fallback, still over several pools', () => {
    // Act
    const mix = mixFor(rebalanceInput(), 'on-demand-fallback');

    // Assess
    expect(mix.entries.every((e) => e.pool.market === 'on-demand')).toBe(true);
    expect(mix.onDemandUnits).toBe(mix.units);
    expect(mix.entries.length).toBeGreaterThanOrEqual(3);
    expect(new Set(mix.entries.map((e) => e.pool.availabilityZone)).size).toBeGreaterThanOrEqual(2);
  });

  it('caps each pool at its share of the demand, so the cheapest pool does not take everything', () => {
    // Act
    const mix = mixFor(rebalanceInput({ fleet: g5g6(), settings: defaultRebalanceSettings('standard') }), 'spot', 3000);

    // Assess
    expect(keysOf(mix)).toEqual(['g6.xlarge:us-east-1a:spot x4', 'g6.xlarge:us-east-1b:spot x4', 'g5.xlarge:us-east-1a:spot x1']);
    expect(Math.max(...mix.entries.map((e) => e.units))).toBeLessThanOrEqual(0.5 * 3000);
  });

  it('keeps the pool the fleet runs in when another costs exactly the same, whatever their names', () => {
    // Prepare: g5.xlarge and g6.xlarge at the same $ per unit in every zone; the fleet runs in g6.xlarge us-east-1b.
    const fleet = g5g6({ capacityUnitsByType: { 'g5.xlarge': 300, 'g6.xlarge': 300 }, minCapacityUnits: 0 });
    const spotQuotes = ['us-east-1a', 'us-east-1b', 'us-east-1c'].flatMap((zone) => [quote('g5.xlarge', zone, 0.5), quote('g6.xlarge', zone, 0.5)]);
    const input = (running: string) => rebalanceInput({ fleet, settings: defaultRebalanceSettings('standard'), spotQuotes, instances: [fleetInstance(0, running, 'us-east-1b')], demandUnits: 300 });

    // Act
    const keepsG6 = mixFor(input('g6.xlarge'), 'spot', 300);
    const keepsG5 = mixFor(input('g5.xlarge'), 'spot', 300);

    // Assess
    expect(keysOf(keepsG6)[0]).toBe('g6.xlarge:us-east-1b:spot x1');
    expect(keysOf(keepsG5)[0]).toBe('g5.xlarge:us-east-1b:spot x1');
    expect(keepsG6.usdPerHour).toBe(keepsG5.usdPerHour);
  });

  it('lifts the share cap, and says so, when one pool is all there is', () => {
    // Prepare
    const input = rebalanceInput({ fleet: g5g6({ capacityUnitsByType: { 'g6.xlarge': 350 } }), settings: defaultRebalanceSettings('standard'), availabilityZones: ['us-east-1a'] });

    // Act
    const mix = mixFor(input, 'on-demand-fallback', 3000);

    // Assess
    expect(keysOf(mix)).toEqual(['g6.xlarge:us-east-1a:on-demand x9']);
    expect(mix.relaxed).toEqual(['share-cap', 'min-pools']);
    expect(mix.notes).toEqual([
      'no mix within 50% per pool covers 3000 units: share cap lifted',
      '1 pool(s) instead of 2: not enough eligible pools or room under the 5000-unit maximum',
    ]);
  });

  it('prefers on-demand pools over lifting the share cap when Spot has one pool only', () => {
    // Prepare
    const input = rebalanceInput({ fleet: g5g6(), settings: defaultRebalanceSettings('standard'), availabilityZones: ['us-east-1a'], spotQuotes: [quote('g6.xlarge', 'us-east-1a', 0.4)] });

    // Act
    const mix = mixFor(input, 'spot', 3000);

    // Assess
    expect(mix.relaxed).toEqual([]);
    expect(mix.entries.find((e) => e.pool.market === 'spot')?.units).toBe(4 * 350);
  });

  it('covers the fleet minimum when the demand is below it, and the maximum when it is above', () => {
    // Act
    const low = mixFor(rebalanceInput(), 'spot', 10);
    const high = mixFor(rebalanceInput(), 'spot', 90_000);

    // Assess
    expect([low.targetUnits, low.units >= 100]).toEqual([100, true]);
    expect(high.targetUnits).toBe(5000);
    expect(high.units).toBeGreaterThanOrEqual(5000);
  });

  it('chooses nothing for no demand at a zero minimum', () => {
    // Act
    const mix = mixFor(rebalanceInput({ fleet: seedFleet({ minCapacityUnits: 0 }) }), 'spot', 0);

    // Assess
    expect([mix.entries, mix.units, mix.shortfallUnits]).toEqual([[], 0, 0]);
  });

  it('reports the shortfall when no pool is eligible', () => {
    // Act
    const mix = mixFor(rebalanceInput({ requiredGpuMemoryGiB: 80 }));

    // Assess
    expect([mix.entries.length, mix.shortfallUnits]).toEqual([0, 1000]);
  });

  it('says when whole instances cannot stay within a tight maximum', () => {
    // Act
    const mix = mixFor(rebalanceInput({ fleet: seedFleet({ maxCapacityUnits: 1000 }) }));

    // Assess
    expect(mix.units).toBeGreaterThanOrEqual(1000);
    expect(mix.relaxed).toContain('max-capacity');
    expect(mix.relaxed).toContain('min-pools');
  });

  it('moves away from a pool this fleet saw interrupted', () => {
    // Prepare
    const input = rebalanceInput({ fleet: g5g6(), settings: defaultRebalanceSettings('standard'), availabilityZones: ['us-east-1a', 'us-east-1b'] });
    const quotes = [quote('g6.xlarge', 'us-east-1a', 0.4), quote('g6.xlarge', 'us-east-1b', 0.41), quote('g5.xlarge', 'us-east-1a', 0.45), quote('g5.xlarge', 'us-east-1b', 0.45)];

    // Act
    const calm = mixFor({ ...input, spotQuotes: quotes }, 'spot', 1400);
    const stormy = mixFor({ ...input, spotQuotes: quotes, interruptions24hByPool: { 'g6.xlarge:us-east-1a:spot': 4 } }, 'spot', 1400);

    // Assess
    expect(calm.entries[0]?.key).toBe('g6.xlarge:us-east-1a:spot');
    expect(stormy.entries[0]?.key).toBe('g6.xlarge:us-east-1b:spot');
    expect(stormy.entries.find((e) => e.key === 'g6.xlarge:us-east-1a:spot')?.instances ?? 0).toBeLessThan(calm.entries[0]?.instances ?? 0);
  });

  it('says so when no eligible on-demand pool can keep the base', () => {
    // Prepare
    const fleet = seedFleet({ capacityUnitsByType: { 'p5e.48xlarge': 20_000 }, onDemandBaseUnits: 500, maxCapacityUnits: 50_000 });
    const input = rebalanceInput({ fleet, spotQuotes: [quote('p5e.48xlarge', 'us-east-1a', 30)] });

    // Act
    const mix = mixFor(input);

    // Assess
    expect(keysOf(mix)).toEqual(['p5e.48xlarge:us-east-1a:spot x1']);
    expect(mix.relaxed).toContain('on-demand-base');
    expect(mix.notes).toContain('only 0 of the 500-unit on-demand base fit in eligible on-demand pools');
  });
});
