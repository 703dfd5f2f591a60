/** The `--html` plot: recent history, the forecast's point and its 80% / 95% bands, and the actual where known. */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_WIDTH } from '../../sim/report/charts/chart-style';
import type { ForecastView } from './forecast-view';

/** History drawn before the origin: enough to see the last cycles, not the whole 4 weeks. */
const HISTORY_SHOWN_MS = 2 * 86_400_000;

const HISTORY = 'history';
const FORECAST = 'forecast';
const ACTUAL = 'actual';

interface LineRow {
  t: number;
  series: string;
  value: number;
}

/**
 * The vega-lite spec: bands as areas (95% lighter under 80%), the point forecast and history as lines, a rule at
 * the origin. Gaps in the history stay gaps (no line across them).
 */
export const forecastSpec = (view: ForecastView): TopLevelSpec => {
  const stepMs = view.stepSeconds * 1000;
  const { history } = view;
  const shownFrom = Math.max(history.startMs, view.originMs - Math.max(HISTORY_SHOWN_MS, view.rows.length * stepMs * 2));
  const lines: LineRow[] = [];
  history.values.forEach((value, i) => {
    const t = history.startMs + i * stepMs;
    if (t >= shownFrom && value !== undefined) lines.push({ t, series: HISTORY, value });
  });
  for (const r of view.rows) {
    lines.push({ t: r.tMs, series: FORECAST, value: r.point });
    if (r.actual !== undefined) lines.push({ t: r.tMs, series: ACTUAL, value: r.actual });
  }
  const x = { field: 't', type: 'temporal' as const, title: null, scale: { type: 'utc' as const }, axis: { labelOverlap: true } };
  const y = { type: 'quantitative' as const, title: `requests per ${view.stepSeconds / 60} min` };
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: [HISTORY, FORECAST, ACTUAL], range: ['#555555', '#4c78a8', '#e45756'] } };
  const band = (lower: 'lower80' | 'lower95', upper: 'upper80' | 'upper95', opacity: number) => ({
    data: { values: view.rows.map((r) => ({ t: r.tMs, lower: r[lower], upper: r[upper] })) },
    mark: { type: 'area' as const, color: '#4c78a8', opacity },
    encoding: { x, y: { field: 'lower', ...y }, y2: { field: 'upper' } },
  });
  return {
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 300,
    layer: [
      band('lower95', 'upper95', 0.15),
      band('lower80', 'upper80', 0.3),
      { data: { values: lines }, mark: { type: 'line', strokeWidth: 1.4 }, encoding: { x, y: { field: 'value', ...y }, color } },
      { data: { values: [{ t: view.originMs }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#888888' }, encoding: { x } },
    ],
  };
};
