/** The simulated market's prices: on-demand from the catalog, Spot from the 2022 history level or the advisor, varying hourly. */
import type { Market } from '../../layers/core/fleet';
import type { PriceBook, PriceSource } from '../model/market';
import type { Random } from '../model/random';
import { azIdOf } from './az-ids';
import { MarketConfigError } from './market-config-error';
import { onDemandPrice, spotBase, type PoolBase } from './spot-base-price';
import { DEFAULT_SPOT_VARIATION, spotPriceWalk, validateVariation, type SpotVariation } from './spot-price-walk';

export interface PriceBookOptions {
  region: 'us-east-1';
  /** Zone names (us-east-1a...) or AZ IDs the run may use; see az-ids.ts for the simulation's mapping. */
  availabilityZones: string[];
  startMs: number;
  endMs: number;
  /** Forked once here ('spot-price-walk'), then once per pool, so pools draw independent, order-free streams. */
  random: Random;
  variation?: Partial<SpotVariation>;
}

const HOUR_MS = 3_600_000;
/** Prices of a book from makePriceBook change only at multiples of this, in epoch ms (UTC hour boundaries). */
export const PRICE_STEP_MS = HOUR_MS;

interface SpotPool {
  base: PoolBase;
  /** Drawn on the first price lookup of the pool (sourceOf alone does not draw). */
  hourly: Float64Array | undefined;
}

/**
 * A {@link PriceBook} for us-east-1. Spot prices change only on UTC hour boundaries; a lookup is two map reads
 * and an array index (the pool's hourly array is built on its first lookup). Times before `startMs` or after
 * `endMs` read the first or last hour. Bases and sources: see spot-base-price.ts; variation: spot-price-walk.ts.
 *
 * @example
 * const book = makePriceBook({ region: 'us-east-1', availabilityZones: ['us-east-1a'], startMs, endMs, random: seededRandom(7) });
 * book.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', startMs); // 0.41246 at the start (1.006 x (1 - 59%)), then within +-15% by the hour
 * @throws MarketConfigError for an unknown zone, an inverted time range or a variation outside its domain;
 *   lookups throw it for a zone not listed here or a type the catalog cannot price.
 */
export const makePriceBook = (options: PriceBookOptions): PriceBook => {
  if (options.region !== 'us-east-1') throw new MarketConfigError(`region ${String(options.region)}: the simulated market prices us-east-1 only`);
  if (!(options.endMs >= options.startMs)) throw new MarketConfigError(`endMs ${options.endMs} is before startMs ${options.startMs}`);
  const variation = validateVariation({ ...DEFAULT_SPOT_VARIATION, ...options.variation });
  const azIds = new Map(options.availabilityZones.map((az) => [az, azIdOf(az)]));
  const firstHourMs = Math.floor(options.startMs / HOUR_MS) * HOUR_MS;
  const hours = Math.floor((options.endMs - firstHourMs) / HOUR_MS) + 1;
  const random = options.random.fork('spot-price-walk');
  const onDemand = new Map<string, number>();
  const spot = new Map<string, Map<string, SpotPool>>();

  const onDemandOf = (instanceType: string, availabilityZone: string): number => {
    const cached = onDemand.get(instanceType);
    if (cached !== undefined && azIds.has(availabilityZone)) return cached;
    if (!azIds.has(availabilityZone)) throw unlistedZone(availabilityZone, azIds);
    const price = onDemandPrice(instanceType);
    onDemand.set(instanceType, price);
    return price;
  };

  const spotPool = (instanceType: string, availabilityZone: string): SpotPool => {
    let byZone = spot.get(instanceType);
    const found = byZone?.get(availabilityZone);
    if (found !== undefined) return found;
    const azId = azIds.get(availabilityZone);
    if (azId === undefined) throw unlistedZone(availabilityZone, azIds);
    const pool: SpotPool = { base: spotBase(instanceType, azId), hourly: undefined };
    if (byZone === undefined) {
      byZone = new Map();
      spot.set(instanceType, byZone);
    }
    byZone.set(availabilityZone, pool);
    return pool;
  };

  const usdPerHour = (instanceType: string, availabilityZone: string, market: Market, atMs: number): number => {
    if (market === 'on-demand') return onDemandOf(instanceType, availabilityZone);
    const pool = spotPool(instanceType, availabilityZone);
    if (pool.hourly === undefined) {
      const stream = random.fork(`${instanceType}@${azIds.get(availabilityZone) ?? availabilityZone}`);
      pool.hourly = spotPriceWalk(pool.base.usdPerHour, pool.base.onDemandUsdPerHour, hours, stream, variation);
    }
    const hour = Math.min(hours - 1, Math.max(0, Math.floor((atMs - firstHourMs) / HOUR_MS)));
    return pool.hourly[hour] ?? pool.base.usdPerHour;
  };

  const sourceOf = (instanceType: string, availabilityZone: string, market: Market): PriceSource => {
    if (market === 'on-demand') {
      onDemandOf(instanceType, availabilityZone);
      return 'on-demand-catalog';
    }
    return spotPool(instanceType, availabilityZone).base.source;
  };

  return { usdPerHour, sourceOf };
};

const unlistedZone = (availabilityZone: string, azIds: ReadonlyMap<string, string>): MarketConfigError =>
  new MarketConfigError(`availability zone ${availabilityZone}: not one of this run's zones (${[...azIds.keys()].join(', ')})`);
