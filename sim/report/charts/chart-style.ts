// What every report chart shares: size, point budget, fonts, the run's time axis and one colour per policy.
import type { Config } from 'vega-lite';
import type { SimulationReport } from '../../model/report';

/** Plot width in px: the page is ~900 px wide, and legends take the rest. */
export const CHART_WIDTH = 720;

/** Points per drawn series: a 30-day run at 5-minute points (8,640) thins to this; the SVG stays small. */
export const MAX_POINTS_PER_SERIES = 2000;

/** Fixed order of colours (Tableau 10) so a policy has the same colour in every chart. */
const POLICY_PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#ff9da6', '#9d755d', '#bab0ac'];

export const CHART_CONFIG: Config = {
  font: 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'right', labelLimit: 220 },
  header: { labelFontSize: 12, labelFontWeight: 'bold', labelAnchor: 'start', labelOrient: 'top', labelLimit: 600 },
};

/** [start, end] of the simulated period in epoch ms: every time axis spans it, even where a series is empty. */
export const runSpanMs = (report: SimulationReport): [number, number] => [
  report.scenario.startMs,
  report.scenario.startMs + report.scenario.days * 86_400_000,
];

/** The shared x channel: field `t` (epoch ms), UTC, over the whole run. */
export const timeAxis = (report: SimulationReport) => ({
  field: 't',
  type: 'temporal' as const,
  title: null,
  scale: { type: 'utc' as const, domain: runSpanMs(report) },
  axis: { labelOverlap: true },
});

/** The report's policy names in its order: the domain of every policy scale. */
export const policyNames = (report: SimulationReport): string[] => report.policies.map((p) => p.policy);

/** Colour by field `policy`, the same colour per policy in every chart, legend in the report's order. */
export const policyColor = (report: SimulationReport, title: string = 'policy') => {
  const names = policyNames(report);
  return {
    field: 'policy',
    type: 'nominal' as const,
    title,
    sort: names,
    scale: { domain: names, range: names.map((_, i) => POLICY_PALETTE[i % POLICY_PALETTE.length] ?? '#4c78a8') },
  };
};
