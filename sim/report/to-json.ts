// The machine-readable report (`--json`): sorted keys, figures rounded to what they mean, series included.
import type { SimulationReport } from '../model/report';

/** Decimals kept per field, chosen by the field's name so that new fields of a known kind round alike. */
const decimalsFor = (key: string): number => {
  if (key === 'usdPer1kRequests') return 4; // often below a cent per 1k requests
  if (/usd/i.test(key)) return 2; // money to cents
  if (key === 'ratioToOracle' || key === 'sloAttainment') return 4; // shares and ratios
  if (key.endsWith('Ms')) return 0; // epoch and durations in ms are whole
  if (key.endsWith('Seconds')) return 3;
  if (key.endsWith('Qps') || key === 'hours') return 3;
  return 4; // counts stay exact; a fractional count keeps enough to show it is not zero
};

const round = (value: number, decimals: number): number | null => {
  if (!Number.isFinite(value)) return null; // JSON has no NaN or Infinity
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded; // no -0
};

const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/** Writes objects one key per line but number arrays on one line: a 30-day series stays a few lines, not 8,640. */
const write = (value: unknown, key: string, indent: string): string => {
  if (typeof value === 'number') return JSON.stringify(round(value, decimalsFor(key)));
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPrimitive)) return `[${value.map((v) => write(v, key, indent)).join(',')}]`;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${write(v, key, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, k, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * The report as JSON with keys sorted at every level and numbers rounded by kind: money to cents ($ per 1k
 * requests to 4 decimals), shares and ratios to 4 decimals, millisecond times to whole ms, seconds to ms,
 * QPS and hours to 3 decimals. Non-finite numbers become `null`. Series are included in full.
 *
 * @example
 * const parsed = JSON.parse(toJson(report)) as SimulationReport;
 */
export const toJson = (report: SimulationReport): string => `${write(report, '', '')}\n`;
