/** The rebalancer's view of the simulated Spot market: DescribeSpotPriceHistory answered from the run's PriceBook. */
import type { PlacementScore, SpotPriceQuote } from '../../layers/core/rebalance/market-data';
import { SpotPriceError, type SpotPricePort } from '../../layers/ports/spot-price-port';
import type { PriceBook } from '../model/market';
import { azIdOf } from './az-ids';
import { PRICE_STEP_MS } from './price-book';

export interface PriceBookSpotPricesOptions {
  /** The zones the market answers for (the run's). */
  availabilityZones: string[];
  /** Prices change only at multiples of this (the book's grid); default the price book's hour. */
  priceStepMs?: number;
  /** Placement scores per zone (1..10); none by default, as when GetSpotPlacementScores is not allowed. */
  placementScores?: Record<string, number>;
  region?: string;
}

/** How far back a price's start is searched: EC2 keeps 90 days, the rebalancer asks for the last hour. */
const MAX_STEPS_BACK = 48;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Answers like the EC2 twin and adapter: per type and zone the latest price change at or before `nowMs`, which is
 * the one in effect at the window's start when nothing changed within it (its timestamp then precedes the window).
 * A price "changes" where the book's price differs from the step before, as DescribeSpotPriceHistory lists only
 * changes. Placement scores come from the options, best first, for three or more distinct types (as EC2 and the twin).
 *
 * @example
 * const market = new PriceBookSpotPrices(book, { availabilityZones: ['us-east-1a', 'us-east-1b'] });
 * await market.recentSpotPrices(['g6.xlarge'], nowMs - 3_600_000, nowMs); // one quote per zone
 */
export class PriceBookSpotPrices implements SpotPricePort {
  private readonly stepMs: number;

  constructor(
    private readonly book: PriceBook,
    private readonly options: PriceBookSpotPricesOptions,
  ) {
    this.stepMs = options.priceStepMs ?? PRICE_STEP_MS;
  }

  async recentSpotPrices(instanceTypes: string[], sinceMs: number, nowMs: number): Promise<SpotPriceQuote[]> {
    if (!(sinceMs <= nowMs)) throw new SpotPriceError(`reading simulated Spot prices: the window starts after it ends`, 'InvalidParameterValue', false);
    const quotes: SpotPriceQuote[] = [];
    for (const instanceType of [...new Set(instanceTypes)].sort(compare)) {
      for (const availabilityZone of [...this.options.availabilityZones].sort(compare)) {
        const usdPerHour = this.book.usdPerHour(instanceType, availabilityZone, 'spot', nowMs);
        quotes.push({ instanceType, availabilityZone, availabilityZoneId: azIdOf(availabilityZone), usdPerHour, timestampMs: this.changedAtMs(instanceType, availabilityZone, usdPerHour, sinceMs, nowMs) });
      }
    }
    return quotes;
  }

  async placementScores(instanceTypes: string[], targetCapacity: number): Promise<PlacementScore[]> {
    const scores = this.options.placementScores;
    if (scores === undefined || new Set(instanceTypes).size < 3 || !(targetCapacity >= 1)) return [];
    const region = this.options.region ?? 'us-east-1';
    return Object.entries(scores)
      .map(([availabilityZone, score]) => ({ region, availabilityZoneId: azIdOf(availabilityZone), availabilityZone, score }))
      .sort((a, b) => b.score - a.score || compare(a.availabilityZone, b.availabilityZone));
  }

  /** The start of the step where the price now took effect, searched back to the step holding `sinceMs`. */
  private changedAtMs(instanceType: string, zone: string, price: number, sinceMs: number, nowMs: number): number {
    let atMs = Math.floor(nowMs / this.stepMs) * this.stepMs;
    const floorMs = Math.floor(sinceMs / this.stepMs) * this.stepMs;
    for (let back = 0; back < MAX_STEPS_BACK && atMs > floorMs; back += 1) {
      if (this.book.usdPerHour(instanceType, zone, 'spot', atMs - this.stepMs) !== price) break;
      atMs -= this.stepMs;
    }
    return atMs;
  }
}
