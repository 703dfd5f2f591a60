/** `autopilot forecast` options: parsed and checked, with errors that name the flag and the value. */
import { parseArgs } from 'node:util';
import { parseUtcTimestamp } from '../../sim/trace/utc-timestamp';
import { OptionError } from '../simulate/simulate-options';
import { parseDuration } from './duration';

export interface ForecastOptions {
  trace: string;
  horizonSeconds: number;
  stepSeconds: number;
  /** Forecast from here (epoch ms); default the end of the trace. */
  atMs?: number;
  /** Days of history before the origin given to the forecaster (the scaler reads 28). */
  historyDays: number;
  html?: string;
  json: boolean;
}

/** CloudWatch periods for metrics of standard resolution: 60 s or a multiple of it. */
const MIN_STEP_SECONDS = 60;
/** A forecast of more than a week ahead has nothing of the week's cycle left to stand on. */
const MAX_HORIZON_SECONDS = 7 * 86_400;

const duration = (flag: string, value: string | undefined, fallback: string): number => {
  const text = value ?? fallback;
  const seconds = parseDuration(text);
  if (seconds === undefined || !(seconds > 0)) throw new OptionError(`--${flag} ${text}: not a duration; write it like 6h, 90m, 5m or 1d`);
  return seconds;
};

/**
 * @throws OptionError naming the flag and its value: a missing --trace, a horizon or step that is not a duration,
 *   a step that is not a whole number of minutes, a horizon shorter than one step or longer than 7 days, an --at
 *   that is not an ISO-8601 time, --history-days outside 1..56
 */
export const parseForecastOptions = (argv: string[]): ForecastOptions => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (cause) {
    // node:util names the unknown or valueless flag in its message.
    throw new OptionError((cause as Error).message, { cause });
  }
  const { values } = parsed;
  if (!values.trace) throw new OptionError('--trace FILE is required (CSV: ISO-8601 UTC timestamp, requests in the interval)');
  const horizonSeconds = duration('horizon', values.horizon, '6h');
  const stepSeconds = duration('step', values.step, '5m');
  if (stepSeconds < MIN_STEP_SECONDS || stepSeconds % MIN_STEP_SECONDS !== 0) {
    throw new OptionError(`--step ${values.step}: must be a whole number of minutes (CloudWatch periods are multiples of 60 s)`);
  }
  if (horizonSeconds < stepSeconds) throw new OptionError(`--horizon ${values.horizon ?? '6h'}: shorter than one step (${values.step ?? '5m'})`);
  if (horizonSeconds > MAX_HORIZON_SECONDS) throw new OptionError(`--horizon ${values.horizon}: at most 7d`);
  let atMs: number | undefined;
  if (values.at !== undefined) {
    atMs = parseUtcTimestamp(values.at);
    if (atMs === undefined) throw new OptionError(`--at ${values.at}: not an ISO-8601 time (e.g. 2014-10-06T06:00:00Z)`);
  }
  const historyDays = values['history-days'] === undefined ? 28 : Number(values['history-days']);
  if (!Number.isFinite(historyDays) || historyDays < 1 || historyDays > 56) {
    throw new OptionError(`--history-days ${values['history-days']}: must be a number of days from 1 to 56`);
  }
  return {
    trace: values.trace,
    horizonSeconds,
    stepSeconds,
    ...(atMs !== undefined ? { atMs } : {}),
    historyDays,
    ...(values.html ? { html: values.html } : {}),
    json: values.json ?? false,
  };
};

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      trace: { type: 'string' },
      horizon: { type: 'string' },
      step: { type: 'string' },
      at: { type: 'string' },
      'history-days': { type: 'string' },
      html: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
