/** The traces of ../shared/data a forecast backtest can use: long enough for the warm-up and a run, with a daily cycle. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readTraceFile } from '../sim/trace/read-trace-file';
import { toDemandSeries } from '../sim/trace/to-demand-series';
import { autocorrelation } from './forecast-traces';
import type { TracePoints } from '../sim/trace/trace-points';

export interface DailyTrace {
  /** `nab_nyc_taxi/nab_nyc_taxi.csv`, relative to the traces folder. */
  name: string;
  points: TracePoints;
  /** Correlation of hourly demand with the demand a day earlier: the strength of the daily cycle. */
  dailyAutocorrelation: number;
}

export interface SkippedTrace {
  name: string;
  reason: string;
}

const DAY_MS = 86_400_000;
const HOUR_SECONDS = 3600;
/** Below this the series does not repeat day to day enough for a seasonal forecast to be the point. */
const MIN_DAILY_AUTOCORRELATION = 0.5;

/**
 * Every `<folder>/<file>.csv` under `tracesDir` except the untouched `original_*` copies, read with the simulator's
 * loader, kept when it spans `minDays` and its hourly demand correlates with the day before (>= 0.5); the others are
 * listed with the reason. No trace is named in the rule: a held-out set is run the same way.
 */
export const dailyTraces = (tracesDir: string, minDays: number): { traces: DailyTrace[]; skipped: SkippedTrace[] } => {
  const traces: DailyTrace[] = [];
  const skipped: SkippedTrace[] = [];
  if (!existsSync(tracesDir)) return { traces, skipped: [{ name: tracesDir, reason: 'not found (../shared/data is not beside the clone)' }] };
  for (const folder of readdirSync(tracesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(path.join(tracesDir, folder)).filter((f) => f.endsWith('.csv') && !f.startsWith('original_')).sort()) {
      const name = `${folder}/${file}`;
      let points: TracePoints;
      try {
        points = readTraceFile(path.join(tracesDir, folder, file));
      } catch (error) {
        skipped.push({ name, reason: `not a trace the simulator reads: ${(error as Error).message}` });
        continue;
      }
      const first = points.startsMs[0] ?? 0;
      const days = (points.endMs - first) / DAY_MS;
      if (days < minDays) {
        skipped.push({ name, reason: `${days.toFixed(2)} days: shorter than the ${minDays} days of warm-up and run` });
        continue;
      }
      const fromMs = Math.ceil(first / (HOUR_SECONDS * 1000)) * HOUR_SECONDS * 1000;
      const toMs = Math.floor(points.endMs / (HOUR_SECONDS * 1000)) * HOUR_SECONDS * 1000;
      const hourly = toDemandSeries(points, { fromMs, toMs, stepSeconds: HOUR_SECONDS }).values;
      const dailyAutocorrelation = autocorrelation(hourly, 24);
      if (!(dailyAutocorrelation >= MIN_DAILY_AUTOCORRELATION)) {
        skipped.push({ name, reason: `no daily cycle (hourly autocorrelation at 24 h ${dailyAutocorrelation.toFixed(2)})` });
        continue;
      }
      traces.push({ name, points, dailyAutocorrelation });
    }
  }
  return { traces, skipped };
};
