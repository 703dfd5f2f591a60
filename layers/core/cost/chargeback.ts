/** The monthly chargeback: each team's and cost center's inference cost, requests, $ per 1k and the autopilot's savings. */
import type { DailyCost } from './daily-cost';

/** The team and cost center of a fleet without them in the fleets file. */
export const UNASSIGNED = 'unassigned';

export interface ChargebackRow {
  team: string;
  costCenter: string;
  /** Fleet names, sorted. */
  fleets: string[];
  usd: number;
  /** Requests served; undefined when no fleet of the row had request data. */
  requests?: number;
  usdPer1kRequests?: number;
  savingsUsd: number;
  /** Days (fleet-days) the row's figures cover: a team with a fleet reported on fewer days has a partial month. */
  fleetDays: number;
}

export interface Chargeback {
  /** `YYYY-MM`. */
  month: string;
  rows: ChargebackRow[];
  total: Omit<ChargebackRow, 'team' | 'costCenter' | 'fleets'>;
}

/**
 * Attributes each fleet-day of `month` to its (team, cost center): rows by descending cost, then team. The $ per 1k
 * of a row is its cost over its requests; the cost of a fleet-day without request data still counts in `usd`, so
 * $ per 1k is computed on the fleet-days that have requests only (a missing metric must not make serving look cheap).
 *
 * @example
 * chargeback('2026-11', days).rows[0]; // { team: 'search', costCenter: 'CC-1042', fleets: ['bert-large'], usd: 1234.5, ... }
 */
export const chargeback = (month: string, days: readonly DailyCost[]): Chargeback => {
  const rows = new Map<string, ChargebackRow & { pricedUsd: number }>();
  for (const day of days.filter((d) => d.day.startsWith(`${month}-`))) {
    const team = day.team ?? UNASSIGNED;
    const costCenter = day.costCenter ?? UNASSIGNED;
    const key = JSON.stringify([team, costCenter]);
    const row = rows.get(key) ?? { team, costCenter, fleets: [], usd: 0, savingsUsd: 0, fleetDays: 0, pricedUsd: 0 };
    if (!row.fleets.includes(day.fleetName)) row.fleets = [...row.fleets, day.fleetName].sort();
    row.usd += day.usd;
    row.savingsUsd += day.savingsUsd;
    row.fleetDays += 1;
    if (day.requests !== undefined) {
      row.requests = (row.requests ?? 0) + day.requests;
      row.pricedUsd += day.usd;
    }
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => b.usd - a.usd || (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
  const totals = sorted.reduce(
    (t, r) => ({ usd: t.usd + r.usd, savingsUsd: t.savingsUsd + r.savingsUsd, fleetDays: t.fleetDays + r.fleetDays, pricedUsd: t.pricedUsd + r.pricedUsd, requests: r.requests === undefined ? t.requests : (t.requests ?? 0) + r.requests }),
    { usd: 0, savingsUsd: 0, fleetDays: 0, pricedUsd: 0, requests: undefined as number | undefined },
  );
  return { month, rows: sorted.map(withPer1k), total: withPer1k(totals) };
};

const withPer1k = <T extends { pricedUsd: number; requests?: number | undefined }>(row: T): Omit<T, 'pricedUsd' | 'requests'> & { requests?: number; usdPer1kRequests?: number } => {
  const { pricedUsd, requests, ...rest } = row;
  return {
    ...rest,
    ...(requests === undefined ? {} : { requests }),
    ...(requests === undefined || requests <= 0 ? {} : { usdPer1kRequests: (pricedUsd / requests) * 1000 }),
  };
};
