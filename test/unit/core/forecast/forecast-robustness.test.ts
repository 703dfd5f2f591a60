// forecastDemand on faulty histories: gaps, a level shift, a spike, missing recent datapoints.
import { describe, expect, it } from 'vitest';
import { forecastDemand } from '../../../../layers/core/forecast/forecast-demand';
import type { DemandSeries } from '../../../../layers/core/forecast/forecast-types';
import { arNoise, cycleSeries, cycleValue, DAY_5MIN, gaussianNoise, WEEK_5MIN } from '../../../helpers/demand-series-factories';

const SHAPE = { stepSeconds: 300 };
const STEPS = 4 * WEEK_5MIN;
const meanAbsError = (point: number[], expected: (h: number) => number): number =>
  point.reduce((sum, p, h) => sum + Math.abs(p - expected(h)), 0) / point.length;

describe('forecastDemand with gaps', () => {
  it('fills gaps from the cycle, not with zeros: a gap over the last morning ramp leaves the forecast exact', () => {
    // Prepare: 10% of steps missing at random, and the whole morning (06:00-12:00) of the last day
    const lastDay = STEPS - DAY_5MIN;
    const drop = gaussianNoise(1, 5, STEPS);
    const series = cycleSeries(SHAPE, STEPS, { gap: (i) => drop(i) > 1.28 || (i >= lastDay + 72 && i < lastDay + 144) });

    // Act
    const f = forecastDemand(series, { horizonSteps: 72 });

    // Assess
    expect(f.model).toBe('double-seasonal-holt-winters');
    expect(f.coverage).toBeGreaterThan(0.85);
    expect(f.coverage).toBeLessThan(0.93);
    expect(meanAbsError(f.point, (h) => cycleValue(SHAPE, STEPS + h))).toBeLessThan(0.1);
  });

  it('forecasts from the end of the history when the latest datapoints are missing, and widens sigma for it', () => {
    // Prepare: persistent (AR(1)) noise, so errors grow with the horizon; the last two hours have no datapoint
    const noise = arNoise(10, 0.95, 6, STEPS);
    const complete = cycleSeries(SHAPE, STEPS, { noise });
    const late = cycleSeries(SHAPE, STEPS, { noise, gap: (i) => i >= STEPS - 24 });

    // Act
    const onTime = forecastDemand(complete, { horizonSteps: 12 });
    const f = forecastDemand(late, { horizonSteps: 12 });

    // Assess
    expect(f.startMs).toBe(onTime.startMs);
    expect(f.note).toContain('the last 24 steps have no datapoint');
    expect(meanAbsError(f.point, (h) => cycleValue(SHAPE, STEPS + h))).toBeLessThan(60);
    expect(f.sigma[0]).toBeGreaterThan(onTime.sigma[0] ?? 0);
  });
});

describe('forecastDemand with a level shift', () => {
  const shifted = (shiftAt: number, steps: number, by: number): DemandSeries => {
    const noise = gaussianNoise(20, 7, steps);
    return cycleSeries(SHAPE, steps, { noise: (i) => (i >= shiftAt ? by : 0) + noise(i) });
  };

  it('absorbs a lasting shift within a day', () => {
    // Prepare: demand up by 400 (40% of the mean) from one day before the end
    const series = shifted(STEPS - DAY_5MIN, STEPS, 400);

    // Act
    const f = forecastDemand(series, { horizonSteps: 72 });

    // Assess: the next six hours are forecast at the new level, within 5% of the shift
    expect(meanAbsError(f.point, (h) => cycleValue(SHAPE, STEPS + h) + 400)).toBeLessThan(20);
  });

  it('follows a shift within hours, not days', () => {
    // Prepare: the shift happened three hours ago
    const series = shifted(STEPS - 36, STEPS, 400);

    // Act
    const f = forecastDemand(series, { horizonSteps: 12 });

    // Assess: at least three quarters of the shift is in the next hour's forecast
    expect(meanAbsError(f.point, (h) => cycleValue(SHAPE, STEPS + h) + 400)).toBeLessThan(100);
  });
});

describe('forecastDemand with outliers', () => {
  it('does not follow a spike of 50 times the demand in the latest step', () => {
    // Prepare: persistent noise, so the model does carry its latest error forward
    const noise = arNoise(10, 0.95, 8, STEPS);
    const clean = cycleSeries(SHAPE, STEPS, { noise });
    const values = [...clean.values];
    values[STEPS - 1] = 50 * (values[STEPS - 1] ?? 0);

    // Act
    const reference = forecastDemand(clean, { horizonSteps: 72 });
    const f = forecastDemand({ ...clean, values }, { horizonSteps: 72 });

    // Assess: the next six hours move by less than 3% of the mean demand
    expect(meanAbsError(f.point, (h) => reference.point[h] ?? 0)).toBeLessThan(30);
    expect(f.point.every(Number.isFinite)).toBe(true);
  });

  it('keeps its weekly cycle through a day of near-zero demand (an outage) a week ago', () => {
    // Prepare: the same weekday last week served almost nothing
    const noise = gaussianNoise(20, 9, STEPS);
    const outage = (i: number): boolean => i >= STEPS - WEEK_5MIN && i < STEPS - WEEK_5MIN + DAY_5MIN;
    const series = cycleSeries(SHAPE, STEPS, { noise: (i) => (outage(i) ? -900 : noise(i)) });

    // Act
    const f = forecastDemand(series, { horizonSteps: 72 });

    // Assess
    expect(meanAbsError(f.point, (h) => cycleValue(SHAPE, STEPS + h))).toBeLessThan(60);
  });
});
