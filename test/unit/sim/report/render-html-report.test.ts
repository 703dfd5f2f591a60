import { beforeAll, describe, expect, it } from 'vitest';
import { costSpec } from '../../../../sim/report/charts/cost-chart';
import { demandCapacitySpec } from '../../../../sim/report/charts/demand-capacity-chart';
import { sloOverTimeSpec } from '../../../../sim/report/charts/slo-charts';
import { timelineRows } from '../../../../sim/report/charts/timeline-chart';
import { renderHtmlReport } from '../../../../sim/report/render-html-report';
import { aSimulationReport, THIRTY_DAY_POINTS } from '../../../helpers/sim-report-fixture';

const NASTY = 'spot <mix> & "friends"';
const NASTY_ESCAPED = 'spot &lt;mix&gt; &amp; &quot;friends&quot;';

/** Rows per (policy, series) of a chart's inline data. */
const countsOf = (spec: object): Map<string, number> => {
  const values = (spec as { data?: { values?: Record<string, unknown>[] }; layer?: { data?: { values?: Record<string, unknown>[] } }[] }).data?.values ??
    (spec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer[0]?.data.values ??
    [];
  const counts = new Map<string, number>();
  for (const row of values) {
    const key = `${String(row.policy)}|${String(row.series ?? '')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

describe('renderHtmlReport', () => {
  // One day of three policies, one named with <&>" and losing requests, over a repeated trace: rendered once
  // (vega takes about a second) and read by the first three tests.
  let html = '';
  beforeAll(async () => {
    html = await renderHtmlReport(aSimulationReport({ policies: ['static', NASTY, 'autopilot'], lost: { [NASTY]: 5 }, traceRepeated: true }));
  });

  it('writes one self-contained page: doctype, inline SVG charts, no script and no URL but the SVG namespace', () => {
    // Prepare: the page rendered above

    // Act
    const urls = new Set(html.match(/https?:\/\/[^\s"'<>)]*/g) ?? []);

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg\b/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(urls).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('escapes every policy name: the table, the legends and the panel titles show <&> as text', () => {
    // Prepare: the page rendered above

    // Act
    const svgsNamingIt = html.split(/<svg\b/).slice(1).filter((svg) => svg.includes('spot &lt;mix&gt; &amp; '));

    // Assess
    expect(html).not.toContain('<mix>');
    expect(html).toContain(`<td>${NASTY_ESCAPED}</td>`);
    expect(svgsNamingIt.length).toBeGreaterThanOrEqual(4);
  });

  it('shows the table with losses highlighted and describes the scenario', () => {
    // Prepare: the page rendered above

    // Act
    const lostRow = html.split('\n').find((line) => line.startsWith(`<tr class="policy"><td>${NASTY_ESCAPED}</td>`));

    // Assess
    expect(lostRow).toContain('<td class="lost" title="requests lost: must be 0">5 !</td>');
    expect(html).toMatch(/<tr class="oracle"><td>oracle<\/td><td>\$[\d,.]+<\/td><td>\$[\d.]+<\/td><td>1\.00x<\/td>/);
    expect(html).toContain(`<li class="alert">${NASTY_ESCAPED} lost 5 of`);
    expect(html).toContain('<dd>../shared/data/traces/wikipedia-pageviews-hourly.csv</dd>');
    expect(html).toMatch(/<dt>trace repeated<\/dt><dd>the trace .* was repeated to cover it<\/dd>/);
    expect(html).toContain('<dt>seed</dt><dd>42</dd>');
    expect(html).toContain('<dt>simulation step</dt><dd>10 s</dd>');
    expect(html).toContain('<td>us-east-1a, us-east-1b</td><td>Spot price history</td>');
  });

  it('thins every series of a 30-day run to at most 2,000 points per chart', () => {
    // Prepare
    const report = aSimulationReport({ points: THIRTY_DAY_POINTS, policies: ['static', 'reactive', 'reactive-spot', 'autopilot'] });

    // Act
    const counts = [demandCapacitySpec(report), costSpec(report), sloOverTimeSpec(report)].map(countsOf);

    // Assess
    expect(counts.map((c) => c.size)).toEqual([12, 4, 4]);
    for (const c of counts) for (const n of c.values()) expect(n).toBeGreaterThanOrEqual(1_000);
    for (const c of counts) for (const n of c.values()) expect(n).toBeLessThanOrEqual(2_000);
    expect(timelineRows(report, 50).omitted).toBeGreaterThan(0);
  });

  it('renders the 30-day, 4-policy report with a few hundred kB per chart, not megabytes', async () => {
    // Prepare
    const report = aSimulationReport({ points: THIRTY_DAY_POINTS, policies: ['static', 'reactive', 'reactive-spot', 'autopilot'] });

    // Act
    const html = await renderHtmlReport(report);

    // Assess
    const svgSizes = (html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []).map((svg) => svg.length);
    expect(svgSizes.length).toBeGreaterThanOrEqual(4);
    for (const size of svgSizes) expect(size).toBeLessThan(600_000);
  });
});
