/** Pool scoring: which pools may take capacity, at what price, and how much their risk weighs. */
import { describe, expect, it } from 'vitest';
import type { Pool } from '../../../../layers/core/fleet';
import { scorePool, scorePools, scoringContextOf, type ScoredPool, type ScoringInput } from '../../../../layers/core/rebalance/pool-scoring';
import { NOW, quote, rebalanceInput } from '../../../helpers/rebalance-factories';

const scoring = (overrides: Partial<ScoringInput> = {}): ScoredPool[] => scorePools(scoringContextOf({ ...rebalanceInput(), ...overrides }));
const find = (pools: ScoredPool[], key: string): ScoredPool => {
  const found = pools.find((p) => p.key === key);
  if (!found) throw new Error(`no pool ${key}`);
  return found;
};

describe('scorePools', () => {
  it('scores every listed type in every fleet zone in both markets, sorted by key', () => {
    // Act
    const pools = scoring();

    // Assess
    expect(pools).toHaveLength(5 * 3 * 2);
    expect(pools.map((p) => p.key)).toEqual([...pools.map((p) => p.key)].sort());
    expect(pools.every((p) => p.eligible)).toBe(true);
  });

  it('prices Spot from the latest quote and on-demand from the catalog, per capacity unit', () => {
    // Act
    const pools = scoring({ spotQuotes: [quote('g6e.xlarge', 'us-east-1b', 0.8), { ...quote('g6e.xlarge', 'us-east-1b', 0.7), timestampMs: NOW - 3_600_000 }] });

    // Assess
    const spot = find(pools, 'g6e.xlarge:us-east-1b:spot');
    const onDemand = find(pools, 'p3.2xlarge:us-east-1a:on-demand');
    expect([spot.usdPerHour, spot.priceSource]).toEqual([0.8, 'spot-price-history']);
    expect([onDemand.usdPerHour, onDemand.priceSource, onDemand.riskMultiplier]).toEqual([3.06, 'on-demand-catalog', 1]);
    expect(onDemand.effectiveUsdPerUnitHour).toBeCloseTo(3.06 / 246, 12);
  });

  it('leaves out Spot pools without a quote, types with too little GPU memory and pools in the unavailable-offerings memory', () => {
    // Act
    const pools = scoring({
      spotQuotes: [quote('g6.xlarge', 'us-east-1a', 0.41), quote('g6.xlarge', 'us-east-1b', 0.41)],
      requiredGpuMemoryGiB: 20,
      atRiskPools: [
        { poolKey: 'g6.xlarge:us-east-1b:spot', untilMs: NOW + 600_000, reason: 'InsufficientInstanceCapacity' },
        { poolKey: 'g6.xlarge:us-east-1a:spot', untilMs: NOW - 1, reason: 'expired' },
      ],
    });

    // Assess
    expect(find(pools, 'g6.xlarge:us-east-1a:spot').eligible).toBe(true);
    expect(find(pools, 'g6.xlarge:us-east-1b:spot').ineligibleReason).toBe('in the unavailable-offerings memory (InsufficientInstanceCapacity)');
    expect(find(pools, 'g6.xlarge:us-east-1c:spot').ineligibleReason).toBe('no Spot price for g6.xlarge in us-east-1c');
    expect(find(pools, 'p3.2xlarge:us-east-1a:on-demand').ineligibleReason).toBe('p3.2xlarge has 16 GiB per GPU, the model needs 20 GiB');
    expect(find(pools, 'g6e.xlarge:us-east-1a:on-demand').eligible).toBe(true);
  });

  it("weighs this fleet's interruptions in a pool, and not in its neighbours", () => {
    // Act
    const pools = scoring({ interruptions24hByPool: { 'g6e.xlarge:us-east-1a:spot': 3 } });

    // Assess
    const hit = find(pools, 'g6e.xlarge:us-east-1a:spot');
    const neighbour = find(pools, 'g6e.xlarge:us-east-1b:spot');
    expect(hit.observedInterruptions24h).toBe(3);
    expect(hit.riskMultiplier).toBeGreaterThan(1.2);
    expect(neighbour.riskMultiplier).toBeLessThan(1.001);
  });

  it('weighs placement scores by zone when given, a zone left out of them as the lowest score', () => {
    // Act
    const pools = scoring({
      placementScores: [
        { region: 'us-east-1', availabilityZoneId: 'use1-az1', availabilityZone: 'us-east-1a', score: 10 },
        { region: 'us-east-1', availabilityZoneId: 'use1-az2', availabilityZone: 'us-east-1b', score: 5 },
      ],
    });

    // Assess
    const [a, b, c] = ['us-east-1a', 'us-east-1b', 'us-east-1c'].map((z) => find(pools, `g6.xlarge:${z}:spot`));
    expect([a?.placementScore, b?.placementScore, c?.placementScore]).toEqual([10, 5, 1]);
    expect((a?.riskMultiplier ?? 0) < (b?.riskMultiplier ?? 0) && (b?.riskMultiplier ?? 0) < (c?.riskMultiplier ?? 0)).toBe(true);
  });
});

describe('scorePool', () => {
  it("prices a running instance's pool without a quote at the advisor's savings, and a type the fleet dropped as not eligible", () => {
    // Prepare
    const ctx = scoringContextOf({ ...rebalanceInput(), spotQuotes: [] });
    const g5: Pool = { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot' };
    const dropped: Pool = { instanceType: 'g4dn.2xlarge', availabilityZone: 'us-east-1a', market: 'spot' };

    // Act
    const scoredG5 = scorePool(ctx, g5);
    const scoredDropped = scorePool(ctx, dropped);

    // Assess
    expect(scoredG5.priceSource).toBe('spot-advisor-estimate');
    expect(scoredG5.usdPerHour).toBeCloseTo(1.006 * 0.41, 9);
    expect([scoredDropped.eligible, scoredDropped.unitsPerInstance, scoredDropped.effectiveUsdPerUnitHour]).toEqual([false, 0, Number.POSITIVE_INFINITY]);
    expect(scoredDropped.ineligibleReason).toBe('fleet bert-large-qa does not list g4dn.2xlarge');
  });

  it('says why a pool is out: a type outside the catalog, an unpriced type, a zone the fleet does not use', () => {
    // Prepare
    const input = rebalanceInput();
    const fleet = { ...input.fleet, capacityUnitsByType: { ...input.fleet.capacityUnitsByType, 'x9.gpu': 500, 'p5e.48xlarge': 20_000 } };
    const ctx = scoringContextOf({ ...input, fleet });

    // Act
    const outside = scorePool(ctx, { instanceType: 'x9.gpu', availabilityZone: 'us-east-1a', market: 'on-demand' });
    const unpriced = scorePool(ctx, { instanceType: 'p5e.48xlarge', availabilityZone: 'us-east-1a', market: 'on-demand' });
    const elsewhere = scorePool(ctx, { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1d', market: 'on-demand' });

    // Assess
    expect(outside.ineligibleReason).toBe('x9.gpu is not in the catalog');
    expect([unpriced.ineligibleReason, unpriced.priceSource, unpriced.usdPerHour]).toEqual(['no on-demand price for p5e.48xlarge', 'unknown', 0]);
    expect(elsewhere.ineligibleReason).toBe("us-east-1d is not one of the fleet's zones");
  });

  it('ignores quotes that are not positive, and takes the lower of two quotes of the same time', () => {
    // Prepare
    const at = NOW - 60_000;
    const quotes = [
      { ...quote('g6.xlarge', 'us-east-1a', 0.45), timestampMs: at },
      { ...quote('g6.xlarge', 'us-east-1a', 0.41), timestampMs: at },
      { ...quote('g6.xlarge', 'us-east-1a', 0), timestampMs: NOW },
    ];

    // Act
    const pools = scoring({ spotQuotes: quotes });

    // Assess
    expect(find(pools, 'g6.xlarge:us-east-1a:spot').usdPerHour).toBe(0.41);
  });
});
