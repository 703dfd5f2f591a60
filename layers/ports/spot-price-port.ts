/** What the rebalancer reads from the EC2 Spot market: recent prices per type and zone, and placement scores. */
import { PortError } from './port-error';
import type { PlacementScore, SpotPriceQuote } from '../core/rebalance/market-data';

export type { PlacementScore, SpotPriceQuote } from '../core/rebalance/market-data';

/** Thrown when Spot prices cannot be read; `retryable` says whether trying again later may help. */
export class SpotPriceError extends PortError {
  override readonly name = 'SpotPriceError';
}

/**
 * Spot prices (DescribeSpotPriceHistory, Linux/UNIX) and Spot placement scores (GetSpotPlacementScores) of the
 * client's region.
 *
 * @example
 * const quotes = await prices.recentSpotPrices(['g5.xlarge', 'g6.xlarge'], nowMs - 3_600_000, nowMs);
 * const scores = await prices.placementScores(['g5.xlarge', 'g6.xlarge', 'g6e.xlarge'], 4); // [] when not available
 */
export interface SpotPricePort {
  /**
   * The latest Linux/UNIX Spot price per instance type and zone as of `nowMs`, for the prices that changed within
   * [sinceMs, nowMs] and the one in effect at `sinceMs` (EC2 returns it: its `timestampMs` is then before the
   * window). One quote per type and zone, sorted by type then zone; none for an empty `instanceTypes`.
   * @throws SpotPriceError when EC2 refuses or fails.
   */
  recentSpotPrices(instanceTypes: string[], sinceMs: number, nowMs: number): Promise<SpotPriceQuote[]>;

  /**
   * Single-zone placement scores (1..10) of the client's region for a Spot request of `targetCapacity` instances
   * (TargetCapacityUnitType `units`) over `instanceTypes` together, best first. Scores are optional: this
   * never rejects, and resolves to [] when they are not available (fewer than three distinct types, for which
   * EC2 gives no useful score; throttled; no permission; the adapter's cap on new request configurations reached).
   */
  placementScores(instanceTypes: string[], targetCapacity: number): Promise<PlacementScore[]>;
}
