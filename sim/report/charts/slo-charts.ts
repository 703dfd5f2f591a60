// Chart 4: SLO attainment over time per policy, and each policy's attainment over the whole run as bars.
import type { TopLevelSpec } from 'vega-lite';
import type { SimulationReport } from '../../model/report';
import { downsampleMinMax } from './downsample';
import { CHART_CONFIG, CHART_WIDTH, MAX_POINTS_PER_SERIES, policyColor, policyNames, timeAxis } from './chart-style';

interface Row {
  t: number;
  policy: string;
  share: number;
}

/** Min-max thinning keeps every dip below the SLO visible, which is what this chart is read for. */
const rowsOf = (report: SimulationReport, maxPoints: number): Row[] => {
  const rows: Row[] = [];
  for (const p of report.policies) {
    const thin = downsampleMinMax(p.series.tMs, p.series.sloAttainment, maxPoints);
    for (let i = 0; i < thin.tMs.length; i++) rows.push({ t: thin.tMs[i] ?? 0, policy: p.policy, share: thin.values[i] ?? 0 });
  }
  return rows;
};

/** Share of each interval's served requests that met the SLO, one line per policy. */
export const sloOverTimeSpec = (report: SimulationReport, maxPoints: number = MAX_POINTS_PER_SERIES): TopLevelSpec => ({
  config: CHART_CONFIG,
  data: { values: rowsOf(report, maxPoints) },
  // One panel per policy: lines at 100% would otherwise hide each other.
  facet: { row: { field: 'policy', type: 'nominal', title: null, sort: policyNames(report) } },
  spec: {
    width: CHART_WIDTH,
    height: 70,
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: timeAxis(report),
      y: { field: 'share', type: 'quantitative', title: 'within SLO', scale: { zero: false, domainMax: 1, padding: 4 }, axis: { format: '.1%', tickCount: 3 } },
      color: { ...policyColor(report), legend: null },
    },
  },
});

/** Attainment over the whole run, one bar per policy, each labelled with its figure. */
export const sloOverallSpec = (report: SimulationReport): TopLevelSpec => {
  const names = policyNames(report);
  const x = { field: 'policy', type: 'nominal' as const, title: null, sort: names, axis: { labelAngle: 0, labelLimit: 200 } };
  return {
    config: CHART_CONFIG,
    width: { step: 140 },
    height: 200,
    data: { values: report.policies.map((p) => ({ policy: p.policy, share: p.sloAttainment })) },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', title: 'requests within SLO, whole run', scale: { domain: [0, 1] }, axis: { format: '%' } },
          color: { ...policyColor(report), legend: null },
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 11 },
        encoding: { x, y: { field: 'share', type: 'quantitative' }, text: { field: 'share', type: 'quantitative', format: '.2%' } },
      },
    ],
  };
};
