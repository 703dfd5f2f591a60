/** The oracle held to a policy's markets: its on-demand base on on-demand, the rest on the policy's market only. */
import type { Market } from '../../layers/core/fleet';
import type { PriceBook } from '../model/market';
import type { OracleResult } from '../model/report';
import { oracleCost, type OracleInput } from './oracle-cost';

export interface MarketOracleInput extends OracleInput {
  /** Capacity units the policy keeps on on-demand (its fleet's OnDemandTargetCapacity base). */
  baseUnits: number;
  /** Market of the capacity above the base. */
  market: Market;
}

/** The book with every pool of the other market priced out (the oracle never picks it). */
const onlyMarket = (book: PriceBook, market: Market): PriceBook => ({
  usdPerHour: (type, zone, m, atMs) => (m === market ? book.usdPerHour(type, zone, m, atMs) : Number.POSITIVE_INFINITY),
  sourceOf: (type, zone, m) => book.sourceOf(type, zone, m),
});

/**
 * A like-for-like bound for a policy that cannot use every market: at each step, the cheapest whole instances covering
 * min(demand, base) on on-demand plus those covering the rest on `market`, each with perfect foresight, no lead time
 * and no interruptions (as the EC2 Fleet fulfils its on-demand and Spot targets separately). It is not a lower bound
 * on every policy, only on those held to the same markets; the all-markets oracle stays the report's reference.
 *
 * @example
 * marketOracleCost({ ...oracleInput, baseUnits: 0, market: 'on-demand' }).totalUsd; // what an all-on-demand fleet must pay at least
 */
export const marketOracleCost = (input: MarketOracleInput): OracleResult => {
  const { baseUnits, market, demandQps, priceBook, ...rest } = input;
  const base = new Float64Array(demandQps.length);
  const above = new Float64Array(demandQps.length);
  for (let i = 0; i < demandQps.length; i += 1) {
    const d = demandQps[i] ?? 0;
    base[i] = Math.min(d, baseUnits);
    above[i] = d - (base[i] ?? 0);
  }
  const onDemand = oracleCost({ ...rest, demandQps: base, priceBook: onlyMarket(priceBook, 'on-demand'), requests: 0 });
  const other = oracleCost({ ...rest, demandQps: above, priceBook: onlyMarket(priceBook, market), requests: 0 });
  const totalUsd = onDemand.totalUsd + other.totalUsd;
  const requests = input.requests ?? demandQps.reduce((sum, d) => sum + d * input.stepSeconds, 0);
  return {
    totalUsd,
    usdPer1kRequests: requests > 0 ? (totalUsd / requests) * 1000 : 0,
    instanceHours: [...onDemand.instanceHours, ...other.instanceHours],
  };
};
