// Chart 2: cumulative cost over time, one line per policy, with the oracle's total for the run as a rule.
import type { TopLevelSpec } from 'vega-lite';
import type { SimulationReport } from '../../model/report';
import { formatUsd } from '../figure-format';
import { downsampleMinMax } from './downsample';
import { CHART_CONFIG, CHART_WIDTH, MAX_POINTS_PER_SERIES, policyColor, timeAxis } from './chart-style';

interface Row {
  t: number;
  policy: string;
  usd: number;
}

const rowsOf = (report: SimulationReport, maxPoints: number): Row[] => {
  const rows: Row[] = [];
  for (const p of report.policies) {
    const thin = downsampleMinMax(p.series.tMs, p.series.costUsdCumulative, maxPoints);
    for (let i = 0; i < thin.tMs.length; i++) rows.push({ t: thin.tMs[i] ?? 0, policy: p.policy, usd: thin.values[i] ?? 0 });
  }
  return rows;
};

/**
 * The vega-lite spec of chart 2. The oracle has no series (it is a per-step bound, not a fleet), so its total
 * is the dashed rule: where a policy's line would have ended had it paid the lower bound.
 */
export const costSpec = (report: SimulationReport, maxPoints: number = MAX_POINTS_PER_SERIES): TopLevelSpec => {
  const oracleLabel = `oracle, whole run: ${formatUsd(report.oracle.totalUsd)}`;
  return {
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 260,
    layer: [
      {
        data: { values: rowsOf(report, maxPoints) },
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: timeAxis(report),
          y: { field: 'usd', type: 'quantitative', title: 'cumulative cost ($)', axis: { format: '$,.0f' } },
          color: policyColor(report),
        },
      },
      {
        data: { values: [{ usd: report.oracle.totalUsd, label: oracleLabel }] },
        layer: [
          { mark: { type: 'rule', strokeDash: [6, 4], color: '#555555' }, encoding: { y: { field: 'usd', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -7, x: 0, color: '#333333', fontSize: 11 },
            encoding: { y: { field: 'usd', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
          },
        ],
      },
    ],
  };
};
