// forecastDemand: the model chosen for each length of history, and the note saying why.
import { describe, expect, it } from 'vitest';
import { forecastDemand } from '../../../../layers/core/forecast/forecast-demand';
import { seededRandom } from '../../../../sim/model/random';
import { cycleSeries, DAY_5MIN, gaussianNoise, MONDAY_MS } from '../../../helpers/demand-series-factories';

const FIVE_MIN = { stepSeconds: 300 };

describe('forecastDemand model choice', () => {
  it('gives no forecast when the history has no datapoint', () => {
    // Prepare
    const empty = { startMs: MONDAY_MS, stepSeconds: 300, values: [] };
    const allGaps = { startMs: MONDAY_MS, stepSeconds: 300, values: [undefined, undefined, undefined] };

    // Act
    const forecasts = [forecastDemand(empty, { horizonSteps: 12 }), forecastDemand(allGaps, { horizonSteps: 12 })];

    // Assess
    for (const f of forecasts) {
      expect(f).toMatchObject({ model: 'none', point: [], sigma: [], coverage: 0 });
      expect(f.note).toContain('no datapoint');
    }
    expect(forecasts[1]?.startMs).toBe(MONDAY_MS + 3 * 300_000);
  });

  it('is flat at the mean of the last hour with less than a day of history', () => {
    // Prepare: 12 hours of a ramp
    const series = { startMs: MONDAY_MS, stepSeconds: 300, values: Array.from({ length: 144 }, (_, i) => 100 + i) };

    // Act
    const f = forecastDemand(series, { horizonSteps: 6 });

    // Assess: the last 12 steps are 232..243
    expect(f.model).toBe('flat');
    expect(f.note).toContain('0.5 days of history');
    expect(f.note).toContain('the daily cycle needs 1 day');
    expect(f.point).toEqual(Array.from({ length: 6 }, () => 237.5));
  });

  it('repeats the day before with one to two days of history (seasonal-naive)', () => {
    // Prepare
    const series = cycleSeries(FIVE_MIN, Math.round(1.5 * DAY_5MIN), { noise: gaussianNoise(20, 1, 500) });

    // Act
    const f = forecastDemand(series, { horizonSteps: 24 });

    // Assess
    expect(f.model).toBe('seasonal-naive');
    expect(f.note).toContain('Holt-Winters needs 2 days');
    expect(f.point).toEqual(series.values.slice(series.values.length - DAY_5MIN, series.values.length - DAY_5MIN + 24));
  });

  it('fits daily Holt-Winters from two days to two weeks, saying the weekly cycle needs two weeks', () => {
    // Prepare
    const series = cycleSeries(FIVE_MIN, 5 * DAY_5MIN, { noise: gaussianNoise(20, 2, 5 * DAY_5MIN) });

    // Act
    const f = forecastDemand(series, { horizonSteps: 12 });

    // Assess
    expect(f.model).toBe('daily-holt-winters');
    expect(f.note).toContain('5.0 days of history');
    expect(f.note).toContain('the weekly cycle needs 14 days');
  });

  it('keeps seasonal-naive when it made smaller in-sample errors than daily Holt-Winters, and says so', () => {
    // Prepare: each hour of the day wanders from one day to the next (a random walk per hour), four days
    const random = seededRandom(0);
    const values: number[] = [];
    for (let i = 0; i < 4 * 24; i += 1) values.push(i < 24 ? 100 + 50 * random.next() : (values[i - 24] ?? 0) + (random.next() - 0.5) * 30);

    // Act
    const f = forecastDemand({ startMs: MONDAY_MS, stepSeconds: 3600, values }, { horizonSteps: 6 });

    // Assess
    expect(f.model).toBe('seasonal-naive');
    expect(f.note).toMatch(/^4\.0 days of history: seasonal-naive, which fits it better than daily Holt-Winters \(in-sample error [\d.]+ vs [\d.]+\)/);
    expect(f.point).toEqual(values.slice(3 * 24, 3 * 24 + 6));
  });

  it('fits double-seasonal Holt-Winters from two weeks of history', () => {
    // Prepare
    const series = cycleSeries(FIVE_MIN, 15 * DAY_5MIN, { noise: gaussianNoise(20, 3, 15 * DAY_5MIN) });

    // Act
    const f = forecastDemand(series, { horizonSteps: 12 });

    // Assess
    expect(f.model).toBe('double-seasonal-holt-winters');
    expect(f.note).toMatch(/^15\.0 days of history: double-seasonal Holt-Winters \(daily and weekly cycles; alpha [\d.]+, delta/);
  });

  it('falls back to a simpler model when most of the history is missing, and says so', () => {
    // Prepare: 20 days with only every third step present
    const series = cycleSeries(FIVE_MIN, 20 * DAY_5MIN, { gap: (i) => i % 3 !== 0 });

    // Act
    const f = forecastDemand(series, { horizonSteps: 12 });

    // Assess
    expect(f.model).toBe('seasonal-naive');
    expect(f.note).toContain('33% present');
    expect(f.note).toContain('too sparse for Holt-Winters');
    expect(f.coverage).toBeCloseTo(1 / 3, 3);
  });

  it('counts history from its first datapoint: leading gaps do not make a short history look long', () => {
    // Prepare: 20 days of nothing, then a day and a half of data
    const data = cycleSeries(FIVE_MIN, Math.round(1.5 * DAY_5MIN)).values;
    const series = { startMs: MONDAY_MS, stepSeconds: 300, values: [...new Array<undefined>(20 * DAY_5MIN).fill(undefined), ...data] };

    // Act
    const f = forecastDemand(series, { horizonSteps: 12 });

    // Assess
    expect(f.model).toBe('seasonal-naive');
    expect(f.coverage).toBeCloseTo(data.length / series.values.length, 6);
  });

  it('falls back to flat when the step does not divide a day, and says why', () => {
    // Prepare
    const series = { startMs: MONDAY_MS, stepSeconds: 700, values: Array.from({ length: 500 }, (_, i) => 50 + (i % 7)) };

    // Act
    const f = forecastDemand(series, { horizonSteps: 3 });

    // Assess
    expect(f.model).toBe('flat');
    expect(f.note).toBe('a step of 700 s does not divide a day: flat at the recent mean');
    expect(f.point).toHaveLength(3);
  });
});
