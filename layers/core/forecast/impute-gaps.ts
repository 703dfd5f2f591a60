/** Fill the gaps of a demand series from its seasonal neighbours, so no model ever reads a missing step as zero. */

/** The series with every gap filled, and how many steps had a datapoint. */
export interface ImputedSeries {
  values: Float64Array;
  present: number;
}

const NEIGHBOUR_CYCLES = 4;

/**
 * Fill each gap with the mean of the present values at the same phase of the nearest cycles (up to four cycles
 * back and four ahead); a step with no such neighbour takes the straight line between the present values around
 * it, and a gap at an edge takes the nearest present value. A series with no datapoint at all stays zero.
 *
 * The seasonal neighbour, not interpolation, comes first: a two-hour gap over the morning ramp is better filled
 * by yesterday's ramp than by a straight line from before it to after it.
 *
 * @param period steps in one cycle (a day); 0 or less to interpolate only
 * @example
 * ```ts
 * imputeGaps([1, 5, 1, undefined], 2).values; // Float64Array [1, 5, 1, 5]
 * ```
 */
export const imputeGaps = (values: readonly (number | undefined)[], period: number): ImputedSeries => {
  const n = values.length;
  const out = new Float64Array(n);
  const missing: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const v = values[i];
    if (v === undefined || !Number.isFinite(v)) {
      out[i] = Number.NaN;
      missing.push(i);
    } else {
      out[i] = v;
    }
  }
  if (missing.length === n) return { values: out.fill(0), present: 0 };
  const stillMissing: number[] = [];
  for (const i of missing) {
    let sum = 0;
    let count = 0;
    for (let c = 1; period > 0 && c <= NEIGHBOUR_CYCLES; c += 1) {
      for (const j of [i - c * period, i + c * period]) {
        const v = values[j];
        if (j >= 0 && j < n && v !== undefined && Number.isFinite(v)) {
          sum += v;
          count += 1;
        }
      }
      if (count > 0) break;
    }
    if (count > 0) out[i] = sum / count;
    else stillMissing.push(i);
  }
  interpolate(out, stillMissing);
  return { values: out, present: n - missing.length };
};

/** Straight lines between the present values either side of each run of NaN; flat beyond the ends. */
const interpolate = (out: Float64Array, missing: readonly number[]): void => {
  let after = -1;
  for (const i of missing) {
    // Runs are walked left to right, so the step before is always filled by now; the one after is found once per run.
    if (after <= i) {
      after = i + 1;
      while (after < out.length && Number.isNaN(out[after] ?? Number.NaN)) after += 1;
    }
    const a = i > 0 ? out[i - 1] : undefined;
    const b = after < out.length ? out[after] : undefined;
    if (a !== undefined && b !== undefined) out[i] = a + (b - a) / (after - i + 1);
    else out[i] = a ?? b ?? 0;
  }
};
