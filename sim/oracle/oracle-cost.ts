/** The oracle: at every step, the cheapest whole instances (any candidate type, any pool) covering that step's demand. */
import type { Market } from '../../layers/core/fleet';
import type { PriceBook } from '../model/market';
import type { OracleResult } from '../model/report';
import { makeCoveringSolver } from './covering-table';

export interface OracleCandidate {
  instanceType: string;
  /** Capacity of one instance, units = QPS at the fleet's SLO. */
  unitsPerInstance: number;
}

export interface OracleInput {
  /** Demand of each step, QPS. */
  demandQps: Float64Array;
  stepSeconds: number;
  /** Start of step 0, epoch ms. */
  startMs: number;
  candidates: OracleCandidate[];
  availabilityZones: string[];
  priceBook: PriceBook;
  /** Requests of the run, for usdPer1kRequests; defaults to the sum of demand x stepSeconds. */
  requests?: number;
  /**
   * When the book's prices are constant within each epoch-aligned window of this length (`PRICE_STEP_MS`, one
   * hour, for makePriceBook), prices are read once per window instead of at every step.
   */
  priceStepMs?: number;
}

/** An oracle input it cannot bound from: no candidate, no zone, a non-positive step or unit, or a bad demand. */
export class OracleInputError extends Error {
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'OracleInputError';
  }
}

const MARKETS: readonly Market[] = ['spot', 'on-demand'];
// Float noise such as 300.0000000001 QPS must not cost a whole extra unit.
const WHOLE_UNIT_SLACK = 1e-9;
const wholeUnits = (value: number): number => Math.max(0, Math.ceil(value - WHOLE_UNIT_SLACK));

const validate = (input: OracleInput): void => {
  if (input.candidates.length === 0) throw new OracleInputError('candidates: at least one instance type is needed');
  if (input.availabilityZones.length === 0) throw new OracleInputError('availabilityZones: at least one zone is needed');
  if (!(input.stepSeconds > 0)) throw new OracleInputError(`stepSeconds: ${input.stepSeconds} is not > 0`);
  if (input.priceStepMs !== undefined && !(input.priceStepMs > 0)) throw new OracleInputError(`priceStepMs: ${input.priceStepMs} is not > 0`);
  input.candidates.forEach((c, i) => {
    if (!(c.unitsPerInstance > 0 && Number.isFinite(c.unitsPerInstance))) {
      throw new OracleInputError(`candidates[${i}].unitsPerInstance: ${c.unitsPerInstance} is not a positive number`);
    }
  });
  const bad = input.demandQps.findIndex((d) => !(d >= 0 && Number.isFinite(d)));
  if (bad >= 0) throw new OracleInputError(`demandQps[${bad}]: ${input.demandQps[bad]} is not a finite number >= 0`);
};

/**
 * The lower bound every policy's cost is reported against: at each step, the cheapest multiset of whole instances
 * whose capacity covers that step's demand, at that step's prices (Spot in any zone or on-demand, the cheaper pool
 * per type; on-demand on a tie), with no lead time, no interruptions and no 60-s minimum. Exact (covering-table.ts),
 * recomputed only when a price changes and only up to the highest demand until then. Capacities are counted in
 * whole units: a fractional `unitsPerInstance` is rounded up, which can only make the bound lower, never invalid.
 *
 * @example
 * oracleCost({ demandQps, stepSeconds: 10, startMs, candidates: [{ instanceType: 'g5.xlarge', unitsPerInstance: 169 }],
 *   availabilityZones: ['us-east-1a'], priceBook }).totalUsd;
 * @throws OracleInputError for an input it cannot bound from (see the class).
 */
export const oracleCost = (input: OracleInput): OracleResult => {
  validate(input);
  const { demandQps, stepSeconds, startMs, candidates, availabilityZones, priceBook } = input;
  const types = candidates.length;
  const zones = availabilityZones.length;
  const solver = makeCoveringSolver(candidates.map((c) => wholeUnits(c.unitsPerInstance)));
  const stepMs = stepSeconds * 1000;
  const hoursPerStep = stepSeconds / 3600;
  // Pool (type t, market m, zone z) sits at (t * 2 + m) * zones + z.
  let prices = new Float64Array(types * 2 * zones);
  let nextPrices = new Float64Array(types * 2 * zones);
  const readPrices = (into: Float64Array, atMs: number): void => {
    for (let t = 0; t < types; t += 1) {
      const type = candidates[t]?.instanceType ?? '';
      for (let m = 0; m < 2; m += 1) {
        for (let z = 0; z < zones; z += 1) into[(t * 2 + m) * zones + z] = priceBook.usdPerHour(type, availabilityZones[z] ?? '', MARKETS[m] ?? 'spot', atMs);
      }
    }
  };
  const itemPrices = new Float64Array(types);
  const itemMarket = new Int8Array(types);
  const instanceSteps = new Float64Array(types);
  const usdByPool = new Float64Array(types * 2);
  const hoursByPool = new Float64Array(types * 2);
  let totalUsd = 0;

  const settle = (from: number, to: number, maxUnits: number): void => {
    for (let t = 0; t < types; t += 1) {
      let best = Number.POSITIVE_INFINITY;
      let market = 0;
      for (let m = 1; m >= 0; m -= 1) {
        for (let z = 0; z < zones; z += 1) {
          const price = prices[(t * 2 + m) * zones + z] ?? Number.POSITIVE_INFINITY;
          if (price < best) {
            best = price;
            market = m;
          }
        }
      }
      itemPrices[t] = best;
      itemMarket[t] = market;
    }
    const table = solver.solve(itemPrices, maxUnits);
    instanceSteps.fill(0);
    for (let i = from; i < to; i += 1) {
      const x = wholeUnits(demandQps[i] ?? 0);
      totalUsd += (table.cost[x] ?? 0) * hoursPerStep;
      for (let t = 0; t < types; t += 1) instanceSteps[t] = (instanceSteps[t] ?? 0) + (table.counts[x * types + t] ?? 0);
    }
    for (let t = 0; t < types; t += 1) {
      const pool = t * 2 + (itemMarket[t] ?? 0);
      const hours = (instanceSteps[t] ?? 0) * hoursPerStep;
      hoursByPool[pool] = (hoursByPool[pool] ?? 0) + hours;
      usdByPool[pool] = (usdByPool[pool] ?? 0) + hours * (itemPrices[t] ?? 0);
    }
  };

  const steps = demandQps.length;
  const priceStepMs = input.priceStepMs;
  const windowOf = (i: number): number => (priceStepMs === undefined ? i : Math.floor((startMs + i * stepMs) / priceStepMs));
  let segmentStart = 0;
  let segmentMax = 0;
  let priceWindow = windowOf(0);
  if (steps > 0) readPrices(prices, startMs);
  for (let i = 0; i < steps; i += 1) {
    if (i > 0 && windowOf(i) !== priceWindow) {
      priceWindow = windowOf(i);
      readPrices(nextPrices, startMs + i * stepMs);
      if (!samePrices(prices, nextPrices)) {
        settle(segmentStart, i, segmentMax);
        [prices, nextPrices] = [nextPrices, prices];
        segmentStart = i;
        segmentMax = 0;
      }
    }
    segmentMax = Math.max(segmentMax, wholeUnits(demandQps[i] ?? 0));
  }
  if (steps > 0) settle(segmentStart, steps, segmentMax);

  const requests = input.requests ?? demandQps.reduce((sum, d) => sum + d * stepSeconds, 0);
  const instanceHours = candidates.flatMap((c, t) =>
    MARKETS.map((market, m) => ({ instanceType: c.instanceType, market, hours: hoursByPool[t * 2 + m] ?? 0, usd: usdByPool[t * 2 + m] ?? 0 })),
  ).filter((row) => row.hours > 0);
  return { totalUsd, usdPer1kRequests: requests > 0 ? (totalUsd / requests) * 1000 : 0, instanceHours };
};

const samePrices = (a: Float64Array, b: Float64Array): boolean => {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
};
