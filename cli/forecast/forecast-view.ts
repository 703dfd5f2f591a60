/** What `autopilot forecast` shows: the trace's history up to the origin, the forecast and its bounds per step. */
import type { DemandSeries, Forecast } from '../../layers/core/forecast/forecast-types';
import { forecastDemand, forecastQuantile } from '../../layers/core/forecast/forecast-demand';
import { toDemandSeries } from '../../sim/trace/to-demand-series';
import type { TracePoints } from '../../sim/trace/trace-points';
import { formatUtc } from '../../sim/trace/utc-timestamp';
import { OptionError } from '../simulate/simulate-options';
import type { ForecastOptions } from './forecast-options';

/** One forecast step: requests in the step (point and bounds), and what the trace says happened when it covers it. */
export interface ForecastRow {
  tMs: number;
  point: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
  actual?: number;
}

export interface ForecastView {
  source: string;
  stepSeconds: number;
  /** Start of the first forecast step: --at (or the trace's end), rounded down to the step. */
  originMs: number;
  history: DemandSeries;
  forecast: Forecast;
  rows: ForecastRow[];
}

/** Central intervals: 80% between the 10th and 90th percentiles, 95% between the 2.5th and 97.5th. */
const QUANTILES = { lower80: 0.1, upper80: 0.9, lower95: 0.025, upper95: 0.975 } as const;

const floorTo = (ms: number, stepMs: number): number => Math.floor(ms / stepMs) * stepMs;
const ceilTo = (ms: number, stepMs: number): number => Math.ceil(ms / stepMs) * stepMs;

/**
 * Forecast `horizonSeconds` ahead of the origin from up to `historyDays` of the trace before it, the way the
 * scaler reads its CloudWatch history: requests per step on an epoch-aligned grid, steps without data as gaps.
 *
 * @throws OptionError naming --at when the origin leaves less than one whole step of history or passes the trace's end
 */
export const buildForecastView = (points: TracePoints, options: ForecastOptions): ForecastView => {
  const stepMs = options.stepSeconds * 1000;
  const first = points.startsMs[0] ?? 0;
  const originMs = floorTo(options.atMs ?? points.endMs, stepMs);
  const flag = options.atMs === undefined ? 'the trace' : `--at ${formatUtc(options.atMs)}`;
  if (options.atMs !== undefined && options.atMs > points.endMs) {
    throw new OptionError(`${flag}: after the trace's end (${formatUtc(points.endMs)}); forecast from a time the trace reaches`);
  }
  const fromMs = Math.max(ceilTo(first, stepMs), originMs - options.historyDays * 86_400_000);
  if (!(originMs > fromMs)) {
    throw new OptionError(`${flag}: leaves no whole ${options.stepSeconds / 60}-minute step of history after the trace's start (${formatUtc(first)})`);
  }
  const history = toDemandSeries(points, { fromMs, toMs: originMs, stepSeconds: options.stepSeconds });
  const horizonSteps = Math.floor(options.horizonSeconds / options.stepSeconds);
  const forecast = forecastDemand(history, { horizonSteps });
  const bounds = {
    lower80: forecastQuantile(forecast, QUANTILES.lower80),
    upper80: forecastQuantile(forecast, QUANTILES.upper80),
    lower95: forecastQuantile(forecast, QUANTILES.lower95),
    upper95: forecastQuantile(forecast, QUANTILES.upper95),
  };
  // What happened, where the trace reaches past the origin (a backtest from --at).
  const actualEndMs = Math.min(floorTo(points.endMs, stepMs), originMs + horizonSteps * stepMs);
  const actual = actualEndMs > originMs ? toDemandSeries(points, { fromMs: originMs, toMs: actualEndMs, stepSeconds: options.stepSeconds }).values : [];
  const rows = forecast.point.map((point, i): ForecastRow => {
    const seen = actual[i];
    return {
      tMs: forecast.startMs + i * stepMs,
      point,
      lower80: bounds.lower80[i] ?? point,
      upper80: bounds.upper80[i] ?? point,
      lower95: bounds.lower95[i] ?? point,
      upper95: bounds.upper95[i] ?? point,
      ...(seen !== undefined ? { actual: seen } : {}),
    };
  });
  return { source: points.source, stepSeconds: options.stepSeconds, originMs, history, forecast, rows };
};
