/** Idle periods of a fleet: hours in a row whose fleet-wide GPU utilization stayed under the idle threshold. */
import type { IdlePeriod, TimedValue } from './audit-types';

const HOUR_MS = 3_600_000;

/**
 * Runs of at least `minHours` consecutive hours under `thresholdPercent`. An hour without data breaks a run: unknown
 * is not idle (the fleet may have had no instance, or the agent was down), so the audit does not bill it as waste.
 *
 * @example
 * idlePeriodsOf([{ atMs: 0, value: 3 }, { atMs: 3_600_000, value: 2 }, { atMs: 7_200_000, value: 60 }], 10, 2);
 * // [{ startMs: 0, endMs: 7_200_000, meanUtilizationPercent: 2.5 }]
 */
export const idlePeriodsOf = (hours: readonly TimedValue[], thresholdPercent: number, minHours: number): IdlePeriod[] => {
  const periods: IdlePeriod[] = [];
  let run: TimedValue[] = [];
  const close = (): void => {
    const first = run[0];
    const last = run[run.length - 1];
    if (first && last && run.length >= minHours) {
      periods.push({ startMs: first.atMs, endMs: last.atMs + HOUR_MS, meanUtilizationPercent: run.reduce((s, p) => s + p.value, 0) / run.length });
    }
    run = [];
  };
  for (const point of [...hours].sort((a, b) => a.atMs - b.atMs)) {
    const previous = run[run.length - 1];
    if (previous && point.atMs !== previous.atMs + HOUR_MS) close();
    if (point.value < thresholdPercent) run.push(point);
    else close();
  }
  close();
  return periods;
};
