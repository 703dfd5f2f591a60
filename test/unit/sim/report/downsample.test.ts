import { describe, expect, it } from 'vitest';
import { downsampleMinMax, evenlySpaced } from '../../../../sim/report/charts/downsample';

const times = (n: number): number[] => Array.from({ length: n }, (_, i) => i * 300_000);

describe('downsampleMinMax', () => {
  it('keeps a series that fits the budget as it is', () => {
    // Prepare
    const t = times(5);

    // Act
    const thin = downsampleMinMax(t, [1, 2, 3, 4, 5], 10);

    // Assess
    expect(thin).toEqual({ tMs: t, values: [1, 2, 3, 4, 5] });
  });

  it('thins 8,640 points to the budget and keeps a one-point spike and a one-point dip', () => {
    // Prepare
    const t = times(8_640);
    const values = t.map(() => 100);
    values[4_321] = 5_000;
    values[777] = 0;

    // Act
    const thin = downsampleMinMax(t, values, 2_000);

    // Assess
    expect(thin.tMs.length).toBeLessThanOrEqual(2_000);
    expect(thin.tMs.length).toBe(thin.values.length);
    expect(Math.max(...thin.values)).toBe(5_000);
    expect(Math.min(...thin.values)).toBe(0);
    expect(thin.tMs[thin.values.indexOf(5_000)]).toBe(t[4_321]);
    expect([...thin.tMs].sort((a, b) => a - b)).toEqual(thin.tMs);
  });

  it('drops non-finite values (intervals where nothing was served)', () => {
    // Prepare
    const t = times(4);

    // Act
    const thin = downsampleMinMax(t, [1, Number.NaN, Number.POSITIVE_INFINITY, 0.5], 10);

    // Assess
    expect(thin.values).toEqual([1, 0.5]);
    expect(thin.tMs).toEqual([t[0], t[3]]);
  });
});

describe('evenlySpaced', () => {
  it('keeps the first and the last item and spreads the rest', () => {
    // Prepare
    const items = Array.from({ length: 101 }, (_, i) => i);

    // Act
    const picked = evenlySpaced(items, 5);

    // Assess
    expect(picked).toEqual([0, 25, 50, 75, 100]);
  });
});
