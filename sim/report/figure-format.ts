// How the report writes its figures (money, shares, waits, hours), shared by the terminal table and the HTML page.

const grouped = (value: number, decimals: number): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** `$1,234.56`; a non-finite figure (a division by a zero oracle, say) reads `n/a`. */
export const formatUsd = (usd: number): string => (Number.isFinite(usd) ? `${usd < 0 ? '-' : ''}$${grouped(Math.abs(usd), 2)}` : 'n/a');

/** $ per 1k requests is often below a cent, so it keeps four decimals. */
export const formatUsdPer1k = (usd: number): string => (Number.isFinite(usd) ? `$${grouped(usd, 4)}` : 'n/a');

/** `1.23x`: how many times the oracle's cost a policy paid. */
export const formatRatio = (ratio: number): string => (Number.isFinite(ratio) ? `${grouped(ratio, 2)}x` : 'n/a');

/** A share 0..1 as `99.95%`; two decimals because SLO attainments differ in the last nines. */
export const formatShare = (share: number): string => (Number.isFinite(share) ? `${(share * 100).toFixed(2)}%` : 'n/a');

/** A wait: milliseconds below a second, seconds below a minute, minutes above. */
export const formatWait = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return 'n/a';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${grouped(seconds / 60, 1)} min`;
};

/** Whole counts with thousands separators (requests, interruptions, actions). */
export const formatCount = (count: number): string => (Number.isFinite(count) ? grouped(Math.round(count), 0) : 'n/a');

/** Instance-hours with one decimal. */
export const formatHours = (hours: number): string => (Number.isFinite(hours) ? `${grouped(hours, 1)} h` : 'n/a');

/** `2026-03-14 03:12 UTC`: the report states times in UTC, as the trace and AWS do. */
export const formatUtc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** `1 day`, `7 days`, `0.5 days`. */
export const formatDays = (days: number): string => `${Number(days.toFixed(2))} ${days === 1 ? 'day' : 'days'}`;

/** A step or period: `10 s`, `5 min`, `1 h`. */
export const formatDuration = (seconds: number): string => {
  if (seconds % 3600 === 0 && seconds >= 3600) return `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} min`;
  return `${seconds} s`;
};
