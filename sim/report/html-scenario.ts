// The HTML report's description of the scenario: trace, period, step, seed, SLO and the price source of each pool.
import type { SimulationReport } from '../model/report';
import { formatDays, formatDuration, formatUtc } from './figure-format';
import { escapeHtml } from './html-escape';
import { runSpanMs } from './charts/chart-style';
import { priceSourceGroups, repeatedTraceNote } from './report-notes';

const PRICE_SOURCE_MEANING: Record<string, string> = {
  'on-demand-catalog': 'on-demand price from the catalog',
  'spot-price-history': 'Spot price history',
  'spot-advisor-derived': 'on-demand price less the Spot advisor average savings, with bounded variation',
};

/** The scenario as a definition list: what was simulated, over which period, with which randomness. */
export const scenarioHtml = (report: SimulationReport): string => {
  const s = report.scenario;
  const [startMs, endMs] = runSpanMs(report);
  const items: [string, string][] = [
    ['scenario', s.name],
    ['fleet', s.fleetName],
    ['trace', s.traceSource],
    ['trace repeated', repeatedTraceNote(report) ?? 'no: the trace covers the whole run'],
    ['period', `${formatUtc(startMs)} to ${formatUtc(endMs)} (${formatDays(s.days)})`],
    ['simulation step', formatDuration(s.stepSeconds)],
    ['chart points every', formatDuration(s.seriesStepSeconds)],
    ['seed', String(s.seed)],
    ['SLO', `p99 ${s.sloP99Ms} ms (queue wait + service time, per request)`],
  ];
  return `<dl class="scenario">\n${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
};

/** Which source priced each pool, grouped by type and market with their Availability Zones. */
export const priceSourcesHtml = (report: SimulationReport): string => {
  const groups = priceSourceGroups(report);
  if (groups.length === 0) return '<p class="caption">No pool was priced.</p>';
  const rows = groups.map(
    (g) =>
      `<tr><td>${escapeHtml(g.instanceType)}</td><td>${escapeHtml(g.market)}</td><td>${escapeHtml(g.availabilityZones.join(', '))}</td><td>${escapeHtml(PRICE_SOURCE_MEANING[g.source] ?? g.source)}</td></tr>`,
  );
  const head = ['instance type', 'market', 'Availability Zones', 'price source'].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  return `<table class="price-sources">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
};
