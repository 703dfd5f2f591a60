// The forecaster's parts: gap filling, seasonal-naive, season lengths, the robust starting state, sigma curves, quantiles.
import { describe, expect, it } from 'vitest';
import { forecastQuantile } from '../../../../layers/core/forecast/forecast-quantile';
import type { Forecast } from '../../../../layers/core/forecast/forecast-types';
import { initialState, robustMean, shrinkWeekly } from '../../../../layers/core/forecast/holt-winters-init';
import { horizonSigmas, measuredHorizons } from '../../../../layers/core/forecast/horizon-sigma';
import { imputeGaps } from '../../../../layers/core/forecast/impute-gaps';
import { seasonalNaive } from '../../../../layers/core/forecast/seasonal-naive';
import { seasonLengths } from '../../../../layers/core/forecast/season-lengths';

describe('imputeGaps', () => {
  it('fills a gap from the same time on the neighbouring days before interpolating', () => {
    // Prepare: a 4-step day; the peak of day 2 is missing
    const values = [1, 5, 9, 5, 1, 5, undefined, 5, 1, 5, 9, 5];

    // Act
    const { values: filled, present } = imputeGaps(values, 4);

    // Assess: 9 from the days around it, not 5 from the steps around it, and never 0
    expect(filled[6]).toBe(9);
    expect(present).toBe(11);
  });

  it('interpolates where no day has the step, and holds the nearest value at the edges', () => {
    // Act
    const { values: filled } = imputeGaps([undefined, 2, undefined, undefined, 8, undefined], 0);

    // Assess
    expect(Array.from(filled)).toEqual([2, 2, 4, 6, 8, 8]);
  });

  it('reports nothing present for a history of gaps only', () => {
    // Act
    const result = imputeGaps([undefined, undefined], 2);

    // Assess
    expect(result.present).toBe(0);
    expect(Array.from(result.values)).toEqual([0, 0]);
  });
});

describe('seasonalNaive', () => {
  it('repeats the last day, and the day again beyond it', () => {
    // Prepare: 12-hour steps, two per day
    const series = { startMs: 0, stepSeconds: 43_200, values: [10, 30, 12, 31] };

    // Act
    const forecast = seasonalNaive(series, 5);

    // Assess
    expect(forecast).toEqual([12, 31, 12, 31, 12]);
  });

  it('repeats the last value with less than a day, and gives nothing without data', () => {
    // Act
    const short = seasonalNaive({ startMs: 0, stepSeconds: 3600, values: [4, 7] }, 3);
    const none = seasonalNaive({ startMs: 0, stepSeconds: 3600, values: [undefined] }, 3);

    // Assess
    expect(short).toEqual([7, 7, 7]);
    expect(none).toEqual([]);
  });
});

describe('seasonLengths', () => {
  it('derives the day and week in steps, and refuses a step that does not divide a day', () => {
    expect(seasonLengths(300)).toEqual({ daily: 288, weekly: 2016 });
    expect(seasonLengths(1800)).toEqual({ daily: 48, weekly: 336 });
    expect(seasonLengths(700)).toEqual({ reason: 'a step of 700 s does not divide a day' });
    expect(seasonLengths(86_400)).toEqual({ reason: 'a step of 86400 s leaves no cycle within a day' });
    expect(seasonLengths(0)).toEqual({ reason: 'a step of 0 s is not a positive duration' });
  });
});

describe('initialState', () => {
  it('drops the odd cycle out: a shift in the last of four weeks moves no index', () => {
    // Prepare: a 2-step day, 4 weeks; +100 from the last week's middle
    const daily = 2;
    const weekly = 14;
    const y = Float64Array.from({ length: 4 * weekly }, (_, i) => (i % 2 === 0 ? 10 : 30) + (i >= 3 * weekly + 7 ? 100 : 0));

    // Act
    const state = initialState(y, daily, weekly, 4);

    // Assess
    expect(Array.from(state.daily)).toEqual([-10, 10]);
    state.weekly.forEach((w) => expect(w).toBeCloseTo(0, 9));
    expect(state.level).toBeCloseTo(20, 9);
  });

  it('takes the robust mean: without the lowest and the highest, from three values on', () => {
    expect(robustMean([1, 2, 3, 100])).toBe(2.5);
    expect(robustMean([7, 1, 100])).toBe(7);
    expect(robustMean([1, 9])).toBe(5);
    expect(robustMean([])).toBe(0);
  });
});

describe('shrinkWeekly', () => {
  it('pulls indices that stand within the noise to their moving average, and keeps what stands out of it', () => {
    // Prepare: small wiggles (+-1) around 0, then a step of 50 (a weekend), noise variance 4
    const weekly = Float64Array.from({ length: 40 }, (_, k) => (k < 20 ? (k % 2 === 0 ? 1 : -1) : 50));

    // Act
    const shrunk = shrinkWeekly(weekly, 1, 4);

    // Assess: wiggles flattened toward their average, the step kept within a few units
    expect(Math.abs(shrunk[10] ?? 0)).toBeLessThan(0.5);
    expect(shrunk[30]).toBeCloseTo(50, 6);
    expect(shrunk[20]).toBeGreaterThan(45);
    expect(shrunk[19]).toBeLessThan(5);
  });

  it('leaves the indices as they are without noise', () => {
    // Prepare
    const weekly = Float64Array.from([3, -1, 4, -1, -5]);

    // Act
    const shrunk = shrinkWeekly(weekly, 2, 0);

    // Assess
    expect(Array.from(shrunk)).toEqual([3, -1, 4, -1, -5]);
  });
});

describe('horizonSigmas', () => {
  it('measures dense short horizons and sparser long ones', () => {
    expect(measuredHorizons(20)).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 20]);
    expect(measuredHorizons(0)).toEqual([]);
  });

  it('matches the 90th percentile of the absolute errors, and never decreases', () => {
    // Prepare: a constant forecast of 0 against |errors| 1..100 at every horizon
    const y = Float64Array.from({ length: 101 }, (_, i) => i);

    // Act
    const sigma = horizonSigmas(y, 3, () => 0, { fromOrigin: 0 }, 1);

    // Assess: the errors at h are h..100, whose 90th percentile is near 90
    expect(sigma[0]).toBeCloseTo(90 / 1.6448536269514722, 0);
    expect(sigma[2]).toBeGreaterThanOrEqual(sigma[1] ?? 0);
  });

  it('falls back to the given spread, growing like the square root of the horizon, when nothing can be measured', () => {
    // Act
    const sigma = horizonSigmas(Float64Array.from([5]), 4, () => 5, { fromOrigin: 0 }, 2);

    // Assess
    expect(sigma).toEqual([2, 2 * Math.SQRT2, 2 * Math.sqrt(3), 4]);
  });
});

describe('forecastQuantile', () => {
  const forecast: Forecast = { model: 'flat', note: '', startMs: 0, stepSeconds: 300, point: [100, 5], sigma: [10, 10], coverage: 1 };

  it('adds z(q) sigma to the point, clipped at zero', () => {
    // Act
    const upper = forecastQuantile(forecast, 0.9);
    const lower = forecastQuantile(forecast, 0.1);

    // Assess
    expect(upper[0]).toBeCloseTo(112.8155, 3);
    expect(lower[0]).toBeCloseTo(87.1845, 3);
    expect(lower[1]).toBe(0);
  });

  it('rejects a probability outside (0, 1)', () => {
    expect(() => forecastQuantile(forecast, 1)).toThrow(RangeError);
    expect(() => forecastQuantile(forecast, 0)).toThrow('strictly between 0 and 1');
  });
});
