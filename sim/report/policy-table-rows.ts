// The cells of the policy table (one row per policy, then the oracle), shared by the terminal and HTML renderings.
import type { SimulationReport } from '../model/report';
import { formatCount, formatRatio, formatShare, formatUsd, formatUsdPer1k, formatWait } from './figure-format';

/** Column titles, in order; every column but the first holds a figure and is right-aligned. */
export const POLICY_TABLE_HEADERS = ['policy', 'total', '$/1k req', 'vs oracle', 'SLO met', 'p99 wait', 'lost', 'interruptions', 'actions'] as const;

/** Index of the "lost" column, which renderings highlight when it is not zero. */
export const LOST_COLUMN = POLICY_TABLE_HEADERS.indexOf('lost');

/** One row of the table, as display strings, with what a rendering needs to highlight it. */
export interface PolicyTableRow {
  kind: 'policy' | 'oracle';
  cells: string[];
  /** Requests lost (MUST be 0): a rendering flags the row when this is above zero. */
  lost: number;
}

/** The oracle has no queue and no interruptions: its row shows a dash where a figure has no meaning. */
const NOT_APPLICABLE = '-';

/** One row per policy, in the report's order, then the oracle row. */
export const policyTableRows = (report: SimulationReport): PolicyTableRow[] => [
  ...report.policies.map((p): PolicyTableRow => ({
    kind: 'policy',
    lost: p.requests.lost,
    cells: [
      p.policy,
      formatUsd(p.totalUsd),
      formatUsdPer1k(p.usdPer1kRequests),
      formatRatio(p.ratioToOracle),
      formatShare(p.sloAttainment),
      formatWait(p.p99QueueWaitSeconds),
      formatCount(p.requests.lost),
      formatCount(p.interruptions),
      formatCount(p.actions),
    ],
  })),
  {
    kind: 'oracle',
    lost: 0,
    cells: [
      'oracle',
      formatUsd(report.oracle.totalUsd),
      formatUsdPer1k(report.oracle.usdPer1kRequests),
      formatRatio(1),
      NOT_APPLICABLE,
      NOT_APPLICABLE,
      NOT_APPLICABLE,
      NOT_APPLICABLE,
      NOT_APPLICABLE,
    ],
  },
];
