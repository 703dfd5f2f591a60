/** InMemorySpotPrices: what the contract does not cover (validation of what it is told, reset, zones of other regions). */
import { describe, expect, it } from 'vitest';
import { InMemorySpotPrices } from '../../../layers/twins/in-memory-spot-prices';

const NOW = Date.UTC(2026, 2, 1, 12);

describe('InMemorySpotPrices', () => {
  it('refuses a price that is not positive and a score outside 1..10', () => {
    // Prepare
    const market = new InMemorySpotPrices();

    // Act / Assess
    expect(() => market.setPrice('g6.xlarge', 'us-east-1a', 0, NOW)).toThrow(RangeError);
    expect(() => market.setPlacementScore('us-east-1a', 11)).toThrow(RangeError);
  });

  it('refuses a zone that is not one of its region', () => {
    // Prepare
    const market = new InMemorySpotPrices({ region: 'eu-west-1', zones: [{ name: 'eu-west-1a', id: 'euw1-az3' }] });

    // Act / Assess
    expect(() => market.setPrice('g6.xlarge', 'us-east-1a', 0.4, NOW)).toThrow(/not one of the twin's/);
  });

  it('scores the zones of its own region', async () => {
    // Prepare
    const market = new InMemorySpotPrices({ region: 'eu-west-1', zones: [{ name: 'eu-west-1a', id: 'euw1-az3' }] });
    market.setPlacementScore('eu-west-1a', 7);

    // Act
    const scores = await market.placementScores(['g5.xlarge', 'g6.xlarge', 'g6e.xlarge'], 2);

    // Assess
    expect(scores).toEqual([{ region: 'eu-west-1', availabilityZoneId: 'euw1-az3', availabilityZone: 'eu-west-1a', score: 7 }]);
  });

  it('forgets prices, scores and failures on reset', async () => {
    // Prepare
    const market = new InMemorySpotPrices();
    market.setPrice('g6.xlarge', 'us-east-1a', 0.4, NOW - 60_000);
    market.setPlacementScore('us-east-1a', 7);
    market.failNext('internal-error', 3);

    // Act
    market.reset();

    // Assess
    await expect(market.recentSpotPrices(['g6.xlarge'], NOW - 3_600_000, NOW)).resolves.toEqual([]);
    await expect(market.placementScores(['g5.xlarge', 'g6.xlarge', 'g6e.xlarge'], 2)).resolves.toEqual([]);
  });

  it('fails as many calls as it was told to, then answers again', async () => {
    // Prepare
    const market = new InMemorySpotPrices();
    market.setPrice('g6.xlarge', 'us-east-1a', 0.4, NOW - 60_000);
    market.failNext('unauthorized', 2);

    // Act
    const first = market.recentSpotPrices(['g6.xlarge'], NOW - 3_600_000, NOW);
    const second = market.recentSpotPrices(['g6.xlarge'], NOW - 3_600_000, NOW);
    const third = await market.recentSpotPrices(['g6.xlarge'], NOW - 3_600_000, NOW);

    // Assess
    await expect(first).rejects.toMatchObject({ code: 'UnauthorizedOperation', retryable: false });
    await expect(second).rejects.toMatchObject({ code: 'UnauthorizedOperation' });
    expect(third).toHaveLength(1);
  });
});
