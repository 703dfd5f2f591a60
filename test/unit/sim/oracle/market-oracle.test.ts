// The like-for-like oracle: the base on on-demand, the rest on the policy's market, never below the all-markets oracle.
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../layers/core/fleet';
import type { PriceBook } from '../../../../sim/model/market';
import { marketOracleCost } from '../../../../sim/oracle/market-oracle';
import { oracleCost } from '../../../../sim/oracle/oracle-cost';

const book: PriceBook = {
  usdPerHour: (_type: string, _zone: string, market: Market) => (market === 'spot' ? 0.4 : 1.0),
  sourceOf: (_type: string, _zone: string, market: Market) => (market === 'spot' ? 'spot-advisor-derived' : 'on-demand-catalog'),
};
// Two hours at 250 QPS, one-hour steps, instances of 100 units.
const input = { demandQps: Float64Array.from([250, 250]), stepSeconds: 3600, startMs: Date.UTC(2026, 2, 2), candidates: [{ instanceType: 'g5.xlarge', unitsPerInstance: 100 }], availabilityZones: ['us-east-1a'], priceBook: book };

describe('marketOracleCost', () => {
  it('prices an all-on-demand fleet on on-demand only', () => {
    // Act
    const result = marketOracleCost({ ...input, baseUnits: 0, market: 'on-demand' });
    // Assess: 3 instances x 2 h x $1
    expect(result.totalUsd).toBeCloseTo(6, 9);
    expect(result.instanceHours).toEqual([{ instanceType: 'g5.xlarge', market: 'on-demand', hours: 6, usd: 6 }]);
  });

  it('covers the base on on-demand and the rest on Spot, as EC2 Fleet fills the two targets', () => {
    // Act
    const result = marketOracleCost({ ...input, baseUnits: 100, market: 'spot' });
    // Assess: 1 on-demand + 2 Spot instances for 2 h
    expect(result.totalUsd).toBeCloseTo(2 * 1.0 + 4 * 0.4, 9);
    expect(result.usdPer1kRequests).toBeCloseTo((3.6 / (250 * 7200)) * 1000, 12);
  });

  it('never costs less than the all-markets oracle', () => {
    // Act
    const all = oracleCost(input).totalUsd;
    // Assess
    for (const [baseUnits, market] of [[0, 'spot'], [0, 'on-demand'], [150, 'spot']] as const) {
      expect(marketOracleCost({ ...input, baseUnits, market }).totalUsd).toBeGreaterThanOrEqual(all - 1e-9);
    }
  });
});
