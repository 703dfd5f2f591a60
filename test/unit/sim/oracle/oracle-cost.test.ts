// oracleCost: exact against brute force, never above a feasible allocation, monotone in demand, and its bookkeeping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../layers/core/fleet';
import type { PriceBook } from '../../../../sim/model/market';
import { seededRandom } from '../../../../sim/model/random';
import { makePriceBook, PRICE_STEP_MS } from '../../../../sim/market/price-book';
import { oracleCost, OracleInputError, type OracleCandidate } from '../../../../sim/oracle/oracle-cost';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 2);
const ZONES = ['us-east-1a', 'us-east-1b'];

/** Prices by type: on-demand constant, Spot per zone times an hourly factor, so prices change every hour. */
interface PoolTable {
  [instanceType: string]: { onDemand: number; spot: number[] };
}
const tableBook = (table: PoolTable, hourlyFactor: (hour: number) => number = () => 1): PriceBook => ({
  usdPerHour: (type: string, zone: string, market: Market, atMs: number) => {
    const row = table[type];
    if (row === undefined) throw new Error(`no price for ${type}`);
    if (market === 'on-demand') return row.onDemand;
    const hour = Math.floor((atMs - START) / HOUR);
    return Math.min(row.onDemand, (row.spot[ZONES.indexOf(zone)] ?? row.onDemand) * hourlyFactor(hour));
  },
  sourceOf: () => 'on-demand-catalog',
});

const cheapestPool = (book: PriceBook, type: string, atMs: number): number =>
  Math.min(book.usdPerHour(type, ZONES[0] ?? '', 'on-demand', atMs), ...ZONES.map((z) => book.usdPerHour(type, z, 'spot', atMs)));

/** Per step, the least cost over every count vector (up to ceil(demand / units) of each type). */
const bruteForceUsd = (demand: number[], stepSeconds: number, candidates: OracleCandidate[], book: PriceBook): number =>
  demand.reduce((total, d, i) => {
    const atMs = START + i * stepSeconds * 1000;
    const prices = candidates.map((c) => cheapestPool(book, c.instanceType, atMs));
    let best = Number.POSITIVE_INFINITY;
    const visit = (j: number, covered: number, cost: number): void => {
      if (j === candidates.length) {
        if (covered >= d) best = Math.min(best, cost);
        return;
      }
      const units = candidates[j]?.unitsPerInstance ?? 1;
      for (let n = 0; n <= Math.ceil(d / units); n += 1) visit(j + 1, covered + n * units, cost + n * (prices[j] ?? 0));
    };
    visit(0, 0, 0);
    return total + (best * stepSeconds) / 3600;
  }, 0);

const TABLE: PoolTable = {
  'small.gpu': { onDemand: 1.0, spot: [0.45, 0.4] },
  'big.gpu': { onDemand: 3.5, spot: [1.2, 1.9] },
  'odd.gpu': { onDemand: 2.2, spot: [2.2, 2.2] },
};
const CANDIDATES: OracleCandidate[] = [
  { instanceType: 'small.gpu', unitsPerInstance: 7 },
  { instanceType: 'big.gpu', unitsPerInstance: 25 },
  { instanceType: 'odd.gpu', unitsPerInstance: 16 },
];
const swing = (hour: number): number => [1, 2.5, 0.6, 1.4][hour % 4] ?? 1;

describe('oracleCost', () => {
  it('equals brute force on small cases, with prices changing every hour', () => {
    // Prepare: 4 hours of 10-minute steps
    const demand = [0, 3, 7, 8, 25, 26, 40, 41, 55, 13, 9, 0, 31, 32, 48, 64, 1, 2, 5, 18, 33, 47, 50, 12];
    const book = tableBook(TABLE, swing);
    // Act
    const result = oracleCost({ demandQps: Float64Array.from(demand), stepSeconds: 600, startMs: START, candidates: CANDIDATES, availabilityZones: ZONES, priceBook: book });
    // Assess
    expect(result.totalUsd).toBeCloseTo(bruteForceUsd(demand, 600, CANDIDATES, book), 9);
  });

  it('costs no more than any single type provisioned to each step\'s demand, and never less for more demand', () => {
    const caseArb = fc.record({
      demand: fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { minLength: 1, maxLength: 60 }),
      extra: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 60, maxLength: 60 }),
      units: fc.tuple(fc.double({ min: 1, max: 80, noNaN: true }), fc.integer({ min: 1, max: 120 })),
      stepSeconds: fc.constantFrom(10, 60, 600, 1800),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(caseArb, ({ demand, extra, units, stepSeconds, seed }) => {
        // Prepare: Spot prices that change every hour, by a seeded factor
        const random = seededRandom(seed);
        const factors = Array.from({ length: 64 }, () => 0.5 + random.next());
        const priceBook = tableBook(TABLE, (hour) => factors[hour % 64] ?? 1);
        const candidates = [
          { instanceType: 'small.gpu', unitsPerInstance: units[0] },
          { instanceType: 'big.gpu', unitsPerInstance: units[1] },
        ];
        const input = { stepSeconds, startMs: START, candidates, availabilityZones: ZONES, priceBook };
        // Act
        const oracle = oracleCost({ ...input, demandQps: Float64Array.from(demand) });
        const more = oracleCost({ ...input, demandQps: Float64Array.from(demand, (d, i) => d + (extra[i] ?? 0)) });
        // Assess
        for (const c of candidates) {
          const single = demand.reduce((sum, d, i) => sum + Math.ceil(d / c.unitsPerInstance) * cheapestPool(priceBook, c.instanceType, START + i * stepSeconds * 1000) * (stepSeconds / 3600), 0);
          expect(oracle.totalUsd).toBeLessThanOrEqual(single + 1e-9);
        }
        expect(more.totalUsd).toBeGreaterThanOrEqual(oracle.totalUsd - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('books instance-hours to the cheaper market of each type, on-demand on a tie', () => {
    // Prepare: one hour at 16 QPS: odd.gpu (16 units, $2.20 everywhere) beats 3 x small Spot ($1.20) + nothing
    const demand = new Float64Array(360).fill(16);
    const candidates = [{ instanceType: 'odd.gpu', unitsPerInstance: 16 }];
    // Act
    const result = oracleCost({ demandQps: demand, stepSeconds: 10, startMs: START, candidates, availabilityZones: ZONES, priceBook: tableBook(TABLE) });
    // Assess
    expect(result.instanceHours).toEqual([{ instanceType: 'odd.gpu', market: 'on-demand', hours: expect.closeTo(1, 9), usd: expect.closeTo(2.2, 9) }]);
    expect(result.totalUsd).toBeCloseTo(2.2, 9);
    expect(result.usdPer1kRequests).toBeCloseTo((2.2 / (16 * 3600)) * 1000, 12);
  });

  it('splits hours by type and market, summing to the total, over 30 days of 10-second steps on the real market', () => {
    // Prepare: a diurnal 50..1,000 QPS week-day shape, BERT-large INT8 seq-384 capacities at a 100 ms SLO
    const steps = 30 * 8640;
    const demand = Float64Array.from({ length: steps }, (_, i) => 525 - 475 * Math.cos((2 * Math.PI * i) / 8640));
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    const priceBook = makePriceBook({ region: 'us-east-1', availabilityZones: zones, startMs: START, endMs: START + steps * 10_000, random: seededRandom(1) });
    const candidates = [
      { instanceType: 'p3.2xlarge', unitsPerInstance: 246.9 },
      { instanceType: 'g4dn.xlarge', unitsPerInstance: 168.6 },
      { instanceType: 'g5.xlarge', unitsPerInstance: 306.4 },
    ];
    // Act
    const result = oracleCost({ demandQps: demand, stepSeconds: 10, startMs: START, candidates, availabilityZones: zones, priceBook, requests: 1e9, priceStepMs: PRICE_STEP_MS });
    // Assess
    const staticPeakOnDemand = Math.ceil(1000 / 246.9) * 3.06 * 30 * 24;
    expect(result.totalUsd).toBeGreaterThan(0);
    expect(result.totalUsd).toBeLessThan(staticPeakOnDemand);
    expect(result.instanceHours.reduce((sum, row) => sum + row.usd, 0)).toBeCloseTo(result.totalUsd, 6);
    expect(result.instanceHours.every((row) => row.market === 'spot')).toBe(true);
    expect(result.usdPer1kRequests).toBeCloseTo(result.totalUsd / 1e6, 12);
  });

  it('reads an hourly book once per hour when told its price step, with the same result', () => {
    // Prepare: 3 days of 10-second steps starting mid-hour, on the real market
    const steps = 3 * 8640;
    const startMs = START + 1_234_000;
    const demand = Float64Array.from({ length: steps }, (_, i) => 300 + 250 * Math.sin(i / 500));
    const zones = ['us-east-1a', 'us-east-1c'];
    const real = makePriceBook({ region: 'us-east-1', availabilityZones: zones, startMs, endMs: startMs + steps * 10_000, random: seededRandom(2) });
    let reads = 0;
    const priceBook: PriceBook = {
      ...real,
      usdPerHour: (...args) => {
        reads += 1;
        return real.usdPerHour(...args);
      },
    };
    const candidates = [{ instanceType: 'g4dn.xlarge', unitsPerInstance: 169 }, { instanceType: 'g6e.xlarge', unitsPerInstance: 1695 }];
    const input = { demandQps: demand, stepSeconds: 10, startMs, candidates, availabilityZones: zones, priceBook };
    // Act
    const everyStep = oracleCost(input);
    const readsEveryStep = reads;
    reads = 0;
    const hourly = oracleCost({ ...input, priceStepMs: PRICE_STEP_MS });
    // Assess: 72 hours started mid-hour touch 73 hours, each read for 2 types x 2 markets x 2 zones
    expect(hourly).toEqual(everyStep);
    expect(readsEveryStep).toBe(steps * 8);
    expect(reads).toBe(73 * 8);
  });

  it('costs nothing for no demand or no steps', () => {
    // Prepare
    const input = { stepSeconds: 10, startMs: START, candidates: CANDIDATES, availabilityZones: ZONES, priceBook: tableBook(TABLE) };
    // Act / Assess
    expect(oracleCost({ ...input, demandQps: new Float64Array(100) })).toEqual({ totalUsd: 0, usdPer1kRequests: 0, instanceHours: [] });
    expect(oracleCost({ ...input, demandQps: new Float64Array(0) })).toEqual({ totalUsd: 0, usdPer1kRequests: 0, instanceHours: [] });
  });

  it('rejects inputs it cannot bound from', () => {
    // Prepare
    const input = { demandQps: Float64Array.from([1, 2]), stepSeconds: 10, startMs: START, candidates: CANDIDATES, availabilityZones: ZONES, priceBook: tableBook(TABLE) };
    // Act / Assess
    expect(() => oracleCost({ ...input, candidates: [] })).toThrow(OracleInputError);
    expect(() => oracleCost({ ...input, availabilityZones: [] })).toThrow(/availabilityZones/);
    expect(() => oracleCost({ ...input, stepSeconds: 0 })).toThrow(/stepSeconds/);
    expect(() => oracleCost({ ...input, priceStepMs: -1 })).toThrow(/priceStepMs/);
    expect(() => oracleCost({ ...input, candidates: [{ instanceType: 'small.gpu', unitsPerInstance: 0 }] })).toThrow(/candidates\[0\]\.unitsPerInstance/);
    expect(() => oracleCost({ ...input, demandQps: Float64Array.from([1, Number.NaN]) })).toThrow(/demandQps\[1\]/);
  });
});
