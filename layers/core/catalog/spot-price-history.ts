// Spot price points (Linux/UNIX, per AZ id) from the only DescribeSpotPriceHistory window in the shared data.
import { CATALOG_DATA } from './catalog.generated';

/** One Spot price change: the price that took effect at `timestamp` in one availability zone (by AZ id). */
export interface SpotPricePointRecord {
  availabilityZoneId: string;
  instanceType: string;
  usdPerHour: number;
  /** ISO-8601 UTC. */
  timestamp: string;
}

/** The window the points cover: 2022-05-31, about 5.7 hours. Prices outside it are unknown, not constant. */
export const SPOT_PRICE_HISTORY_WINDOW = {
  from: CATALOG_DATA.spotPriceHistory.firstTimestamp,
  to: CATALOG_DATA.spotPriceHistory.lastTimestamp,
  productDescription: CATALOG_DATA.spotPriceHistory.productDescription,
} as const;

/**
 * Price change events for `instanceType` (optionally one AZ id), oldest first; empty when the window saw none.
 *
 * @example
 * spotPricePoints('g4dn.xlarge', 'use1-az4').at(-1)?.usdPerHour;
 */
export const spotPricePoints = (instanceType: string, availabilityZoneId?: string): SpotPricePointRecord[] =>
  CATALOG_DATA.spotPriceHistory.points
    .filter(([az, type]) => type === instanceType && (availabilityZoneId === undefined || az === availabilityZoneId))
    .map(([az, type, usdPerHour, timestamp]) => ({ availabilityZoneId: az, instanceType: type, usdPerHour, timestamp }));
