// makeCoveringSolver: the covering DP against brute-force enumeration, and the covers it reports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCoveringSolver } from '../../../../sim/oracle/covering-table';

/** Least cost of counts n_j with sum n_j x units_j >= demand, by enumerating every count up to ceil(demand / units_j). */
const bruteForce = (units: number[], prices: number[], demand: number): number => {
  let best = Number.POSITIVE_INFINITY;
  const visit = (j: number, covered: number, cost: number): void => {
    if (j === units.length) {
      if (covered >= demand) best = Math.min(best, cost);
      return;
    }
    const size = units[j] ?? 1;
    for (let n = 0; n <= Math.ceil(demand / size); n += 1) visit(j + 1, covered + n * size, cost + n * (prices[j] ?? 0));
  };
  visit(0, 0, 0);
  return best;
};

const itemsArb = fc.array(fc.record({ units: fc.integer({ min: 1, max: 12 }), price: fc.double({ min: 0.05, max: 20, noNaN: true }) }), { minLength: 1, maxLength: 3 });

describe('makeCoveringSolver', () => {
  it('finds the brute-force optimum for every capacity up to the maximum', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 0, max: 40 }), (items, maxUnits) => {
        // Prepare
        const units = items.map((i) => i.units);
        const prices = items.map((i) => i.price);
        // Act
        const table = makeCoveringSolver(units).solve(prices, maxUnits);
        // Assess
        for (let x = 0; x <= maxUnits; x += 1) expect(table.cost[x]).toBeCloseTo(bruteForce(units, prices, x), 9);
      }),
      { numRuns: 150 },
    );
  });

  it('reports, for each capacity, counts that cover it at the reported cost', () => {
    fc.assert(
      fc.property(itemsArb, fc.integer({ min: 0, max: 200 }), (items, maxUnits) => {
        // Prepare
        const units = items.map((i) => i.units);
        const prices = items.map((i) => i.price);
        // Act
        const table = makeCoveringSolver(units).solve(prices, maxUnits);
        // Assess
        for (let x = 0; x <= maxUnits; x += 1) {
          const counts = units.map((_, j) => table.counts[x * units.length + j] ?? 0);
          expect(counts.reduce((sum, n, j) => sum + n * (units[j] ?? 0), 0)).toBeGreaterThanOrEqual(x);
          expect(counts.reduce((sum, n, j) => sum + n * (prices[j] ?? 0), 0)).toBeCloseTo(table.cost[x] ?? Number.NaN, 9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reuses its buffers across price changes without keeping stale covers', () => {
    // Prepare: a g4dn.xlarge-like item (169 units) and a g6e.xlarge-like one (1,695 units)
    const solver = makeCoveringSolver([169, 1695]);
    // Act
    const cheapBig = solver.solve([0.526, 1.861], 2000).cost[1000];
    const dearBig = solver.solve([0.526, 9], 500).cost[500];
    const large = solver.solve([0.526, 1.861], 5000).cost[5000];
    // Assess
    expect(cheapBig).toBeCloseTo(1.861, 12);
    expect(dearBig).toBeCloseTo(3 * 0.526, 12);
    expect(large).toBeCloseTo(3 * 1.861, 12);
  });

  it('rejects item sizes that are not positive whole numbers', () => {
    // Prepare / Act / Assess
    expect(() => makeCoveringSolver([])).toThrow(RangeError);
    expect(() => makeCoveringSolver([10, 2.5])).toThrow(/item 1/);
    expect(() => makeCoveringSolver([0])).toThrow(RangeError);
  });
});
