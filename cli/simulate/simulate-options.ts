/** `autopilot simulate` options: parsed and checked, with errors that name the option. */
import { parseArgs } from 'node:util';

export interface SimulateOptions {
  trace?: string;
  fleets?: string;
  fleet?: string;
  days: number;
  seed: number;
  policies: PolicyName[];
  html?: string;
  json: boolean;
  stepSeconds: number;
  peakQps?: number;
  troughQps?: number;
  interruptions?: string;
  baselineType?: string;
  availabilityZones?: string[];
  /** Days at the trace's start given to the autopilot as history (its forecaster's warm-up); the run starts after them. */
  warmupDays?: number;
}

export const POLICY_NAMES = ['static', 'reactive', 'reactive-spot', 'autopilot'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export class OptionError extends Error {
  readonly retryable = false;
}

const number = (name: string, value: string | undefined, check: (n: number) => boolean, rule: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new OptionError(`--${name} ${value}: must be ${rule}`);
  return n;
};

export const parseSimulateOptions = (argv: string[], defaults: { seed: number; days: number }): SimulateOptions => {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      trace: { type: 'string' },
      fleets: { type: 'string' },
      fleet: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      policy: { type: 'string' },
      html: { type: 'string' },
      json: { type: 'boolean', default: false },
      step: { type: 'string' },
      peak: { type: 'string' },
      trough: { type: 'string' },
      interruptions: { type: 'string' },
      'baseline-type': { type: 'string' },
      azs: { type: 'string' },
      'warmup-days': { type: 'string' },
    },
  });
  const policies = (values.policy ?? POLICY_NAMES.join(',')).split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = policies.filter((p) => !(POLICY_NAMES as readonly string[]).includes(p));
  if (unknown.length > 0) throw new OptionError(`--policy ${unknown.join(',')}: unknown; choose from ${POLICY_NAMES.join(', ')}`);
  const peak = number('peak', values.peak, (n) => n > 0, 'a positive number of requests per second');
  const trough = number('trough', values.trough, (n) => n >= 0, 'a number of requests per second >= 0');
  if ((peak === undefined) !== (trough === undefined)) throw new OptionError('--peak and --trough go together');
  if (peak !== undefined && trough !== undefined && trough > peak) throw new OptionError(`--trough ${trough} is above --peak ${peak}`);
  return {
    ...(values.trace ? { trace: values.trace } : {}),
    ...(values.fleets ? { fleets: values.fleets } : {}),
    ...(values.fleet ? { fleet: values.fleet } : {}),
    days: number('days', values.days, (n) => n > 0 && n <= 366, 'between 0 and 366') ?? defaults.days,
    seed: number('seed', values.seed, (n) => Number.isInteger(n) && n >= 0, 'a whole number >= 0') ?? defaults.seed,
    policies: policies as PolicyName[],
    ...(values.html ? { html: values.html } : {}),
    json: values.json ?? false,
    stepSeconds: number('step', values.step, (n) => Number.isInteger(n) && n >= 1 && n <= 10, 'a whole number of seconds from 1 to 10') ?? 10,
    ...(peak !== undefined && trough !== undefined ? { peakQps: peak, troughQps: trough } : {}),
    ...(values.interruptions ? { interruptions: values.interruptions } : {}),
    ...(values['baseline-type'] ? { baselineType: values['baseline-type'] } : {}),
    ...(values['warmup-days'] !== undefined ? { warmupDays: number('warmup-days', values['warmup-days'], (n) => n >= 0 && n <= 56, 'a number of days from 0 to 56') ?? 0 } : {}),
    ...(values.azs ? { availabilityZones: values.azs.split(',').map((z) => z.trim()).filter(Boolean) } : {}),
  };
};
