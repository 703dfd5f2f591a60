/** How the cost report writes $ and shares in Slack: fixed decimals, thousands separated, unknown said as such. */

/** `$1,234.56`; below a cent per unit (a $ per 1k request) with four decimals: `$0.0123`; `n/a` when unknown. */
export const formatUsd = (usd: number | undefined): string => {
  if (usd === undefined || !Number.isFinite(usd)) return 'n/a';
  const digits = Math.abs(usd) > 0 && Math.abs(usd) < 1 ? 4 : 2;
  const sign = usd < 0 ? '-' : '';
  return `${sign}$${Math.abs(usd).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
};

/** `87.5%` from a 0..100 value; `n/a` when unknown. */
export const formatPercent = (percent: number | undefined): string =>
  percent === undefined || !Number.isFinite(percent) ? 'n/a' : `${percent.toFixed(1)}%`;

/** `1,234,567` (whole numbers); `n/a` when unknown. */
export const formatCount = (count: number | undefined): string =>
  count === undefined || !Number.isFinite(count) ? 'n/a' : Math.round(count).toLocaleString('en-US');
