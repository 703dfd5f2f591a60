/** The forecast-accuracy bench as printed by `npm run bench`: one block per trace, then the run-time ratio. */
import type { AccuracyResult, BenchModel, TraceFigures } from './forecast-accuracy';
import { ms, ratio } from './stats';

const NAMES: Record<BenchModel, string> = { ours: 'ours', 'seasonal-naive': 'seasonal-naive', mstl: 'MSTL (augurs)' };
const pct = (x: number | undefined): string => (x === undefined ? '' : `${(100 * x).toFixed(0)}%`);
const cell = (text: string, width: number): string => text.padStart(width);

const traceBlock = (t: TraceFigures): string[] => {
  const step = t.stepSeconds >= 3600 ? `${t.stepSeconds / 3600} h` : `${t.stepSeconds / 60} min`;
  const from = t.aggregatedFromSeconds ? `, summed from ${t.aggregatedFromSeconds} s` : '';
  const chosen = Object.entries(t.chosen).map(([model, n]) => `${model} x${n}`).join(', ');
  const lines = [
    `  ${t.source}`,
    `    ${step} steps${from}; daily autocorrelation ${t.dailyAutocorrelation.toFixed(2)}; ${t.origins} origins over ${t.windowDays.toFixed(1)} days` +
      `${t.peerFailures > 0 ? ` (${t.peerFailures} more dropped for every model: the peer found no model there)` : ''}; our model: ${chosen || 'none'}`,
    `    ${'horizon'.padEnd(16)}${NAMES.ours.padStart(8)}${''.padStart(7)}${''.padStart(8)}  ${NAMES['seasonal-naive'].padStart(14)}${''.padStart(7)}  ${NAMES.mstl.padStart(13)}${''.padStart(7)}${''.padStart(8)}  ours/MSTL`,
    `    ${''.padEnd(16)}${cell('MASE', 8)}${cell('sMAPE', 7)}${cell('90% in', 8)}  ${cell('MASE', 14)}${cell('sMAPE', 7)}  ${cell('MASE', 13)}${cell('sMAPE', 7)}${cell('90% in', 8)}  ${cell('MASE', 9)}`,
  ];
  for (const h of t.horizons) {
    const [ours, naive, peer] = h.models;
    if (!ours || !naive || !peer) continue;
    lines.push(
      `    ${h.label.padEnd(16)}${cell(ours.mase.toFixed(3), 8)}${cell(`${ours.smape.toFixed(1)}%`, 7)}${cell(pct(ours.coverage90), 8)}` +
        `  ${cell(naive.mase.toFixed(3), 14)}${cell(`${naive.smape.toFixed(1)}%`, 7)}` +
        `  ${cell(peer.mase.toFixed(3), 13)}${cell(`${peer.smape.toFixed(1)}%`, 7)}${cell(pct(peer.coverage90), 8)}  ${cell(ratio(ours.mase, peer.mase), 9)}`,
    );
  }
  return lines;
};

/** Printable table: MASE (seasonal-naive one day back, in-sample, as the scale), sMAPE, 90% interval coverage. */
export const formatForecastAccuracy = (result: AccuracyResult): string => {
  const lines = [
    'forecast accuracy: rolling origin, each forecast fitted on up to 4 weeks before its origin; MASE scaled by the in-sample',
    'error of seasonal-naive (one day back) over that history (Hyndman); "90% in": share of actuals inside the 90% interval',
  ];
  if (result.traces.length === 0) lines.push('  no trace with a daily cycle found: the accuracy part is skipped');
  for (const t of result.traces) lines.push(...traceBlock(t));
  for (const s of result.skipped) lines.push(`  skipped ${s.source}: ${s.reason}`);
  const { timing: tm } = result;
  lines.push(
    `forecast run time, ${tm.steps} steps of 5-minute history, 6 h ahead, median of ${tm.runs} runs (same synthetic series for both):`,
    `  ours (forecastDemand) ${ms(tm.oursMs)}  MSTL fit + predict ${ms(tm.peerMs)} (baseline)  ratio ${ratio(tm.oursMs, tm.peerMs)}`,
  );
  return lines.join('\n');
};
