/** The $/hour of one instance per pool as the spend-rate check prices it: Spot from the price history, on-demand from the catalog. */
import { getInstanceType } from '../catalog/catalog';
import { spotAdvisorFor } from '../catalog/spot-advisor';
import type { Market } from '../fleet';
import type { SpotPriceQuote } from '../rebalance/market-data';

/** Where a pool's price came from, so a report can say which pools were estimated. */
export type PriceSource = 'spot-price-history' | 'spot-advisor-estimate' | 'catalog-on-demand';

export interface PoolPrice {
  usdPerHour: number;
  source: PriceSource;
}

/** Prices of pools: the caller's Spot quotes, and on-demand prices (the catalog's unless given). */
export interface PriceBook {
  spotQuotes: readonly SpotPriceQuote[];
  /** On-demand $/hour of a type; defaults to the catalog's us-east-1 Linux price. */
  onDemandUsdPerHour?: (instanceType: string) => number | undefined;
}

const catalogOnDemand = (instanceType: string): number | undefined => getInstanceType(instanceType)?.onDemandUsdPerHour;

/** On-demand $/hour of a type, or undefined when neither the book nor the catalog prices it. */
export const onDemandPriceOf = (book: PriceBook, instanceType: string): number | undefined =>
  (book.onDemandUsdPerHour ?? catalogOnDemand)(instanceType);

/**
 * The $/hour of one instance of the pool. A Spot pool without a quote of its own zone is priced from the on-demand price
 * and the Spot advisor's average savings, as the simulator's cost does; undefined when even that is unknown.
 */
export const poolPriceOf = (
  book: PriceBook,
  pool: { instanceType: string; availabilityZone: string; market: Market },
): PoolPrice | undefined => {
  const onDemand = onDemandPriceOf(book, pool.instanceType);
  if (pool.market === 'on-demand') return onDemand === undefined ? undefined : { usdPerHour: onDemand, source: 'catalog-on-demand' };
  const quote = book.spotQuotes.find((q) => q.instanceType === pool.instanceType && q.availabilityZone === pool.availabilityZone);
  if (quote !== undefined) return { usdPerHour: quote.usdPerHour, source: 'spot-price-history' };
  const savingsPct = spotAdvisorFor(pool.instanceType)?.savingsPct;
  if (onDemand === undefined || savingsPct === undefined) return undefined;
  return { usdPerHour: onDemand * (1 - savingsPct / 100), source: 'spot-advisor-estimate' };
};
