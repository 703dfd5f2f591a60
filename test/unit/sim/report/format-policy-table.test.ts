import { describe, expect, it } from 'vitest';
import { formatPolicyTable } from '../../../../sim/report/format-policy-table';
import { aSimulationReport, FIXTURE_POLICIES } from '../../../helpers/sim-report-fixture';

const ESC = '\u001b';

/** The text with its ANSI SGR sequences (ESC [ ... m) removed. */
const withoutAnsi = (text: string): string =>
  text
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[\d;]*m/, '')))
    .join('');

/** The header and body lines of the table: from the `policy` header to the `oracle` row. */
const tableLines = (text: string): string[] => {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('policy'));
  const end = lines.findIndex((l) => l.startsWith('oracle'));
  return lines.slice(start, end + 1);
};

describe('formatPolicyTable', () => {
  it('lists every policy, then the oracle at 1.00x, with each ratio to the oracle formatted', () => {
    // Prepare
    const report = aSimulationReport();
    const first = report.policies[0];
    if (!first) throw new Error('the fixture has policies');
    first.ratioToOracle = 3.14159;

    // Act
    const text = formatPolicyTable(report, { color: false });

    // Assess
    const rows = tableLines(text);
    expect(rows.map((l) => l.split(/\s{2,}/)[0])).toEqual(['policy', ...FIXTURE_POLICIES, 'oracle']);
    expect(rows[1]).toContain('3.14x');
    expect(rows.at(-1)).toMatch(/^oracle\s+\$[\d,]+\.\d\d\s+\$\d+\.\d{4}\s+1\.00x/);
  });

  it('aligns the columns: every table line has the same width and the figures end in the same place', () => {
    // Prepare
    const report = aSimulationReport({ policies: ['static', 'a much longer policy name', 'autopilot'] });

    // Act
    const rows = tableLines(formatPolicyTable(report, { color: false }));

    // Assess
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((l) => l.length)).size).toBe(1);
    const vsOracleEnd = (rows[0] ?? '').indexOf('vs oracle') + 'vs oracle'.length;
    for (const row of rows.slice(1)) expect(row.slice(vsOracleEnd - 1, vsOracleEnd)).toBe('x');
  });

  it('flags a policy that lost requests in its cell and in a line under the table', () => {
    // Prepare
    const report = aSimulationReport({ lost: { reactive: 12 } });

    // Act
    const text = formatPolicyTable(report, { color: false });

    // Assess
    const reactiveRow = tableLines(text).find((l) => l.startsWith('reactive'));
    expect(reactiveRow).toMatch(/\s12 !\s/);
    expect(text).toMatch(/^! reactive lost 12 of [\d,]+ requests \(must be 0\)$/m);
    expect(text.split('\n').filter((l) => l.includes('!'))).toHaveLength(2);
  });

  it('shows no loss flag when every policy served or kept every request', () => {
    // Prepare
    const report = aSimulationReport();

    // Act
    const text = formatPolicyTable(report, { color: false });

    // Assess
    expect(text).not.toContain('!');
    expect(text).not.toMatch(/lost \d/);
  });

  it('writes plain text without colour, and ANSI colours (losses in red) only when asked', () => {
    // Prepare
    const report = aSimulationReport({ lost: { autopilot: 1 } });

    // Act
    const plain = formatPolicyTable(report, { color: false });
    const coloured = formatPolicyTable(report, { color: true });

    // Assess
    expect(plain).not.toContain(ESC);
    expect(coloured).toContain(`${ESC}[1;31m`);
    expect(withoutAnsi(coloured)).toBe(plain);
  });

  it('lists instance-hours by type and market per policy and the price source of every pool', () => {
    // Prepare
    const report = aSimulationReport();

    // Act
    const text = formatPolicyTable(report, { color: false });

    // Assess
    expect(text).toMatch(/^ {2}static\s+p3\.2xlarge on-demand [\d,.]+ h \(\$[\d,.]+\)$/m);
    expect(text).toMatch(/^ {2}autopilot\s+g5\.xlarge spot [\d,.]+ h/m);
    expect(text).toMatch(/^ {2}oracle\s+g5\.xlarge spot [\d,.]+ h/m);
    expect(text).toMatch(/^ {2}g5\.xlarge\s+spot\s+us-east-1a, us-east-1b\s+spot-price-history$/m);
    expect(text).toMatch(/^ {2}g6\.xlarge\s+spot\s+us-east-1a\s+spot-advisor-derived$/m);
  });

  it('says when the trace was repeated to cover the run, and only then', () => {
    // Prepare
    const repeated = aSimulationReport({ traceRepeated: true });
    const covered = aSimulationReport({ traceRepeated: false });

    // Act
    const repeatedText = formatPolicyTable(repeated, { color: false });
    const coveredText = formatPolicyTable(covered, { color: false });

    // Assess
    expect(repeatedText).toMatch(/^note: the trace .*wikipedia-pageviews-hourly\.csv is shorter than the run \(1 day\): it was repeated/m);
    expect(coveredText).not.toContain('repeated');
  });

  it('prints control characters of a policy name as ? so a name cannot drive the terminal', () => {
    // Prepare
    const report = aSimulationReport({ policies: ['static', `evil${ESC}[2J`, 'autopilot'] });

    // Act
    const text = formatPolicyTable(report, { color: false });

    // Assess
    expect(text).not.toContain(ESC);
    expect(text).toContain('evil?[2J');
  });
});
