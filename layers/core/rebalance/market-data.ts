// Spot market facts the rebalancer reads (DescribeSpotPriceHistory, GetSpotPlacementScores), in domain terms.

/**
 * The Spot price in effect for one instance type in one availability zone (Linux/UNIX).
 *
 * @example
 * { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', availabilityZoneId: 'use1-az4', usdPerHour: 0.4104, timestampMs: Date.UTC(2026, 2, 1, 11, 42) }
 */
export interface SpotPriceQuote {
  instanceType: string;
  /** The zone's name in this account (`us-east-1b`): what instances and fleet overrides carry. */
  availabilityZone: string;
  /** The zone's account-independent id (`use1-az4`), when the response carries it. */
  availabilityZoneId?: string;
  usdPerHour: number;
  /** When this price took effect: before the window's start when it was already in effect then. */
  timestampMs: number;
}

/**
 * How likely a Spot request for the fleet's instance types is to succeed in one zone, 1 (unlikely) to 10 (very
 * likely). It scores the whole set of types asked about, not each type: AWS computes it for a single-zone
 * request with the capacity-optimized strategy.
 */
export interface PlacementScore {
  region: string;
  availabilityZoneId: string;
  /** The zone's name in this account, resolved from its id (names map to different zones per account). */
  availabilityZone: string;
  score: number;
}
