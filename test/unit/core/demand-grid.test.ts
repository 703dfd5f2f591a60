/** The demand grid: which requests make one, where a timestamp falls, and per-step sums with gaps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demandGridOf, stepIndexOf, sumPerStep } from '../../../layers/core/demand-grid';

const DAY_MS = Date.UTC(2026, 2, 2);

describe('demandGridOf', () => {
  it('makes one step per period between aligned bounds', () => {
    // Act + Assess
    expect(demandGridOf(DAY_MS - 86_400_000, DAY_MS, 300)).toEqual({ startMs: DAY_MS - 86_400_000, stepMs: 300_000, steps: 288 });
  });

  it.each([
    ['a period that is not a CloudWatch period', DAY_MS, DAY_MS, 90, /not one CloudWatch accepts/],
    ['a start off the period', DAY_MS + 60_000, DAY_MS + 600_000, 300, /^start .* is not a multiple/],
    ['an end off the period', DAY_MS, DAY_MS + 1, 300, /^end .* is not a multiple/],
    ['an end before the start', DAY_MS, DAY_MS - 300_000, 300, /is before start/],
  ])('has no grid for %s', (_, startMs, endMs, period, problem) => {
    // Act
    const grid = demandGridOf(startMs, endMs, period);

    // Assess
    expect(grid).toEqual({ problem: expect.stringMatching(problem) });
  });

  it('accepts the high-resolution periods', () => {
    // Act + Assess
    expect([1, 5, 10, 20, 30].map((p) => 'steps' in demandGridOf(DAY_MS, DAY_MS + 60_000, p))).toEqual([true, true, true, true, true]);
  });
});

describe('stepIndexOf', () => {
  it('puts every timestamp inside the grid in the step that covers it, and none outside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (steps, offsetMs) => {
        // Prepare
        const grid = { startMs: DAY_MS, stepMs: 300_000, steps };

        // Act
        const index = stepIndexOf(grid, DAY_MS + offsetMs);

        // Assess
        if (offsetMs < 0 || offsetMs >= steps * 300_000) return index === undefined;
        return index !== undefined && DAY_MS + index * 300_000 <= DAY_MS + offsetMs && DAY_MS + offsetMs < DAY_MS + (index + 1) * 300_000;
      }),
    );
  });
});

describe('sumPerStep', () => {
  it('adds the sources that have a step, leaves a step no source has as a gap, and ignores steps off the grid', () => {
    // Act
    const sums = sumPerStep(4, [new Map([[0, 5], [3, 0], [9, 100]]), new Map([[0, 2], [1, 4]])]);

    // Assess
    expect(sums).toEqual([7, 4, undefined, 0]);
  });
});
