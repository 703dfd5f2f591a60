/** The forecast backtest's lines: a table per trace and scale, then the issue's goals checked against the figures. */
import { formatRatio, formatShare, formatUsd } from '../sim/report/figure-format';
import { FORECAST_ON_DEMAND, FORECAST_SPOT, REACTIVE, REACTIVE_SPOT, type BacktestCase, type BacktestRow } from './forecast-backtest';

const pad = (text: string, width: number, left = false): string => (left ? text.padEnd(width) : text.padStart(width));

const row = (r: BacktestRow, reactive: BacktestRow | undefined): string =>
  [
    pad(r.policy, 32, true),
    pad(formatUsd(r.totalUsd), 11),
    pad(formatShare(r.sloAttainment), 8),
    pad(String(r.lost), 5),
    pad(reactive ? formatRatio(r.totalUsd / reactive.totalUsd) : 'n/a', 11),
    pad(formatRatio(r.ratioToOracle), 9),
    `  ${r.likeForLike ? `${formatRatio(r.likeForLike.ratio)} (${r.likeForLike.label}: ${formatUsd(r.likeForLike.oracleUsd)})` : '-'}`,
  ].join('  ');

const yes = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** One goal line: `policy` against `baseline` (cheaper by >= 20% at equal or better SLO) and against the oracles. */
const goal = (c: BacktestCase, policy: string, baseline: string): string | undefined => {
  const p = c.rows.find((r) => r.policy === policy);
  const b = c.rows.find((r) => r.policy === baseline);
  if (!p || !b) return undefined;
  const saving = 1 - p.totalUsd / b.totalUsd;
  const slo = p.sloAttainment >= b.sloAttainment;
  const like = p.likeForLike ? `, like-for-like ${formatRatio(p.likeForLike.ratio)} [${yes(p.likeForLike.ratio <= 1.3)}]` : '';
  return `    ${policy} vs ${baseline}: ${(saving * 100).toFixed(1)}% cheaper [>= 20%: ${yes(saving >= 0.2)}], SLO ${formatShare(p.sloAttainment)} vs ${formatShare(b.sloAttainment)} [equal or better: ${yes(slo)}], ${formatRatio(p.ratioToOracle)} the all-markets oracle [<= 1.3x: ${yes(p.ratioToOracle <= 1.3)}]${like}, lost ${p.lost}`;
};

/**
 * The lines `npm run bench` prints. Columns: total $, SLO attainment, requests lost, cost as a multiple of reactive
 * (on-demand) target tracking measured in the same run, of the all-markets oracle, and of the oracle held to the
 * policy's own markets (like-for-like, labelled).
 */
export const formatForecastBacktest = (cases: BacktestCase[]): string[] => {
  const lines: string[] = [];
  for (const c of cases) {
    const reactive = c.rows.find((r) => r.policy === REACTIVE);
    lines.push(
      `  ${c.trace}, ${c.scale}: ${c.days} days from ${new Date(c.fromMs).toISOString().slice(0, 10)} after ${c.warmupDays} days of warm-up history (daily autocorrelation ${c.dailyAutocorrelation.toFixed(2)}); all-markets oracle ${formatUsd(c.oracleUsd)}; ${c.wallSeconds.toFixed(1)} s wall`,
      `    ${pad('policy', 32, true)}  ${pad('total', 11)}  ${pad('SLO met', 8)}  ${pad('lost', 5)}  ${pad('vs reactive', 11)}  ${pad('vs oracle', 9)}    vs oracle of its own markets (like-for-like)`,
      ...c.rows.map((r) => `    ${row(r, reactive)}`),
      '  goals (issue 5: >= 20% cheaper than reactive target tracking at equal or better SLO attainment, within 1.3x of the oracle):',
      ...[goal(c, FORECAST_SPOT, REACTIVE), goal(c, FORECAST_ON_DEMAND, REACTIVE), goal(c, FORECAST_SPOT, REACTIVE_SPOT)].filter((l): l is string => l !== undefined),
      '',
    );
  }
  return lines;
};
