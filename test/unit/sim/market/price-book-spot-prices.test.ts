import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../layers/core/fleet';
import { PriceBookSpotPrices } from '../../../../sim/market/price-book-spot-prices';
import type { PriceBook } from '../../../../sim/model/market';

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 0, 0, 0);

/** g5.xlarge Spot at $0.30/h until 02:00, then $0.45/h; g6.xlarge at $0.40/h throughout. */
const book: PriceBook = {
  usdPerHour: (type: string, _zone: string, market: Market, atMs: number) => (market === 'on-demand' ? 1 : type === 'g5.xlarge' ? (atMs >= T0 + 2 * HOUR_MS ? 0.45 : 0.3) : 0.4),
  sourceOf: () => 'spot-advisor-derived',
};

describe('PriceBookSpotPrices', () => {
  it('answers the price in effect per type and zone, stamped when it took effect within the window', async () => {
    // Prepare
    const market = new PriceBookSpotPrices(book, { availabilityZones: ['us-east-1b', 'us-east-1a'] });

    // Act
    const quotes = await market.recentSpotPrices(['g6.xlarge', 'g5.xlarge'], T0 + 2 * HOUR_MS - 30 * 60_000, T0 + 2 * HOUR_MS + 30 * 60_000);

    // Assess
    expect(quotes.map((q) => [q.instanceType, q.availabilityZone, q.availabilityZoneId, q.usdPerHour, q.timestampMs])).toEqual([
      ['g5.xlarge', 'us-east-1a', 'use1-az1', 0.45, T0 + 2 * HOUR_MS],
      ['g5.xlarge', 'us-east-1b', 'use1-az2', 0.45, T0 + 2 * HOUR_MS],
      ['g6.xlarge', 'us-east-1a', 'use1-az1', 0.4, T0 + HOUR_MS],
      ['g6.xlarge', 'us-east-1b', 'use1-az2', 0.4, T0 + HOUR_MS],
    ]);
  });

  it('gives placement scores only when configured and for three or more types', async () => {
    // Prepare
    const none = new PriceBookSpotPrices(book, { availabilityZones: ['us-east-1a'] });
    const scored = new PriceBookSpotPrices(book, { availabilityZones: ['us-east-1a', 'us-east-1b'], placementScores: { 'us-east-1a': 3, 'us-east-1b': 9 } });

    // Act
    const types = ['g5.xlarge', 'g6.xlarge', 'g4dn.xlarge'];

    // Assess
    expect(await none.placementScores(types, 4)).toEqual([]);
    expect(await scored.placementScores(types.slice(0, 2), 4)).toEqual([]);
    expect((await scored.placementScores(types, 4)).map((s) => [s.availabilityZone, s.score])).toEqual([['us-east-1b', 9], ['us-east-1a', 3]]);
  });

  it('refuses a window that ends before it starts', async () => {
    // Prepare
    const market = new PriceBookSpotPrices(book, { availabilityZones: ['us-east-1a'] });

    // Act / Assess
    await expect(market.recentSpotPrices(['g5.xlarge'], T0 + HOUR_MS, T0)).rejects.toMatchObject({ name: 'SpotPriceError', retryable: false });
  });
});
