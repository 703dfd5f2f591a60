// Chart 1: demand against serving (and booting) capacity over time, one small panel per policy.
import type { TopLevelSpec } from 'vega-lite';
import type { SimulationReport } from '../../model/report';
import { downsampleMinMax } from './downsample';
import { CHART_CONFIG, CHART_WIDTH, MAX_POINTS_PER_SERIES, policyNames, timeAxis } from './chart-style';

const DEMAND = 'demand';
const SERVING = 'serving capacity';
const PROVISIONED = 'booting capacity';

interface Row {
  t: number;
  policy: string;
  series: string;
  qps: number;
}

/** Booting capacity is drawn as serving + booting behind serving capacity: the band above serving is what is still starting. */
const rowsOf = (report: SimulationReport, maxPoints: number): Row[] => {
  const rows: Row[] = [];
  for (const p of report.policies) {
    const s = p.series;
    const provisioned = s.capacityQps.map((c, i) => c + (s.bootingQps[i] ?? 0));
    const add = (series: string, values: number[]): void => {
      const thin = downsampleMinMax(s.tMs, values, maxPoints);
      for (let i = 0; i < thin.tMs.length; i++) rows.push({ t: thin.tMs[i] ?? 0, policy: p.policy, series, qps: thin.values[i] ?? 0 });
    };
    add(PROVISIONED, provisioned);
    add(SERVING, s.capacityQps);
    add(DEMAND, s.demandQps);
  }
  return rows;
};

/** The vega-lite spec of chart 1, with every series thinned to `maxPoints`. */
export const demandCapacitySpec = (report: SimulationReport, maxPoints: number = MAX_POINTS_PER_SERIES): TopLevelSpec => {
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: [DEMAND, SERVING, PROVISIONED], range: ['#222222', '#9ecae9', '#f58518'] },
  };
  const y = { field: 'qps', type: 'quantitative' as const, title: 'QPS' };
  return {
    config: CHART_CONFIG,
    data: { values: rowsOf(report, maxPoints) },
    facet: { row: { field: 'policy', type: 'nominal', title: null, sort: policyNames(report) } },
    spec: {
      width: CHART_WIDTH,
      height: 110,
      layer: [
        { transform: [{ filter: { field: 'series', equal: PROVISIONED } }], mark: { type: 'area', opacity: 0.55, interpolate: 'step-after' }, encoding: { x: timeAxis(report), y, color } },
        { transform: [{ filter: { field: 'series', equal: SERVING } }], mark: { type: 'area', opacity: 1, interpolate: 'step-after' }, encoding: { x: timeAxis(report), y, color } },
        { transform: [{ filter: { field: 'series', equal: DEMAND } }], mark: { type: 'line', strokeWidth: 1.2 }, encoding: { x: timeAxis(report), y, color } },
      ],
    },
    resolve: { scale: { y: 'shared' } },
  };
};
