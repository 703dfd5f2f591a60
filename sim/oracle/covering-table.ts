/** The exact cheapest way to cover every capacity 0..X with whole instances: an unbounded min-cost covering DP. */

/** The cheapest cover of every capacity up to `maxUnits`, as the last {@link CoveringSolver.solve} left it. */
export interface CoveringTable {
  /** `cost[x]`: least total price of whole instances whose units sum to at least x (valid for x <= maxUnits). */
  readonly cost: Float64Array;
  /** `counts[x * items + j]`: instances of item j in that cheapest cover. */
  readonly counts: Int32Array;
  readonly items: number;
  readonly maxUnits: number;
}

/** Solves covering tables for one fixed list of item sizes, reusing its buffers across price changes. */
export interface CoveringSolver {
  /** `prices[j]` is the price of one instance of item j; the result is valid until the next call. */
  solve(prices: ArrayLike<number>, maxUnits: number): CoveringTable;
}

/**
 * A solver for items of `units[j]` whole capacity units each (positive integers). `cost[x] = min_j prices[j] +
 * cost[max(0, x - units[j])]`, which is exact for covering with any number of each item: the last instance
 * added to an optimal cover of x leaves an optimal cover of the rest. Time and memory O(maxUnits x items);
 * on equal cost the earlier item wins, so results are deterministic.
 *
 * @example
 * const table = makeCoveringSolver([247, 1695]).solve([3.06, 1.861], 1000);
 * table.cost[1000]; // 1.861: one g6e.xlarge beats four p3.2xlarge
 */
export const makeCoveringSolver = (units: readonly number[]): CoveringSolver => {
  const items = units.length;
  if (items === 0) throw new RangeError('a covering needs at least one item');
  const sizes = Int32Array.from(units);
  sizes.forEach((size, j) => {
    if (!(size >= 1) || size !== units[j]) throw new RangeError(`item ${j}: ${String(units[j])} units is not a positive whole number`);
  });
  let cost = new Float64Array(1);
  let counts = new Int32Array(items);

  const solve = (prices: ArrayLike<number>, maxUnits: number): CoveringTable => {
    const top = Math.max(0, Math.ceil(maxUnits));
    if (cost.length < top + 1) {
      const length = Math.max(top + 1, cost.length * 2);
      cost = new Float64Array(length);
      counts = new Int32Array(length * items);
    }
    cost[0] = 0;
    counts.fill(0, 0, items);
    for (let x = 1; x <= top; x += 1) {
      let best = Number.POSITIVE_INFINITY;
      let bestItem = 0;
      let bestRest = 0;
      for (let j = 0; j < items; j += 1) {
        const rest = x > (sizes[j] ?? 0) ? x - (sizes[j] ?? 0) : 0;
        const candidate = (prices[j] ?? Number.POSITIVE_INFINITY) + (cost[rest] ?? 0);
        if (candidate < best) {
          best = candidate;
          bestItem = j;
          bestRest = rest;
        }
      }
      cost[x] = best;
      counts.copyWithin(x * items, bestRest * items, bestRest * items + items);
      counts[x * items + bestItem] = (counts[x * items + bestItem] ?? 0) + 1;
    }
    return { cost, counts, items, maxUnits: top };
  };

  return { solve };
};
