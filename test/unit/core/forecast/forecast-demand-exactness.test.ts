// forecastDemand: exact forecasts of noise-free cycles at several steps, and the horizon it is asked for.
import { describe, expect, it } from 'vitest';
import { forecastDemand } from '../../../../layers/core/forecast/forecast-demand';
import { cycleSeries, cycleValue, DAY_5MIN, MONDAY_MS, WEEK_5MIN } from '../../../helpers/demand-series-factories';

const FIVE_MIN = { stepSeconds: 300 };
const HALF_HOUR = { stepSeconds: 1800 };
const maxError = (point: number[], expected: (h: number) => number): number => Math.max(...point.map((p, h) => Math.abs(p - expected(h))));

describe('forecastDemand on noise-free cycles', () => {
  it('forecasts a daily and weekly cycle almost exactly, across the weekend boundary', () => {
    // Prepare: four weeks of 5-minute steps ending on a Sunday evening 18:00, six hours ahead
    const shape = { ...FIVE_MIN };
    const steps = 4 * WEEK_5MIN - 6 * 12;
    const series = cycleSeries(shape, steps);

    // Act
    const f = forecastDemand(series, { horizonSteps: 72 });

    // Assess
    expect(f.model).toBe('double-seasonal-holt-winters');
    expect(maxError(f.point, (h) => cycleValue(shape, steps + h))).toBeLessThan(1e-6);
    expect(Math.max(...f.sigma)).toBeLessThan(1e-6);
  });

  it('forecasts two days ahead of 30-minute steps almost exactly', () => {
    // Prepare
    const shape = { ...HALF_HOUR, base: 20_000, dailySwing: 0.8, weekendDrop: 5_000 };
    const steps = 3 * 7 * 48 + 20;
    const series = cycleSeries(shape, steps);

    // Act
    const f = forecastDemand(series, { horizonSteps: 96 });

    // Assess
    expect(maxError(f.point, (h) => cycleValue(shape, steps + h))).toBeLessThan(1e-6);
  });

  it('forecasts a daily cycle almost exactly from a few days with the daily model', () => {
    // Prepare: no weekend effect within the five days
    const shape = { ...FIVE_MIN, weekendDrop: 0 };
    const series = cycleSeries(shape, 5 * DAY_5MIN);

    // Act
    const f = forecastDemand(series, { horizonSteps: 36 });

    // Assess
    expect(f.model).toBe('daily-holt-winters');
    expect(maxError(f.point, (h) => cycleValue(shape, 5 * DAY_5MIN + h))).toBeLessThan(1e-6);
  });
});

describe('forecastDemand horizon', () => {
  it('starts at the end of the history and gives one value per step asked', () => {
    // Prepare
    const series = cycleSeries(FIVE_MIN, 3 * DAY_5MIN);

    // Act
    const f = forecastDemand(series, { horizonSteps: 7.9 });

    // Assess
    expect(f.startMs).toBe(MONDAY_MS + 3 * 86_400_000);
    expect(f.stepSeconds).toBe(300);
    expect(f.point).toHaveLength(7);
    expect(f.sigma).toHaveLength(7);
    expect(f.coverage).toBe(1);
  });

  it('still names its model when no step is asked for', () => {
    // Prepare
    const series = cycleSeries(FIVE_MIN, 3 * DAY_5MIN);

    // Act
    const f = forecastDemand(series, { horizonSteps: 0 });

    // Assess
    expect(f.model).toBe('daily-holt-winters');
    expect(f.point).toEqual([]);
    expect(f.sigma).toEqual([]);
  });
});
