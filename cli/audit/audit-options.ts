/** `autopilot audit` options: parsed and checked, with errors that name the option. */
import { parseArgs } from 'node:util';
import type { RequestsSource } from '../../layers/ports/usage-metrics-port';
import { OptionError } from '../simulate/simulate-options';

export interface AuditOptions {
  fleets?: string;
  days: number;
  twins: boolean;
  json: boolean;
  region: string;
  /** The day after the last audited one, `YYYY-MM-DD` (default: today, UTC). */
  until?: string;
  requestsSource: RequestsSource;
  /** Where fetched Cost Explorer answers are kept; undefined with --no-cache. */
  cacheDir?: string;
  maxRequests: number;
}

export const DEFAULT_CACHE_DIR = '.autopilot-cache/cost-explorer';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SOURCES: readonly RequestsSource[] = ['sqs-deleted', 'agent-served'];

const wholeNumber = (name: string, value: string | undefined, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new OptionError(`--${name} ${value}: must be a whole number from ${min} to ${max}`);
  return n;
};

export const parseAuditOptions = (argv: string[]): AuditOptions => {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      fleets: { type: 'string' },
      days: { type: 'string' },
      twins: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      region: { type: 'string' },
      until: { type: 'string' },
      requests: { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      'max-requests': { type: 'string' },
    },
  });
  if (!values.fleets && !values.twins) throw new OptionError('--fleets FILE is required (or --twins, to audit a scripted month without an AWS account)');
  if (values.until !== undefined && !(DAY.test(values.until) && !Number.isNaN(Date.parse(`${values.until}T00:00:00Z`)))) {
    throw new OptionError(`--until ${values.until}: must be a day, YYYY-MM-DD`);
  }
  const source = values.requests ?? 'sqs-deleted';
  if (!(SOURCES as readonly string[]).includes(source)) throw new OptionError(`--requests ${source}: choose from ${SOURCES.join(', ')}`);
  return {
    ...(values.fleets ? { fleets: values.fleets } : {}),
    // Cost Explorer keeps 14 months of daily data; a year is the longest window worth a first audit.
    days: wholeNumber('days', values.days, 1, 365) ?? 30,
    twins: values.twins ?? false,
    json: values.json ?? false,
    region: values.region ?? 'us-east-1',
    ...(values.until ? { until: values.until } : {}),
    requestsSource: source as RequestsSource,
    ...(values['no-cache'] ? {} : { cacheDir: values.cache ?? DEFAULT_CACHE_DIR }),
    maxRequests: wholeNumber('max-requests', values['max-requests'], 1, 1000) ?? 20,
  };
};
