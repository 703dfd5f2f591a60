/**
 * The base (untimed) price of each simulated pool and where it comes from.
 *
 * How the 2022 Spot price history is used: the shared data holds one window of DescribeSpotPriceHistory records,
 * 2022-05-31 18:20Z..23:59Z (5.7 hours), mostly one price-change event per pool. A simulated run almost never
 * falls inside that window, and replaying a few hours of 2022 into a 2026 run would be no more honest than
 * keeping the level, so each covered pool keeps its *level*: the time-weighted mean of its prices from its first
 * event in the window to the window's end (the price before a pool's first event is not in the data). That
 * level is the pool's base; the hourly walk in spot-price-walk.ts moves the price around it. A pool the window
 * does not cover (no event for that type in that AZ ID) takes on-demand x (1 - savingsPct/100) from the Spot
 * advisor (2025-06-28 snapshot), and a type the advisor does not list either is priced at on-demand, because
 * nothing better is known; the report shows which source each pool used.
 */
import { getInstanceType } from '../../layers/core/catalog/catalog';
import { spotAdvisorFor } from '../../layers/core/catalog/spot-advisor';
import { SPOT_PRICE_HISTORY_WINDOW, spotPricePoints } from '../../layers/core/catalog/spot-price-history';
import type { PriceSource } from '../model/market';
import { MarketConfigError } from './market-config-error';

/** The base price of one pool and the source it came from. */
export interface PoolBase {
  usdPerHour: number;
  source: PriceSource;
  /** The type's us-east-1 on-demand price: Spot never bills above it (the default Spot maximum price). */
  onDemandUsdPerHour: number;
}

const WINDOW_END_MS = Date.parse(SPOT_PRICE_HISTORY_WINDOW.to);

/** Time-weighted mean price of one pool's events from its first event to the window's end; undefined if none. */
export const historyLevel = (instanceType: string, azId: string): number | undefined => {
  const points = spotPricePoints(instanceType, azId);
  const first = points[0];
  if (first === undefined) return undefined;
  let weighted = 0;
  let seconds = 0;
  points.forEach((point, i) => {
    const fromMs = Date.parse(point.timestamp);
    const next = points[i + 1];
    const toMs = next === undefined ? WINDOW_END_MS : Date.parse(next.timestamp);
    const span = Math.max(0, toMs - fromMs) / 1000;
    weighted += point.usdPerHour * span;
    seconds += span;
  });
  return seconds > 0 ? weighted / seconds : (points.at(-1) ?? first).usdPerHour;
};

/** The catalog's us-east-1 on-demand price of `instanceType`. @throws MarketConfigError when it has none. */
export const onDemandPrice = (instanceType: string): number => {
  const spec = getInstanceType(instanceType);
  if (spec === undefined) throw new MarketConfigError(`instance type ${instanceType}: not in the GPU catalog, so it has no price`);
  if (spec.onDemandUsdPerHour === undefined) throw new MarketConfigError(`instance type ${instanceType}: the catalog has no us-east-1 on-demand price for it`);
  return spec.onDemandUsdPerHour;
};

/**
 * The base Spot price of `instanceType` in AZ ID `azId`, capped at on-demand.
 *
 * @example
 * spotBase('g5.xlarge', 'use1-az4'); // { usdPerHour: 0.3477, source: 'spot-price-history', onDemandUsdPerHour: 1.006 }
 */
export const spotBase = (instanceType: string, azId: string): PoolBase => {
  const onDemandUsdPerHour = onDemandPrice(instanceType);
  const level = historyLevel(instanceType, azId);
  if (level !== undefined) return { usdPerHour: Math.min(level, onDemandUsdPerHour), source: 'spot-price-history', onDemandUsdPerHour };
  const advisor = spotAdvisorFor(instanceType);
  if (advisor !== undefined) {
    return { usdPerHour: onDemandUsdPerHour * (1 - advisor.savingsPct / 100), source: 'spot-advisor-derived', onDemandUsdPerHour };
  }
  return { usdPerHour: onDemandUsdPerHour, source: 'on-demand-catalog', onDemandUsdPerHour };
};
