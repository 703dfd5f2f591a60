/** The regular time grid a demand history is read on: its steps, and which step a datapoint's timestamp falls in. */

/** `steps` steps of `stepMs` from `startMs`: step i covers [startMs + i * stepMs, startMs + (i + 1) * stepMs). */
export interface DemandGrid {
  startMs: number;
  stepMs: number;
  steps: number;
}

// CloudWatch periods: 1, 5, 10, 20 or 30 s (high-resolution metrics) or any multiple of 60 (GetMetricData reference).
const isCloudWatchPeriod = (seconds: number): boolean =>
  Number.isInteger(seconds) && seconds > 0 && (seconds % 60 === 0 || [1, 5, 10, 20, 30].includes(seconds));

/**
 * The grid of a history request, or why the request has none: the period must be one CloudWatch accepts, and the
 * bounds multiples of it (so every step is one CloudWatch period), the end not before the start.
 *
 * @example
 * demandGridOf(Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 2), 300); // { startMs, stepMs: 300_000, steps: 288 }
 * demandGridOf(Date.UTC(2026, 2, 1, 0, 1), Date.UTC(2026, 2, 2), 300); // { problem: 'start ... is not a multiple of the 300 s period' }
 */
export const demandGridOf = (startMs: number, endMs: number, periodSeconds: number): DemandGrid | { problem: string } => {
  if (!isCloudWatchPeriod(periodSeconds)) return { problem: `a period of ${periodSeconds} s is not one CloudWatch accepts (1, 5, 10, 20, 30 or a multiple of 60)` };
  const stepMs = periodSeconds * 1000;
  for (const [bound, ms] of [['start', startMs], ['end', endMs]] as const) {
    if (!Number.isSafeInteger(ms) || ms % stepMs !== 0) return { problem: `${bound} ${ms} is not a multiple of the ${periodSeconds} s period` };
  }
  if (endMs < startMs) return { problem: `end ${endMs} is before start ${startMs}` };
  return { startMs, stepMs, steps: (endMs - startMs) / stepMs };
};

/** The step a datapoint at `timestampMs` belongs to, or undefined when it is outside the grid. */
export const stepIndexOf = (grid: DemandGrid, timestampMs: number): number | undefined => {
  const index = Math.floor((timestampMs - grid.startMs) / grid.stepMs);
  return index >= 0 && index < grid.steps ? index : undefined;
};

/**
 * Sums per step: `undefined` where no source had a datapoint, the sum of those that had one elsewhere.
 *
 * @example
 * sumPerStep(3, [new Map([[0, 5]]), new Map([[0, 2], [2, 0]])]); // [7, undefined, 0]
 */
export const sumPerStep = (steps: number, sources: Iterable<ReadonlyMap<number, number>>): (number | undefined)[] => {
  const sums: (number | undefined)[] = new Array<number | undefined>(steps).fill(undefined);
  for (const source of sources) {
    for (const [index, value] of source) {
      if (index >= 0 && index < steps) sums[index] = (sums[index] ?? 0) + value;
    }
  }
  return sums;
};
