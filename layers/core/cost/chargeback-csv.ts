/** The chargeback table as CSV per RFC 4180: a header line, CRLF line ends, fields quoted when they must be. */
import type { Chargeback, ChargebackRow } from './chargeback';

export const CHARGEBACK_CSV_HEADER = ['month', 'team', 'cost_center', 'fleets', 'usd', 'requests', 'usd_per_1k_requests', 'savings_usd', 'fleet_days'] as const;

/**
 * RFC 4180 section 2: a field holding a comma, a double quote, CR or LF is enclosed in double quotes, and a double
 * quote inside it is doubled. Other fields are written as they are.
 */
export const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const row = (month: string, r: Pick<ChargebackRow, 'usd' | 'requests' | 'usdPer1kRequests' | 'savingsUsd' | 'fleetDays'>, team: string, costCenter: string, fleets: string): string[] => [
  month,
  team,
  costCenter,
  fleets,
  r.usd.toFixed(2),
  r.requests === undefined ? '' : String(Math.round(r.requests)),
  r.usdPer1kRequests === undefined ? '' : r.usdPer1kRequests.toFixed(6),
  r.savingsUsd.toFixed(2),
  String(r.fleetDays),
];

/**
 * One line per row then a `TOTAL` line; fleets joined with `;`; unknown requests and $ per 1k left empty (not 0).
 * Every line, the last included, ends with CRLF (RFC 4180 allows the last one to, and spreadsheets accept it).
 *
 * @example
 * chargebackCsv(table); // 'month,team,cost_center,...\r\n2026-11,search,CC-1042,bert-large,1234.50,...\r\n2026-11,TOTAL,,,...\r\n'
 */
export const chargebackCsv = (table: Chargeback): string =>
  [
    [...CHARGEBACK_CSV_HEADER],
    ...table.rows.map((r) => row(table.month, r, r.team, r.costCenter, r.fleets.join(';'))),
    row(table.month, table.total, 'TOTAL', '', ''),
  ]
    .map((fields) => `${fields.map(csvField).join(',')}\r\n`)
    .join('');
