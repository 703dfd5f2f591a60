// makePriceBook: each pool's price source, the bounded hourly walk, determinism and lookups that never redraw.
import { describe, expect, it } from 'vitest';
import { getInstanceType } from '../../../../layers/core/catalog/catalog';
import { spotAdvisorFor } from '../../../../layers/core/catalog/spot-advisor';
import type { Random } from '../../../../sim/model/random';
import { seededRandom } from '../../../../sim/model/random';
import { azIdOf } from '../../../../sim/market/az-ids';
import { MarketConfigError } from '../../../../sim/market/market-config-error';
import { makePriceBook, type PriceBookOptions } from '../../../../sim/market/price-book';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 2, 0, 0, 0);
const DAYS_7 = START + 7 * 24 * HOUR;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const book = (overrides: Partial<PriceBookOptions> = {}) =>
  makePriceBook({ region: 'us-east-1', availabilityZones: ZONES, startMs: START, endMs: DAYS_7, random: seededRandom(7), ...overrides });
const flat = () => book({ variation: { maxDeviation: 0 } });
const onDemandOf = (type: string): number => getInstanceType(type)?.onDemandUsdPerHour ?? Number.NaN;
const savingsOf = (type: string): number => spotAdvisorFor(type)?.savingsPct ?? Number.NaN;

/** A Random that counts the numbers drawn from it and from every generator forked from it. */
const countingRandom = (inner: Random, counter = { draws: 0 }): Random & { counter: { draws: number } } => ({
  counter,
  next: () => {
    counter.draws += 1;
    return inner.next();
  },
  fork: (label) => countingRandom(inner.fork(label), counter),
});

describe('makePriceBook price sources', () => {
  it('prices a pool the 2022 history covers at its level (g5.xlarge in use1-az4 = us-east-1c)', () => {
    // Prepare
    const prices = flat();
    // Act
    const source = prices.sourceOf('g5.xlarge', 'us-east-1c', 'spot');
    const usd = prices.usdPerHour('g5.xlarge', 'us-east-1c', 'spot', START);
    // Assess: the window's only g5.xlarge event in use1-az4 is $0.3477 at 20:43:19Z
    expect(azIdOf('us-east-1c')).toBe('use1-az4');
    expect(source).toBe('spot-price-history');
    expect(usd).toBeCloseTo(0.3477, 10);
  });

  it('takes the time-weighted level of a pool with several events in the window', () => {
    // Prepare: g5.12xlarge in use1-az1: 1.9656 from 18:51:14Z, 1.9622 from 23:54:39Z, window ends 23:59:29Z
    const expected = (1.9656 * 18_205 + 1.9622 * 290) / 18_495;
    // Act
    const usd = flat().usdPerHour('g5.12xlarge', 'us-east-1a', 'spot', START);
    // Assess
    expect(usd).toBeCloseTo(expected, 10);
  });

  it('derives a pool the history does not cover from on-demand and the advisor savings, per zone', () => {
    // Prepare: g5.xlarge has no 2022 event in use1-az1 (us-east-1a); g4dn.xlarge has none in us-east-1 at all
    const prices = flat();
    // Act / Assess
    expect(prices.sourceOf('g5.xlarge', 'us-east-1a', 'spot')).toBe('spot-advisor-derived');
    expect(prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', START)).toBeCloseTo(onDemandOf('g5.xlarge') * (1 - savingsOf('g5.xlarge') / 100), 10);
    expect(prices.sourceOf('g4dn.xlarge', 'us-east-1b', 'spot')).toBe('spot-advisor-derived');
    expect(prices.usdPerHour('g4dn.xlarge', 'us-east-1b', 'spot', START)).toBeCloseTo(0.526 * (1 - savingsOf('g4dn.xlarge') / 100), 10);
  });

  it('prices Spot at on-demand for a type with neither history nor advisor entry, and says so', () => {
    // Prepare: p5.4xlarge is in the catalog with an on-demand price but the advisor does not list it
    const prices = flat();
    // Act / Assess
    expect(spotAdvisorFor('p5.4xlarge')).toBeUndefined();
    expect(prices.sourceOf('p5.4xlarge', 'us-east-1a', 'spot')).toBe('on-demand-catalog');
    expect(prices.usdPerHour('p5.4xlarge', 'us-east-1a', 'spot', START)).toBe(onDemandOf('p5.4xlarge'));
  });

  it('prices on-demand from the catalog, constant over the run', () => {
    // Prepare
    const prices = book();
    // Act
    const series = [0, 13, 100, 167].map((h) => prices.usdPerHour('p3.2xlarge', 'us-east-1b', 'on-demand', START + h * HOUR));
    // Assess
    expect(prices.sourceOf('p3.2xlarge', 'us-east-1b', 'on-demand')).toBe('on-demand-catalog');
    expect(series).toEqual([3.06, 3.06, 3.06, 3.06]);
  });

  it('rejects zones outside the table or the run, and types the catalog cannot price', () => {
    // Prepare
    const prices = book();
    // Act / Assess
    expect(() => book({ availabilityZones: ['eu-west-1a'] })).toThrow(MarketConfigError);
    expect(() => prices.usdPerHour('g5.xlarge', 'us-east-1d', 'spot', START)).toThrow(/us-east-1d: not one of this run's zones/);
    expect(() => prices.usdPerHour('g5.xlarge', 'us-east-1d', 'on-demand', START)).toThrow(MarketConfigError);
    expect(() => prices.usdPerHour('m5.large', 'us-east-1a', 'spot', START)).toThrow(/not in the GPU catalog/);
    expect(() => prices.sourceOf('p5e.48xlarge', 'us-east-1a', 'on-demand')).toThrow(/no us-east-1 on-demand price/);
    expect(() => book({ endMs: START - 1 })).toThrow(MarketConfigError);
    expect(() => book({ variation: { maxDeviation: 1.5 } })).toThrow(/maxDeviation/);
  });
});

describe('makePriceBook variation', () => {
  const POOLS = [
    ['g5.xlarge', 'us-east-1c'],
    ['g5.xlarge', 'us-east-1a'],
    ['g4dn.xlarge', 'us-east-1b'],
    ['p3.2xlarge', 'us-east-1a'],
  ] as const;

  it('keeps every Spot price within 15% of its base and at or below on-demand', () => {
    // Prepare
    const prices = book();
    const bases = flat();
    for (const [type, zone] of POOLS) {
      const base = bases.usdPerHour(type, zone, 'spot', START);
      // Act
      const series = Array.from({ length: 168 }, (_, h) => prices.usdPerHour(type, zone, 'spot', START + h * HOUR));
      // Assess
      for (const usd of series) {
        expect(usd).toBeGreaterThanOrEqual(base * 0.85 - 1e-12);
        expect(usd).toBeLessThanOrEqual(Math.min(base * 1.15, onDemandOf(type)) + 1e-12);
      }
      expect(new Set(series).size).toBeGreaterThan(24);
    }
  });

  it('changes a price only on hour boundaries', () => {
    // Prepare
    const prices = book();
    // Act: six samples in each of 48 hours
    const hours = Array.from({ length: 48 }, (_, h) =>
      Array.from({ length: 6 }, (_, k) => prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', START + h * HOUR + k * 599_999)),
    );
    // Assess
    for (const samples of hours) expect(new Set(samples).size).toBe(1);
  });

  it('is the same for the same seed whatever order pools are asked in, and differs for another seed', () => {
    // Prepare
    const seriesOf = (prices: ReturnType<typeof book>, order: readonly (typeof POOLS)[number][]) =>
      Object.fromEntries(order.map(([type, zone]) => [`${type}@${zone}`, Array.from({ length: 100 }, (_, h) => prices.usdPerHour(type, zone, 'spot', START + h * HOUR))]));
    // Act
    const forward = seriesOf(book(), POOLS);
    const backward = seriesOf(book(), [...POOLS].reverse());
    const other = seriesOf(book({ random: seededRandom(8) }), POOLS);
    // Assess
    expect(backward).toEqual(forward);
    expect(other).not.toEqual(forward);
  });

  it('reads the first and last hour outside the run', () => {
    // Prepare
    const prices = book();
    // Act / Assess
    expect(prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', START - 5 * HOUR)).toBe(prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', START));
    expect(prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', DAYS_7 + 9 * HOUR)).toBe(prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', DAYS_7));
  });
});

describe('makePriceBook lookups', () => {
  it('draws a pool\'s hours once, on its first lookup, and never again', () => {
    // Prepare
    const random = countingRandom(seededRandom(3));
    const prices = book({ random });
    // Act
    prices.sourceOf('g5.xlarge', 'us-east-1a', 'spot');
    const afterSource = random.counter.draws;
    prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', START);
    const afterFirst = random.counter.draws;
    for (let t = START; t <= DAYS_7; t += 10_000) prices.usdPerHour('g5.xlarge', 'us-east-1a', 'spot', t);
    // Assess: 7 days from a whole hour = 169 hourly prices, each one draw
    expect(afterSource).toBe(0);
    expect(afterFirst).toBe(169);
    expect(random.counter.draws).toBe(169);
  });
});
