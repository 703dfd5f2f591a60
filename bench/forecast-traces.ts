/** The traces of the forecast-accuracy bench: every CSV in the traces folder that has a daily cycle, on a grid. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DemandSeries } from '../layers/core/forecast/forecast-types';
import { readTraceFile } from '../sim/trace/read-trace-file';

/** A trace on a regular grid (`undefined` where the file has no row), with its daily autocorrelation. */
export interface BenchTrace extends DemandSeries {
  source: string;
  dailyAutocorrelation: number;
  /** Set when the source was finer than 5 minutes and was summed into 5-minute steps. */
  aggregatedFromSeconds?: number;
}

export interface TraceSelection {
  traces: BenchTrace[];
  skipped: { source: string; reason: string }[];
}

const DAY = 86_400;
/** Two weeks for the double-seasonal model at the first origin, one week of origins at least. */
export const MIN_DAYS = 21;
const MIN_AUTOCORRELATION = 0.3;
const PRODUCT_STEP = 300;

/** Sum a fine grid into 5-minute steps (what the product reads); a partly missing step is scaled up from what is present. */
const aggregate = (values: (number | undefined)[], factor: number): (number | undefined)[] => {
  const out: (number | undefined)[] = [];
  for (let i = 0; i + factor <= values.length; i += factor) {
    const present = values.slice(i, i + factor).filter((v): v is number => v !== undefined);
    out.push(present.length === 0 ? undefined : (present.reduce((a, b) => a + b, 0) * factor) / present.length);
  }
  return out;
};

/** Pearson correlation of the series with itself `lag` steps earlier, over pairs where both are present. */
export const autocorrelation = (values: readonly (number | undefined)[], lag: number): number => {
  const pairs: [number, number][] = [];
  for (let i = lag; i < values.length; i += 1) {
    const a = values[i];
    const b = values[i - lag];
    if (a !== undefined && b !== undefined) pairs.push([a, b]);
  }
  if (pairs.length < 3) return 0;
  const mean = (k: 0 | 1): number => pairs.reduce((s, p) => s + p[k], 0) / pairs.length;
  const [ma, mb] = [mean(0), mean(1)];
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (const [a, b] of pairs) {
    cov += (a - ma) * (b - mb);
    va += (a - ma) ** 2;
    vb += (b - mb) ** 2;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
};

/** Place each row on the grid of the trace's resolution, then keep it if it is long enough and cycles daily. */
export const benchTraceOf = (file: string): BenchTrace | { reason: string } => {
  const points = readTraceFile(file);
  let step = points.resolutionSeconds;
  const origin = points.startsMs[0] ?? 0;
  const length = Math.round((points.endMs - origin) / 1000 / step);
  let values: (number | undefined)[] = new Array<number | undefined>(length).fill(undefined);
  points.startsMs.forEach((at, i) => {
    const index = Math.round((at - origin) / 1000 / step);
    if (index < length) values[index] = points.requests[i];
  });
  const fine = step < PRODUCT_STEP && PRODUCT_STEP % step === 0 ? step : undefined;
  if (fine !== undefined) {
    values = aggregate(values, PRODUCT_STEP / fine);
    step = PRODUCT_STEP;
  }
  const days = (values.length * step) / DAY;
  if (!Number.isInteger(DAY / step)) return { reason: `a step of ${step} s does not divide a day` };
  if (days < MIN_DAYS) return { reason: `${days.toFixed(2)} days: too short to test a daily cycle (needs ${MIN_DAYS})` };
  const acf = autocorrelation(values, DAY / step);
  if (acf < MIN_AUTOCORRELATION) return { reason: `daily autocorrelation ${acf.toFixed(2)} < ${MIN_AUTOCORRELATION}: no clear daily cycle` };
  return { source: file, startMs: origin, stepSeconds: step, values, dailyAutocorrelation: acf, ...(fine ? { aggregatedFromSeconds: fine } : {}) };
};

/**
 * Every `*.csv` one level down in `dir`, except `original_*` files beside cleaned ones (the data set's untouched
 * source copies of the traces next to them). A file that does not parse as `timestamp,value` is skipped with the parser's reason.
 */
export const loadBenchTraces = (dir: string): TraceSelection => {
  const selection: TraceSelection = { traces: [], skipped: [] };
  if (!existsSync(dir)) return { traces: [], skipped: [{ source: dir, reason: 'not found: the accuracy part is skipped' }] };
  for (const folder of readdirSync(dir).sort()) {
    const path = join(dir, folder);
    if (!statSync(path).isDirectory()) continue;
    const names = readdirSync(path).filter((f) => f.endsWith('.csv')).sort();
    const hasCleaned = names.some((name) => !name.startsWith('original_'));
    for (const name of names) {
      const file = join(path, name);
      if (hasCleaned && name.startsWith('original_')) {
        selection.skipped.push({ source: file, reason: 'untouched source copy of the cleaned trace beside it' });
        continue;
      }
      try {
        const trace = benchTraceOf(file);
        if ('reason' in trace) selection.skipped.push({ source: file, reason: trace.reason });
        else selection.traces.push(trace);
      } catch (error) {
        selection.skipped.push({ source: file, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return selection;
};
