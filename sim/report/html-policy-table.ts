// The policy table of the HTML report, with instance-hours per policy and the lost-request alerts.
import type { SimulationReport } from '../model/report';
import { escapeHtml } from './html-escape';
import { LOST_COLUMN, POLICY_TABLE_HEADERS, policyTableRows } from './policy-table-rows';
import { instanceHoursSummary, lostRequestNotes } from './report-notes';

const cell = (text: string, lost: boolean): string => (lost ? `<td class="lost" title="requests lost: must be 0">${escapeHtml(text)} !</td>` : `<td>${escapeHtml(text)}</td>`);

/** The table of `formatPolicyTable` as HTML: the same cells, the oracle row set apart, losses highlighted. */
export const policyTableHtml = (report: SimulationReport): string => {
  const head = `<thead><tr>${POLICY_TABLE_HEADERS.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = policyTableRows(report)
    .map((row) => {
      const cells = row.cells.map((text, i) => cell(text, i === LOST_COLUMN && row.lost > 0)).join('');
      return `<tr class="${row.kind}">${cells}</tr>`;
    })
    .join('\n');
  return `<table class="policies">\n${head}\n<tbody>\n${body}\n</tbody>\n</table>`;
};

/** Instance-hours by type and market, one line per policy and the oracle. */
export const instanceHoursHtml = (report: SimulationReport): string => {
  const named = [...report.policies.map((p) => ({ name: p.policy, hours: p.instanceHours })), { name: 'oracle', hours: report.oracle.instanceHours }];
  const rows = named.map((n) => `<tr><td>${escapeHtml(n.name)}</td><td>${escapeHtml(instanceHoursSummary(n.hours))}</td></tr>`);
  return `<table class="instance-hours">\n<thead><tr><th scope="col">policy</th><th scope="col">instance-hours by type and market</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
};

/** One alert per policy that lost requests; empty when none did. */
export const lostRequestsHtml = (report: SimulationReport): string => {
  const notes = lostRequestNotes(report);
  return notes.length === 0 ? '' : `<ul class="notes">${notes.map((n) => `<li class="alert">${escapeHtml(n)}</li>`).join('')}</ul>`;
};
