// The terminal rendering of a simulation report: the policy table and the lines that explain it.
import type { SimulationReport } from '../model/report';
import { formatDays, formatDuration } from './figure-format';
import { LOST_COLUMN, POLICY_TABLE_HEADERS, type PolicyTableRow, policyTableRows } from './policy-table-rows';
import { instanceHoursSummary, lostRequestNotes, priceSourceGroups, repeatedTraceNote } from './report-notes';

/** How to render the table. */
export interface PolicyTableOptions {
  /** ANSI colours (bold header, dim oracle, red losses); pass `stream.isTTY` so logs and pipes stay plain. */
  color: boolean;
}

const ANSI = { bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[1;31m', reset: '\u001b[0m' } as const;
const GAP = '  ';
const LOST_MARK = ' !';

/** Names come from files and flags: a control character would corrupt the terminal, so it shows as `?`. */
// eslint-disable-next-line no-control-regex
const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

const paint = (text: string, code: string, color: boolean): string => (color ? `${code}${text}${ANSI.reset}` : text);

const cellsOf = (row: PolicyTableRow): string[] =>
  row.cells.map((cell, i) => printable(i === LOST_COLUMN && row.lost > 0 ? `${cell}${LOST_MARK}` : cell));

/** Pads every cell to its column's width (text left, figures right), then colours it, so codes never skew widths. */
const tableLines = (rows: PolicyTableRow[], color: boolean): string[] => {
  const header = [...POLICY_TABLE_HEADERS];
  const bodies = rows.map(cellsOf);
  const widths = header.map((h, i) => Math.max(h.length, ...bodies.map((cells) => (cells[i] ?? '').length)));
  const pad = (text: string, i: number): string => (i === 0 ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0));
  const line = (cells: string[], paintCell: (text: string, i: number) => string): string =>
    cells.map((c, i) => paintCell(pad(c, i), i)).join(GAP).trimEnd();
  return [
    line(header, (t) => paint(t, ANSI.bold, color)),
    ...rows.map((row, r) =>
      line(bodies[r] ?? [], (t, i) => {
        if (row.lost > 0 && i === LOST_COLUMN) return paint(t, ANSI.red, color);
        return row.kind === 'oracle' ? paint(t, ANSI.dim, color) : t;
      }),
    ),
  ];
};

const scenarioLine = (report: SimulationReport): string => {
  const s = report.scenario;
  return printable(
    `${s.name}: fleet ${s.fleetName}, ${formatDays(s.days)}, step ${formatDuration(s.stepSeconds)}, seed ${s.seed}, SLO p99 ${s.sloP99Ms} ms, trace ${s.traceSource}`,
  );
};

const instanceHoursLines = (report: SimulationReport): string[] => {
  const named = [...report.policies.map((p) => ({ name: printable(p.policy), hours: p.instanceHours })), { name: 'oracle', hours: report.oracle.instanceHours }];
  const width = Math.max(...named.map((n) => n.name.length));
  return ['instance-hours by type and market:', ...named.map((n) => `  ${n.name.padEnd(width)}${GAP}${printable(instanceHoursSummary(n.hours))}`)];
};

const priceSourceLines = (report: SimulationReport): string[] => {
  const groups = priceSourceGroups(report);
  if (groups.length === 0) return [];
  const rows = groups.map((g) => [g.instanceType, g.market, g.availabilityZones.join(', '), g.source].map(printable));
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return ['price sources per pool:', ...rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(GAP).trimEnd()}`)];
};

/**
 * The report as aligned plain text: one row per policy plus the oracle row, then instance-hours per policy,
 * the price source of every pool, the policies that lost requests (flagged with `!`) and a repeated-trace note.
 *
 * @example
 * process.stdout.write(formatPolicyTable(report, { color: process.stdout.isTTY === true }));
 */
export const formatPolicyTable = (report: SimulationReport, options: PolicyTableOptions = { color: false }): string => {
  const { color } = options;
  const repeated = repeatedTraceNote(report);
  const lines = [
    scenarioLine(report),
    '',
    ...tableLines(policyTableRows(report), color),
    '',
    ...instanceHoursLines(report),
    ...priceSourceLines(report),
    ...lostRequestNotes(report).map((note) => paint(`${LOST_MARK.trim()} ${printable(note)}`, ANSI.red, color)),
    ...(repeated === undefined ? [] : [`note: ${printable(repeated)}`]),
  ];
  return `${lines.join('\n')}\n`;
};
