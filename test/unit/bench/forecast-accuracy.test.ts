// The forecast-accuracy bench on small synthetic inputs: trace selection, rolling-origin scoring, the printed table.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTrace, runForecastAccuracy } from '../../../bench/forecast-accuracy';
import { formatForecastAccuracy } from '../../../bench/forecast-accuracy-table';
import { naiveScale, smape } from '../../../bench/forecast-metrics';
import type { BenchTrace } from '../../../bench/forecast-traces';
import { loadBenchTraces } from '../../../bench/forecast-traces';
import { cycleSeries, gaussianNoise, MONDAY_MS } from '../../helpers/demand-series-factories';

const HOURLY_DAYS = 24;
const hourlyTrace = (): BenchTrace => ({
  ...cycleSeries({ stepSeconds: 3600, weekendDrop: 400 }, HOURLY_DAYS * 24, { noise: gaussianNoise(15, 3, HOURLY_DAYS * 24) }),
  source: 'synthetic-hourly',
  dailyAutocorrelation: 0.9,
});

const csv = (days: number, stepSeconds: number): string => {
  const series = cycleSeries({ stepSeconds }, (days * 86_400) / stepSeconds, { noise: gaussianNoise(15, 4, (days * 86_400) / stepSeconds) });
  const rows = series.values.map((v, i) => `${new Date(MONDAY_MS + i * stepSeconds * 1000).toISOString()},${(v ?? 0).toFixed(1)}`);
  return ['timestamp,value', ...rows].join('\n');
};

describe('forecast accuracy metrics', () => {
  it('scales by the in-sample error of the value one day back, skipping gaps', () => {
    expect(naiveScale([1, 2, 3, 5, undefined, 9], 0, 6, 2)).toBe(3);
    expect(naiveScale([1, 1, 1, 1], 0, 4, 2)).toBeUndefined();
    expect(smape(100, 50)).toBeCloseTo(66.667, 3);
    expect(smape(0, 0)).toBe(0);
  });
});

describe('loadBenchTraces', () => {
  it('keeps traces with a daily cycle and says why it skips the others', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'forecast-traces-'));
    mkdirSync(join(dir, 'long'));
    mkdirSync(join(dir, 'short'));
    writeFileSync(join(dir, 'long', 'hourly.csv'), csv(22, 3600));
    writeFileSync(join(dir, 'long', 'original_hourly.csv'), csv(22, 3600));
    writeFileSync(join(dir, 'short', 'two-days.csv'), csv(2, 3600));
    writeFileSync(join(dir, 'short', 'broken.csv'), 'timestamp,value\nyesterday,3\n');

    // Act
    const selection = loadBenchTraces(dir);

    // Assess
    expect(selection.traces.map((t) => t.source)).toEqual([join(dir, 'long', 'hourly.csv')]);
    expect(selection.traces[0]?.dailyAutocorrelation).toBeGreaterThan(0.5);
    const reasons = selection.skipped.map((s) => s.reason).join('\n');
    expect(reasons).toContain('untouched source copy');
    expect(reasons).toContain('2.00 days: too short');
    expect(reasons).toContain('is not ISO-8601');
  });

  it('says the folder is missing instead of failing', () => {
    expect(loadBenchTraces('/nonexistent/traces').skipped[0]?.reason).toContain('not found');
  });
});

describe('evaluateTrace', () => {
  it('scores every model on the same origins, and ours beats seasonal-naive across the weekend on a weekly cycle', () => {
    // Act
    const figures = evaluateTrace(hourlyTrace(), 12);

    // Assess: hourly steps merge "1 step" and "1 h"
    expect(figures.horizons.map((h) => h.label)).toEqual(['1 step (1 h)', '6 h']);
    expect(figures.origins + figures.peerFailures).toBe(12);
    expect(figures.chosen['double-seasonal-holt-winters']).toBe(figures.origins);
    for (const h of figures.horizons) {
      const [ours, naive, peer] = h.models;
      expect(ours?.scored).toBe(figures.origins);
      expect(peer?.scored).toBe(figures.origins);
      expect(ours?.mase).toBeLessThan(naive?.mase ?? 0);
      expect(ours?.coverage90).toBeGreaterThan(0.5);
    }
  });
});

describe('runForecastAccuracy', () => {
  it('prints one block per trace and the run-time ratio against the peer', async () => {
    // Act
    const result = await runForecastAccuracy({ traces: [hourlyTrace()], origins: 4, timingRuns: 1, timingDays: 15 });
    const table = formatForecastAccuracy(result);

    // Assess
    expect(result.timing.steps).toBe(15 * 288);
    expect(result.timing.oursMs).toBeGreaterThan(0);
    expect(result.timing.peerMs).toBeGreaterThan(0);
    expect(table).toContain('synthetic-hourly');
    expect(table).toMatch(/1 step \(1 h\)\s+\d\.\d{3}/);
    expect(table).toMatch(/ratio \d+\.\d\dx/);
  });
});
