// Chart 3: interruptions and the policies' actions on the run's timeline, one lane per policy, points by kind.
import type { TopLevelSpec } from 'vega-lite';
import type { SimulationReport, TimelineEvent } from '../../model/report';
import { evenlySpaced } from './downsample';
import { CHART_CONFIG, CHART_WIDTH, MAX_POINTS_PER_SERIES, policyNames, timeAxis } from './chart-style';

/** Every kind in a fixed order and colour: market signals in warm colours, the policy's actions in cool ones. */
const KINDS: { kind: TimelineEvent['kind']; color: string; shape: string }[] = [
  { kind: 'rebalance-recommendation', color: '#eeca3b', shape: 'triangle-down' },
  { kind: 'interruption-warning', color: '#f58518', shape: 'triangle-down' },
  { kind: 'interruption', color: '#e45756', shape: 'cross' },
  { kind: 'scale', color: '#4c78a8', shape: 'circle' },
  { kind: 'surge', color: '#b279a2', shape: 'circle' },
  { kind: 'drain', color: '#9d755d', shape: 'square' },
  { kind: 'restore', color: '#54a24b', shape: 'diamond' },
];

interface Row {
  t: number;
  policy: string;
  kind: string;
}

/** The events drawn (at most `maxPoints` per policy, evenly spaced) and how many were left out. */
export const timelineRows = (report: SimulationReport, maxPoints: number = MAX_POINTS_PER_SERIES): { rows: Row[]; omitted: number } => {
  const rows: Row[] = [];
  let omitted = 0;
  for (const p of report.policies) {
    const shown = evenlySpaced(p.events, maxPoints);
    omitted += p.events.length - shown.length;
    for (const e of shown) rows.push({ t: e.tMs, policy: p.policy, kind: e.kind });
  }
  return { rows, omitted };
};

/** The vega-lite spec of chart 3: every policy has its lane even when it had no event. */
export const timelineSpec = (report: SimulationReport, maxPoints: number = MAX_POINTS_PER_SERIES): TopLevelSpec => {
  const kinds = KINDS.map((k) => k.kind);
  return {
    config: CHART_CONFIG,
    width: CHART_WIDTH,
    height: 72 * Math.max(1, report.policies.length),
    data: { values: timelineRows(report, maxPoints).rows },
    mark: { type: 'point', filled: true, size: 36, opacity: 0.85 },
    encoding: {
      x: timeAxis(report),
      y: { field: 'policy', type: 'nominal', title: null, sort: policyNames(report), scale: { domain: policyNames(report) }, axis: { labelLimit: 200 } },
      yOffset: { field: 'kind', type: 'nominal', sort: kinds, scale: { domain: kinds } },
      color: { field: 'kind', type: 'nominal', title: 'event', sort: kinds, scale: { domain: kinds, range: KINDS.map((k) => k.color) } },
      shape: { field: 'kind', type: 'nominal', title: 'event', sort: kinds, scale: { domain: kinds, range: KINDS.map((k) => k.shape) } },
    },
  };
};
