import { describe, expect, it } from 'vitest';
import { forecastDemand } from '../../../../layers/core/forecast/forecast-demand';
import { cycleSeries, DAY_5MIN, gaussianNoise, WEEK_5MIN } from '../../../helpers/demand-series-factories';

const SHAPE = { stepSeconds: 300 };
const STEPS = 3 * WEEK_5MIN;

describe('forecastDemand with the weights of an earlier fit', () => {
  it('returns the weights it fitted, for the model it chose', () => {
    // Prepare
    const series = cycleSeries(SHAPE, STEPS, { noise: gaussianNoise(30, 7, STEPS) });
    // Act
    const forecast = forecastDemand(series, { horizonSteps: 12 });
    // Assess
    expect(forecast.model).toBe('double-seasonal-holt-winters');
    expect(forecast.fit?.model).toBe('double-seasonal-holt-winters');
    for (const w of [forecast.fit?.alpha, forecast.fit?.delta, forecast.fit?.omega, forecast.fit?.phi]) {
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same forecast as fitting again when the series is the same', () => {
    // Prepare
    const series = cycleSeries(SHAPE, STEPS, { noise: gaussianNoise(30, 11, STEPS) });
    const first = forecastDemand(series, { horizonSteps: 24 });
    // Act
    const reused = forecastDemand(series, { horizonSteps: 24, ...(first.fit ? { fit: first.fit } : {}) });
    // Assess
    expect(reused.point).toEqual(first.point);
    expect(reused.sigma).toEqual(first.sigma);
  });

  it('follows the new datapoints with the old weights (an hour later, close to a fresh fit)', () => {
    // Prepare: fit on three weeks, then an hour more of history
    const total = STEPS + 12;
    const noise = gaussianNoise(30, 13, total);
    const earlier = forecastDemand(cycleSeries(SHAPE, STEPS, { noise }), { horizonSteps: 12 });
    const later = cycleSeries(SHAPE, total, { noise });
    // Act
    const reused = forecastDemand(later, { horizonSteps: 12, ...(earlier.fit ? { fit: earlier.fit } : {}) });
    const fresh = forecastDemand(later, { horizonSteps: 12 });
    // Assess: the reused forecast starts after the new hour and stays within a few sigma of the fresh one
    expect(reused.startMs).toBe(fresh.startMs);
    reused.point.forEach((p, i) => expect(Math.abs(p - (fresh.point[i] ?? 0))).toBeLessThan(3 * (fresh.sigma[i] ?? 0)));
  });

  it('ignores weights fitted for another model', () => {
    // Prepare: five days of history choose a daily model; the weights are of the double-seasonal one
    const series = cycleSeries(SHAPE, 5 * DAY_5MIN, { noise: gaussianNoise(30, 17, 5 * DAY_5MIN) });
    const fresh = forecastDemand(series, { horizonSteps: 12 });
    // Act
    const withOther = forecastDemand(series, { horizonSteps: 12, fit: { model: 'double-seasonal-holt-winters', alpha: 0.9, delta: 0.9, omega: 0.9, phi: 0.9 } });
    // Assess
    expect(withOther.point).toEqual(fresh.point);
  });
});
