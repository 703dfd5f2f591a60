// forecastDemand's prediction intervals: the 90% interval holds about 90% of what happens next, sigma grows with h.
import { describe, expect, it } from 'vitest';
import { forecastDemand, forecastQuantile } from '../../../../layers/core/forecast/forecast-demand';
import type { DemandSeries } from '../../../../layers/core/forecast/forecast-types';
import { arNoise, cycleSeries, gaussianNoise } from '../../../helpers/demand-series-factories';

const HALF_HOUR = { stepSeconds: 1800, base: 5_000, weekendDrop: 1_500 };
const PER_WEEK = 7 * 48;
const ORIGINS = 48;
const HORIZON = 12;

/** Share of outcomes inside [q05, q95] over rolling origins through the fifth week, four weeks of history each. */
const coverage90 = (series: DemandSeries): number => {
  let inside = 0;
  let total = 0;
  for (let k = 0; k < ORIGINS; k += 1) {
    const origin = 4 * PER_WEEK + k * 7;
    const f = forecastDemand({ ...series, values: series.values.slice(origin - 4 * PER_WEEK, origin) }, { horizonSteps: HORIZON });
    const [lower, upper] = [forecastQuantile(f, 0.05), forecastQuantile(f, 0.95)];
    for (let h = 0; h < HORIZON; h += 1) {
      const actual = series.values[origin + h] ?? 0;
      if (actual >= (lower[h] ?? 0) && actual <= (upper[h] ?? 0)) inside += 1;
      total += 1;
    }
  }
  return inside / total;
};

describe('forecastDemand prediction intervals', () => {
  const steps = 4 * PER_WEEK + ORIGINS * 7 + HORIZON;

  it('covers 85-95% of outcomes with its 90% interval under independent noise', () => {
    // Prepare
    const series = cycleSeries(HALF_HOUR, steps, { noise: gaussianNoise(150, 11, steps) });

    // Act
    const share = coverage90(series);

    // Assess
    expect(share).toBeGreaterThanOrEqual(0.85);
    expect(share).toBeLessThanOrEqual(0.95);
  });

  it('covers 85-95% of outcomes with its 90% interval under persistent noise, whose error grows with the horizon', () => {
    // Prepare
    const series = cycleSeries(HALF_HOUR, steps, { noise: arNoise(80, 0.9, 12, steps) });

    // Act
    const share = coverage90(series);
    const f = forecastDemand({ ...series, values: series.values.slice(0, 4 * PER_WEEK) }, { horizonSteps: HORIZON });

    // Assess
    expect(share).toBeGreaterThanOrEqual(0.85);
    expect(share).toBeLessThanOrEqual(0.95);
    expect(f.sigma[HORIZON - 1]).toBeGreaterThan(1.5 * (f.sigma[0] ?? 0));
  });

  it('never narrows its interval further ahead', () => {
    // Prepare
    const series = cycleSeries(HALF_HOUR, 4 * PER_WEEK, { noise: arNoise(80, 0.9, 13, 4 * PER_WEEK) });

    // Act
    const { sigma } = forecastDemand(series, { horizonSteps: 96 });

    // Assess
    expect(sigma).toHaveLength(96);
    sigma.forEach((s, h) => expect(s).toBeGreaterThanOrEqual(h > 0 ? (sigma[h - 1] ?? 0) : 0));
  });
});
