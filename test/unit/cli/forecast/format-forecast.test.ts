// What `autopilot forecast` prints and writes, from a known forecast view: table, JSON and the self-contained HTML plot.
import { describe, expect, it } from 'vitest';
import { renderForecastHtml } from '../../../../cli/forecast/forecast-html';
import type { ForecastView } from '../../../../cli/forecast/forecast-view';
import { forecastJson, formatForecastTable } from '../../../../cli/forecast/format-forecast';

const T0 = Date.UTC(2014, 9, 6, 6);
const STEP_MS = 300_000;

const view = (actual: boolean): ForecastView => ({
  source: 'traces/demand.csv',
  stepSeconds: 300,
  originMs: T0,
  history: { startMs: T0 - 4 * STEP_MS, stepSeconds: 300, values: [900, undefined, 1100, 1200] },
  forecast: {
    model: 'seasonal-naive',
    note: '1.5 days of history: the weekly cycle needs 14',
    startMs: T0,
    stepSeconds: 300,
    point: [1250, 1300.4],
    sigma: [50, 80],
    coverage: 0.75,
  },
  rows: [
    { tMs: T0, point: 1250, lower80: 1186, upper80: 1314, lower95: 1152, upper95: 1348, ...(actual ? { actual: 1275 } : {}) },
    { tMs: T0 + STEP_MS, point: 1300.4, lower80: 1198.9, upper80: 1402.9, lower95: 1143.5, upper95: 1457.2 },
  ],
});

describe('formatForecastTable', () => {
  it('says what was forecast, from when, with which model and why, then one line per step', () => {
    // Act
    const lines = formatForecastTable(view(false)).split('\n');
    // Assess
    expect(lines[0]).toBe('forecast of traces/demand.csv from 2014-10-06 06:00 UTC, 10 min ahead in 5 min steps');
    expect(lines[1]).toContain('QPS = value / 300');
    expect(lines[2]).toBe('model: seasonal-naive: 1.5 days of history: the weekly cycle needs 14');
    expect(lines[3]).toBe('history: 0.01 days before the origin, 75.00% of its steps with data');
    expect(lines[5]?.split(/\s{2,}/)).toEqual(['time (UTC)', 'point', '80% low', '80% high', '95% low', '95% high']);
    expect(lines[6]?.split(/\s{2,}/)).toEqual(['2014-10-06 06:00', '1,250', '1,186', '1,314', '1,152', '1,348']);
    expect(lines[7]?.split(/\s{2,}/)).toEqual(['2014-10-06 06:05', '1,300', '1,199', '1,403', '1,144', '1,457']);
    expect(lines).toHaveLength(8);
  });

  it('adds the actual column when the trace reaches past the origin, blank where it does not', () => {
    // Act
    const lines = formatForecastTable(view(true)).split('\n');
    // Assess
    expect(lines[5]?.trim().endsWith('actual')).toBe(true);
    expect(lines[6]?.trim().endsWith('1,275')).toBe(true);
    expect(lines[7]?.trim().endsWith('1,457')).toBe(true);
  });
});

describe('forecastJson', () => {
  it('gives the same figures with ISO times and numbers', () => {
    // Act
    const json = JSON.parse(forecastJson(view(true))) as Record<string, unknown>;
    // Assess
    expect(json).toMatchObject({ source: 'traces/demand.csv', stepSeconds: 300, origin: '2014-10-06T06:00:00.000Z', model: 'seasonal-naive', coverage: 0.75, historySteps: 4 });
    expect(json.rows).toEqual([
      { time: '2014-10-06T06:00:00.000Z', point: 1250, lower80: 1186, upper80: 1314, lower95: 1152, upper95: 1348, actual: 1275 },
      { time: '2014-10-06T06:05:00.000Z', point: 1300.4, lower80: 1198.9, upper80: 1402.9, lower95: 1143.5, upper95: 1457.2 },
    ]);
  });
});

describe('renderForecastHtml', () => {
  it('is one page with the plot as inline SVG and the table, with no script and no URL but the SVG namespace', async () => {
    // Act
    const html = await renderForecastHtml(view(true));
    // Assess
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('2014-10-06 06:05');
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/https?:\/\/[^\s"']+/g)?.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
  });
});
