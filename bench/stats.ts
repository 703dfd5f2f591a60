/** Small statistics for the benches: percentiles of a sample, formatted. */

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
};

export const median = (values: number[]): number => percentile(values, 50);

export const ms = (value: number): string => `${value.toFixed(3)} ms`;
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
