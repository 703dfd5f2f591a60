/** The cost-anomaly scenario: an injected anomaly found by the spend-rate check or by an AWS-like detector, then remediated. */
import { anomalyDetectedEvent, AwsLikeCostDetector, DEFAULT_AWS_LIKE_DETECTOR, type AwsLikeDetectorSettings } from './aws-like-cost-detector';
import { ACCOUNT, COST_FLEET, costAnomalyWorld, NEED_UNITS, type CostAnomalyWorld } from './cost-anomaly-world';

/** A surge that was never scaled back (target doubled, left there); a fallback to on-demand left on (all on demand). */
export type CostInjection = 'stuck-surge' | 'on-demand-left-on';
export type CostDetector = 'spend-rate' | 'aws-like';

export interface CostAnomalyRun {
  injection: CostInjection;
  detector: CostDetector;
  injectedAtMs: number;
  /** When the first cost incident was opened (undefined: not within the horizon). */
  detectedAtMs?: number;
  /** When the fleet's spend rate was back within 5 % of what it was before the injection. */
  remediatedAtMs?: number;
  baselineUsdPerHour: number;
  peakUsdPerHour: number;
  /** $ spent above the baseline from the injection until remediated (or the horizon). */
  wastedUsd: number;
  incidents: { anomalyId: string; via: string; fleetIds: string[]; remediations: string[] }[];
}

export interface CostScenarioOptions {
  /** How long after the injection the run may go on, hours (default 72). */
  horizonHours?: number;
  awsLike?: AwsLikeDetectorSettings;
}

const MINUTE_MS = 60_000;
/** Monday 2026-11-23 00:00 UTC; the anomaly starts at 09:13, after a morning the AWS-like detector learns from. */
export const COST_SCENARIO_START_MS = Date.UTC(2026, 10, 23, 0, 0);
export const COST_INJECTION_AT_MS = COST_SCENARIO_START_MS + (9 * 60 + 13) * MINUTE_MS;
const MONITOR_ARN = `arn:aws:ce::${ACCOUNT}:anomalymonitor/3f2ab0c5-8e1d-4a67-9f3b-2c4d5e6f7a8b`;

const inject = async (world: CostAnomalyWorld, injection: CostInjection): Promise<void> => {
  const request =
    injection === 'stuck-surge'
      ? { fleetId: COST_FLEET.fleetId, totalTargetCapacity: 2 * NEED_UNITS }
      : { fleetId: COST_FLEET.fleetId, totalTargetCapacity: NEED_UNITS, onDemandTargetCapacity: NEED_UNITS, spotTargetCapacity: 0 };
  await world.fleet.modifyFleet(request);
};

/**
 * Runs one injection against one detector, minute by minute on twins, with the real cost-anomaly and rebalancer
 * handlers: 'spend-rate' has the cost-anomaly function's 5-minute schedule on; 'aws-like' has it off, and the
 * function hears only the AWS-like detector's alerts (the same EventBridge event AWS sends, re-sent as it grows).
 */
export const runCostAnomalyScenario = async (injection: CostInjection, detector: CostDetector, options: CostScenarioOptions = {}): Promise<CostAnomalyRun> => {
  const world = costAnomalyWorld(COST_SCENARIO_START_MS, { spendCheck: detector === 'spend-rate' });
  const aws = new AwsLikeCostDetector(options.awsLike ?? DEFAULT_AWS_LIKE_DETECTOR, COST_INJECTION_AT_MS);
  const endMs = COST_INJECTION_AT_MS + (options.horizonHours ?? 72) * 3_600_000;
  let baselineUsdPerHour = 0;
  let peakUsdPerHour = 0;
  let wastedUsd = 0;
  let detectedAtMs: number | undefined;
  let remediatedAtMs: number | undefined;
  let alerts = 0;
  while (world.clock.nowMs() < endMs) {
    const nowMs = world.clock.nowMs();
    if (nowMs === COST_INJECTION_AT_MS) await inject(world, injection);
    await world.tick();
    const { usdPerHour, byUsage } = world.spend();
    aws.record(nowMs, byUsage);
    if (nowMs < COST_INJECTION_AT_MS) {
      baselineUsdPerHour = usdPerHour;
      continue;
    }
    if (detector === 'aws-like') {
      const alert = aws.run(nowMs);
      alerts += alert === undefined ? 0 : 1;
      if (alert !== undefined) await world.invokeCost(anomalyDetectedEvent(alert, { anomalyId: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', account: ACCOUNT, monitorArn: MONITOR_ARN, n: alerts }));
    }
    peakUsdPerHour = Math.max(peakUsdPerHour, usdPerHour);
    detectedAtMs ??= world.costs.incidents().at(-1)?.openedAtMs;
    if (remediatedAtMs === undefined) wastedUsd += (Math.max(0, usdPerHour - baselineUsdPerHour) * MINUTE_MS) / 3_600_000;
    if (detectedAtMs !== undefined && remediatedAtMs === undefined && usdPerHour <= baselineUsdPerHour * 1.05) remediatedAtMs = nowMs + MINUTE_MS;
    if (remediatedAtMs !== undefined && nowMs >= remediatedAtMs + 30 * MINUTE_MS) break;
  }
  const incidents = world.costs.incidents().map((i) => ({
    anomalyId: i.anomalyId,
    via: i.anomaly.via,
    fleetIds: i.fleetIds,
    remediations: i.remediations.map((r) => `${r.kind}:${r.outcome}`),
  }));
  return {
    injection, detector, injectedAtMs: COST_INJECTION_AT_MS, baselineUsdPerHour, peakUsdPerHour, wastedUsd, incidents,
    ...(detectedAtMs === undefined ? {} : { detectedAtMs }),
    ...(remediatedAtMs === undefined ? {} : { remediatedAtMs }),
  };
};
