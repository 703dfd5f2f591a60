// The self-contained HTML report: scenario, policy table and four charts rendered to inline SVG with vega-lite.
import type { SimulationReport } from '../model/report';
import { costSpec } from './charts/cost-chart';
import { demandCapacitySpec } from './charts/demand-capacity-chart';
import { sloOverallSpec, sloOverTimeSpec } from './charts/slo-charts';
import { timelineRows, timelineSpec } from './charts/timeline-chart';
import { MAX_POINTS_PER_SERIES } from './charts/chart-style';
import { renderVegaLiteSvg } from './charts/vega-svg';
import { formatCount, formatDays, formatDuration, formatUsd } from './figure-format';
import { escapeHtml } from './html-escape';
import { instanceHoursHtml, lostRequestsHtml, policyTableHtml } from './html-policy-table';
import { priceSourcesHtml, scenarioHtml } from './html-scenario';
import { REPORT_CSS } from './report-css';

export interface HtmlReportOptions {
  /** Points per drawn series (and event markers per policy); the engine's series are thinned to this. */
  maxPointsPerSeries?: number;
}

const section = (title: string, caption: string, body: string): string =>
  `<section>\n<h2>${escapeHtml(title)}</h2>\n<p class="caption">${escapeHtml(caption)}</p>\n${body}\n</section>`;

const figure = (svg: string): string => `<figure>${svg}</figure>`;

/**
 * The report as one HTML file that needs nothing else: inline CSS, charts as inline SVG rendered in Node by
 * vega-lite (no script, no font, no URL), every piece of report text escaped. Charts: demand vs capacity per
 * policy, cumulative cost with the oracle's total, interruptions and actions on the timeline, SLO attainment
 * over time and over the run. Each series is thinned to `maxPointsPerSeries` (default 2,000) points.
 *
 * @example
 * await writeFile('report.html', await renderHtmlReport(report));
 */
export const renderHtmlReport = async (report: SimulationReport, options: HtmlReportOptions = {}): Promise<string> => {
  const maxPoints = options.maxPointsPerSeries ?? MAX_POINTS_PER_SERIES;
  const s = report.scenario;
  const demandSvg = await renderVegaLiteSvg(demandCapacitySpec(report, maxPoints));
  const costSvg = await renderVegaLiteSvg(costSpec(report, maxPoints));
  const timelineSvg = await renderVegaLiteSvg(timelineSpec(report, maxPoints));
  const sloTimeSvg = await renderVegaLiteSvg(sloOverTimeSpec(report, maxPoints));
  const sloOverallSvg = await renderVegaLiteSvg(sloOverallSpec(report));
  const omitted = timelineRows(report, maxPoints).omitted;
  const thinned = `Points every ${formatDuration(s.seriesStepSeconds)}, at most ${formatCount(maxPoints)} per series (minimum and maximum kept per bucket).`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${s.name}: fleet simulation report`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(s.name)}</h1>
<p class="lead">${escapeHtml(`Fleet ${s.fleetName}, ${formatDays(s.days)}. Every policy's cost is compared with the oracle: the cheapest whole instances covering each step's demand with perfect foresight (${formatUsd(report.oracle.totalUsd)}).`)}</p>
${section('Policies', 'Cost, SLO attainment and requests lost (must be 0) per policy; the oracle is the lower bound no policy can beat.', `${policyTableHtml(report)}\n${lostRequestsHtml(report)}\n${instanceHoursHtml(report)}`)}
${section('Scenario', 'What was simulated.', `${scenarioHtml(report)}\n${priceSourcesHtml(report)}`)}
${section('Demand and capacity', `Demand against serving capacity, with capacity still booting on top, in QPS at the SLO. ${thinned}`, figure(demandSvg))}
${section('Cost over time', `Cumulative cost per policy; the dashed rule is the oracle's total for the run (${formatUsd(report.oracle.totalUsd)}).`, figure(costSvg))}
${section('Interruptions and actions', `Spot signals and the actions each policy took.${omitted > 0 ? ` ${formatCount(omitted)} events not drawn (evenly thinned to ${formatCount(maxPoints)} per policy).` : ''}`, figure(timelineSvg))}
${section('SLO attainment', `Share of each interval's served requests that met the SLO, then over the whole run. ${thinned}`, `${figure(sloTimeSvg)}\n${figure(sloOverallSvg)}`)}
</main>
</body>
</html>
`;
};
