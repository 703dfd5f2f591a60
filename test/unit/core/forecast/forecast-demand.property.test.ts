// forecastDemand by property: whatever the history (length, gaps, values, step), the forecast is usable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastDemand, forecastQuantile } from '../../../../layers/core/forecast/forecast-demand';
import type { DemandSeries, Forecast } from '../../../../layers/core/forecast/forecast-types';
import { cycleSeries, MONDAY_MS } from '../../../helpers/demand-series-factories';

/** What every forecast must satisfy, whatever it was made from. */
const expectUsable = (f: Forecast, horizonSteps: number): void => {
  const expected = f.model === 'none' ? 0 : horizonSteps;
  expect(f.point).toHaveLength(expected);
  expect(f.sigma).toHaveLength(expected);
  for (const p of f.point) {
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(0);
  }
  f.sigma.forEach((s, h) => {
    expect(Number.isFinite(s)).toBe(true);
    expect(s).toBeGreaterThanOrEqual(h > 0 ? (f.sigma[h - 1] ?? 0) : 0);
  });
  const [low, mid, high] = [0.05, 0.5, 0.95].map((q) => forecastQuantile(f, q));
  f.point.forEach((p, h) => {
    expect(low?.[h]).toBeLessThanOrEqual(mid?.[h] ?? 0);
    expect(mid?.[h]).toBeCloseTo(p, 6);
    expect(high?.[h]).toBeGreaterThanOrEqual(mid?.[h] ?? 0);
  });
  expect(f.coverage).toBeGreaterThanOrEqual(0);
  expect(f.coverage).toBeLessThanOrEqual(1);
  expect(f.note.length).toBeGreaterThan(0);
};

const value = fc.oneof(fc.constant(undefined), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 20 }));

describe('forecastDemand properties', () => {
  it('gives finite, non-negative forecasts with ordered bounds for any short history, gaps and step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(300, 900, 1800, 3600, 700, 86_400),
        fc.array(value, { maxLength: 900 }),
        fc.integer({ min: 0, max: 100 }),
        (stepSeconds, values, horizonSteps) => {
          // Prepare
          const series: DemandSeries = { startMs: MONDAY_MS, stepSeconds, values };

          // Act
          const f = forecastDemand(series, { horizonSteps });

          // Assess
          expectUsable(f, horizonSteps);
          expect(f.startMs).toBe(MONDAY_MS + values.length * stepSeconds * 1000);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives a usable forecast for every history length from 0 to 3 days', () => {
    // Prepare: hourly and half-hourly cycles with a little noise, cut at every length
    for (const stepSeconds of [3600, 1800]) {
      const perDay = 86_400 / stepSeconds;
      const full = cycleSeries({ stepSeconds }, 3 * perDay, { noise: (i) => 37 * Math.sin(i * 1.7) });
      for (let length = 0; length <= 3 * perDay; length += 1) {
        // Act
        const f = forecastDemand({ ...full, values: full.values.slice(0, length) }, { horizonSteps: perDay / 4 });

        // Assess
        expectUsable(f, perDay / 4);
        const expectedModel = length === 0 ? 'none' : length < perDay ? 'flat' : length < 2 * perDay ? 'seasonal-naive' : undefined;
        if (expectedModel) expect(f.model).toBe(expectedModel);
        else expect(['daily-holt-winters', 'seasonal-naive']).toContain(f.model);
      }
    }
  });

  it('keeps its forecast usable under any pattern of gaps in two weeks and more of history', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 15 * 24, maxLength: 15 * 24 }), fc.integer({ min: 1, max: 48 }), (gaps, horizonSteps) => {
        // Prepare
        const series = cycleSeries({ stepSeconds: 3600 }, gaps.length, { gap: (i) => gaps[i] === true });

        // Act
        const f = forecastDemand(series, { horizonSteps });

        // Assess
        expectUsable(f, horizonSteps);
        expect(f.coverage).toBeCloseTo(gaps.filter((g) => !g).length / gaps.length, 9);
      }),
      { numRuns: 40 },
    );
  });
});
