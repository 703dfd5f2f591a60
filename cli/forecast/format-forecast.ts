/** `autopilot forecast` output: the terminal table and the JSON document, from one ForecastView. */
import { formatDuration, formatShare, formatUtc } from '../../sim/report/figure-format';
import type { ForecastRow, ForecastView } from './forecast-view';

const grouped = (value: number, decimals: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** Requests per step: whole numbers once they are large, decimals when a step holds a handful. */
const formatValue = (value: number, scale: number): string => grouped(value, scale >= 100 ? 0 : scale >= 10 ? 1 : 2);

const COLUMNS = ['time (UTC)', 'point', '80% low', '80% high', '95% low', '95% high', 'actual'] as const;

const cells = (row: ForecastRow, scale: number): string[] => [
  formatUtc(row.tMs).replace(' UTC', ''),
  formatValue(row.point, scale),
  formatValue(row.lower80, scale),
  formatValue(row.upper80, scale),
  formatValue(row.lower95, scale),
  formatValue(row.upper95, scale),
  row.actual === undefined ? '' : formatValue(row.actual, scale),
];

/** The header lines (what, from when, which model and why) and one line per forecast step. */
export const formatForecastTable = (view: ForecastView): string => {
  const { forecast, history } = view;
  const scale = Math.max(0, ...view.rows.map((r) => r.point));
  const withActual = view.rows.some((r) => r.actual !== undefined);
  const columns = withActual ? COLUMNS : COLUMNS.slice(0, -1);
  const body = view.rows.map((r) => cells(r, scale).slice(0, columns.length));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (values: readonly string[]): string => values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  const historyDays = (history.values.length * history.stepSeconds) / 86_400;
  return [
    `forecast of ${view.source} from ${formatUtc(view.originMs)}, ${formatDuration(view.rows.length * view.stepSeconds)} ahead in ${formatDuration(view.stepSeconds)} steps`,
    `values: requests per step (QPS = value / ${view.stepSeconds}); bounds: central 80% and 95% prediction intervals`,
    `model: ${forecast.model}: ${forecast.note}`,
    `history: ${Number(historyDays.toFixed(2))} days before the origin, ${formatShare(forecast.coverage)} of its steps with data`,
    '',
    line(columns),
    ...body.map(line),
  ].join('\n');
};

/** The same figures for machines: times as ISO-8601 UTC, values as numbers (requests per step). */
export const forecastJson = (view: ForecastView): string =>
  `${JSON.stringify(
    {
      source: view.source,
      stepSeconds: view.stepSeconds,
      origin: new Date(view.originMs).toISOString(),
      model: view.forecast.model,
      note: view.forecast.note,
      coverage: view.forecast.coverage,
      historySteps: view.history.values.length,
      rows: view.rows.map(({ tMs, ...figures }) => ({ time: new Date(tMs).toISOString(), ...figures })),
    },
    null,
    2,
  )}\n`;
