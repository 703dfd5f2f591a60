/** `npm run bench` section: time from an injected cost anomaly to its incident, and $ wasted, spend-rate check vs an AWS-like detector. */
import { DEFAULT_AWS_LIKE_DETECTOR } from '../sim/scenarios/aws-like-cost-detector';
import { runCostAnomalyScenario, type CostAnomalyRun, type CostInjection } from '../sim/scenarios/cost-anomaly-scenario';
import { ratio } from './stats';

const INJECTIONS: readonly CostInjection[] = ['stuck-surge', 'on-demand-left-on'];
const LABEL: Record<CostInjection, string> = { 'stuck-surge': 'surge never scaled back', 'on-demand-left-on': 'fallback to on-demand left on' };

const duration = (fromMs: number, toMs: number | undefined): string => {
  if (toMs === undefined) return 'not within 72 h';
  const minutes = Math.round((toMs - fromMs) / 60_000);
  return minutes < 120 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
};

const line = (who: string, run: CostAnomalyRun): string =>
  `    ${who.padEnd(24)} detected after ${duration(run.injectedAtMs, run.detectedAtMs).padStart(15)}  back to plan after ${duration(run.injectedAtMs, run.remediatedAtMs).padStart(15)}  wasted $${run.wastedUsd.toFixed(2).padStart(7)}  remediations ${run.incidents.flatMap((i) => i.remediations).join(', ') || 'none'}`;

/**
 * Runs each injection twice on twins (the same world, the real cost-anomaly and rebalancer handlers): once with the
 * spend-rate check on its 5-minute schedule, once hearing only an AWS-like detector's alerts (the baseline). Returns
 * the lines to print; detection and waste are in simulated time, so the figures are the same on every machine.
 *
 * @example
 * for (const l of await benchCostAnomalyDetection()) console.log(l);
 */
export const benchCostAnomalyDetection = async (): Promise<string[]> => {
  const aws = DEFAULT_AWS_LIKE_DETECTOR;
  const lines = [
    `cost anomalies: injected at 09:13 on a flat-demand standard fleet (400 units), simulated time on twins`,
    `  spend-rate check every 5 min (band: need x planned mix x 1.25 + one instance, 15 min sustained) vs AWS-like detector (baseline: runs at ${aws.runHoursUtc.map((h) => `${String(h).padStart(2, '0')}:00`).join('/')} UTC, ${aws.billingLagHours} h billing lag, alert at >= $${aws.thresholdUsd} impact)`,
  ];
  for (const injection of INJECTIONS) {
    const ours = await runCostAnomalyScenario(injection, 'spend-rate');
    const theirs = await runCostAnomalyScenario(injection, 'aws-like');
    const detect = (r: CostAnomalyRun): number => (r.detectedAtMs ?? Number.NaN) - r.injectedAtMs;
    lines.push(
      `  ${LABEL[injection]} ($${ours.baselineUsdPerHour.toFixed(2)}/h before, peak $${ours.peakUsdPerHour.toFixed(2)}/h):`,
      line('spend-rate check', ours),
      line('AWS-like (baseline)', theirs),
      `    ratio                    time to detection ${ratio(detect(ours), detect(theirs))}  $ wasted ${ratio(ours.wastedUsd, theirs.wastedUsd)}`,
    );
  }
  return lines;
};
