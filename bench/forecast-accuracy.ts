/**
 * Forecast accuracy on every trace with a daily cycle, rolling origin: MASE and sMAPE at one step, 1 h and 6 h for
 * our forecaster, seasonal-naive and the augurs MSTL peer, plus the run time of one forecast on 4 weeks of 5-minute
 * history against the peer's fit + predict on the same series, in the same run.
 */
import { performance } from 'node:perf_hooks';
import { forecastDemand, forecastQuantile, seasonalNaive } from '../layers/core/forecast/forecast-demand';
import type { ForecastModel } from '../layers/core/forecast/forecast-types';
import { imputeGaps } from '../layers/core/forecast/impute-gaps';
import { ErrorTally, naiveScale } from './forecast-metrics';
import type { BenchTrace } from './forecast-traces';
import { loadBenchTraces } from './forecast-traces';
import { mstlForecast } from './mstl-peer';
import { median } from './stats';
import { syntheticDemand } from './synthetic-demand';

export const MODELS = ['ours', 'seasonal-naive', 'mstl'] as const;
export type BenchModel = (typeof MODELS)[number];

export interface HorizonFigures {
  label: string;
  steps: number;
  models: { model: BenchModel; mase: number; smape: number; coverage90?: number; scored: number }[];
}

export interface TraceFigures {
  source: string;
  stepSeconds: number;
  aggregatedFromSeconds?: number;
  dailyAutocorrelation: number;
  origins: number;
  /** Origins dropped because the peer found no model there (every model is scored on the same origins). */
  peerFailures: number;
  /** Days the origins span, ending where the longest horizon meets the end of the trace. */
  windowDays: number;
  chosen: Partial<Record<ForecastModel, number>>;
  horizons: HorizonFigures[];
}

export interface TimingFigures {
  steps: number;
  runs: number;
  oursMs: number;
  peerMs: number;
}

export interface AccuracyResult {
  traces: TraceFigures[];
  skipped: { source: string; reason: string }[];
  timing: TimingFigures;
}

export interface AccuracyOptions {
  /** Folder of trace folders; default ../shared/data/traces beside the repository. */
  tracesDir?: string;
  /** Traces to use instead of reading a folder (tests). */
  traces?: BenchTrace[];
  origins?: number;
  timingRuns?: number;
  /** Days of 5-minute history in the timing (28: 8,064 steps). */
  timingDays?: number;
}

const DAY = 86_400;
const HISTORY_DAYS = 28;
const MIN_HISTORY_DAYS = 14;

const horizonsOf = (step: number): { label: string; steps: number }[] => {
  const all = [
    { label: `1 step (${step >= 3600 ? `${step / 3600} h` : `${step / 60} min`})`, steps: 1 },
    { label: '1 h', steps: Math.round(3_600 / step) },
    { label: '6 h', steps: Math.round(21_600 / step) },
  ];
  return all.filter((h, i) => h.steps >= 1 && all.findIndex((o) => o.steps === h.steps) === i);
};

/** Rolling origin over the last (up to) four weeks; each forecast sees up to four weeks before its origin. */
export const evaluateTrace = (trace: BenchTrace, originCount: number): TraceFigures => {
  const { stepSeconds: step, values } = trace;
  const daily = DAY / step;
  const horizons = horizonsOf(step);
  const longest = Math.max(...horizons.map((h) => h.steps));
  const lastOrigin = values.length - longest;
  const firstOrigin = Math.max(MIN_HISTORY_DAYS * daily, lastOrigin - HISTORY_DAYS * daily);
  const tallies = horizons.map(() => MODELS.map(() => new ErrorTally()));
  const chosen: Partial<Record<ForecastModel, number>> = {};
  let origins = 0;
  let peerFailures = 0;
  const count = Math.max(1, originCount);
  for (let k = 0; k < count; k += 1) {
    const origin = Math.round(firstOrigin + (count > 1 ? (k * (lastOrigin - firstOrigin)) / (count - 1) : lastOrigin - firstOrigin));
    const from = Math.max(0, origin - HISTORY_DAYS * daily);
    const scale = naiveScale(values, from, origin, daily);
    if (scale === undefined) continue;
    const history = { startMs: trace.startMs + from * step * 1000, stepSeconds: step, values: values.slice(from, origin) };
    let peer: ReturnType<typeof mstlForecast>;
    try {
      peer = mstlForecast(imputeGaps(history.values, 0).values, [daily, 7 * daily], longest);
    } catch {
      peerFailures += 1;
      continue;
    }
    const ours = forecastDemand(history, { horizonSteps: longest });
    chosen[ours.model] = (chosen[ours.model] ?? 0) + 1;
    const [lower, upper] = [forecastQuantile(ours, 0.05), forecastQuantile(ours, 0.95)];
    const naive = seasonalNaive(history, longest);
    origins += 1;
    horizons.forEach(({ steps }, i) => {
      const actual = values[origin + steps - 1];
      const at = steps - 1;
      const row = tallies[i];
      if (actual === undefined || row === undefined) return;
      row[0]?.add(actual, ours.point[at] ?? 0, scale, { lower: lower[at] ?? 0, upper: upper[at] ?? 0 });
      row[1]?.add(actual, naive[at] ?? 0, scale);
      // Demand is never negative: the peer's forecast is clipped at 0 like ours, which can only help it.
      row[2]?.add(actual, Math.max(0, peer.point[at] ?? 0), scale, { lower: Math.max(0, peer.lower[at] ?? 0), upper: Math.max(0, peer.upper[at] ?? 0) });
    });
  }
  return {
    source: trace.source,
    stepSeconds: step,
    ...(trace.aggregatedFromSeconds ? { aggregatedFromSeconds: trace.aggregatedFromSeconds } : {}),
    dailyAutocorrelation: trace.dailyAutocorrelation,
    origins,
    peerFailures,
    windowDays: ((lastOrigin - firstOrigin) * step) / DAY,
    chosen,
    horizons: horizons.map((h, i) => ({
      ...h,
      models: MODELS.map((model, j) => {
        const tally = tallies[i]?.[j] ?? new ErrorTally();
        const coverage90 = tally.coverage90;
        return { model, mase: tally.mase, smape: tally.smape, scored: tally.count, ...(coverage90 === undefined ? {} : { coverage90 }) };
      }),
    })),
  };
};

/** Median wall time of our forecast and of the peer's fit + predict on the same 5-minute series (6 h ahead). */
export const timeForecasts = (days: number, runs: number): TimingFigures => {
  const series = syntheticDemand(days, 300);
  const values = Float64Array.from(series.values, (v) => v ?? 0);
  const steps = 72;
  const ours: number[] = [];
  const peer: number[] = [];
  // One untimed run each first: JIT and WASM compilation are not what a warm Lambda pays per run.
  for (let r = -1; r < runs; r += 1) {
    let started = performance.now();
    forecastDemand(series, { horizonSteps: steps });
    if (r >= 0) ours.push(performance.now() - started);
    started = performance.now();
    mstlForecast(values, [288, 2016], steps);
    if (r >= 0) peer.push(performance.now() - started);
  }
  return { steps: values.length, runs, oursMs: median(ours), peerMs: median(peer) };
};

export const runForecastAccuracy = async (options: AccuracyOptions = {}): Promise<AccuracyResult> => {
  const dir = options.tracesDir ?? new URL('../../shared/data/traces', import.meta.url).pathname;
  const selection = options.traces ? { traces: options.traces, skipped: [] } : loadBenchTraces(dir);
  const traces = selection.traces.map((trace) => evaluateTrace(trace, options.origins ?? 120));
  return { traces, skipped: selection.skipped, timing: timeForecasts(options.timingDays ?? 28, options.timingRuns ?? 7) };
};
