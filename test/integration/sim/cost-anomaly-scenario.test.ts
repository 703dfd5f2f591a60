// The cost-anomaly scenario on twins: each injected anomaly found by the spend-rate check within minutes, attributed and remediated, against an AWS-like detector.
import { describe, expect, it } from 'vitest';
import { runCostAnomalyScenario, type CostAnomalyRun } from '../../../sim/scenarios/cost-anomaly-scenario';
import { COST_FLEET } from '../../../sim/scenarios/cost-anomaly-world';

const MINUTE_MS = 60_000;
const minutesToDetect = (run: CostAnomalyRun): number => ((run.detectedAtMs ?? Number.POSITIVE_INFINITY) - run.injectedAtMs) / MINUTE_MS;

describe('cost-anomaly scenario: a surge that was never scaled back', () => {
  it('is found by the spend-rate check at its third run above the band, attributed to the fleet and scaled to need', async () => {
    // Act
    const run = await runCostAnomalyScenario('stuck-surge', 'spend-rate');
    // Assess: first seen at the 09:15 run, 15 minutes sustained, raised at 09:30 (the injection was at 09:13)
    expect(minutesToDetect(run)).toBe(17);
    expect(run.incidents).toEqual([
      { anomalyId: `spend-rate:${COST_FLEET.fleetId}:2026-11-23T09:15:00.000Z`, via: 'spend-rate', fleetIds: [COST_FLEET.fleetId], remediations: ['scale-to-need:executed'] },
    ]);
    expect(run.remediatedAtMs).toBeDefined();
  });

  it('costs far more when only the AWS-like detector (three runs a day, billing lag) raises it', async () => {
    // Act
    const ours = await runCostAnomalyScenario('stuck-surge', 'spend-rate');
    const aws = await runCostAnomalyScenario('stuck-surge', 'aws-like');
    // Assess
    expect(aws.incidents.map((i) => [i.via, i.fleetIds, i.remediations])).toEqual([['eventbridge', [COST_FLEET.fleetId], ['scale-to-need:executed']]]);
    expect(minutesToDetect(aws)).toBeGreaterThan(8 * 60);
    expect(aws.wastedUsd).toBeGreaterThan(20 * ours.wastedUsd);
  });
});

describe('cost-anomaly scenario: a fallback to on-demand left on', () => {
  it('is found by the spend-rate check within 20 minutes and sent back to Spot through the rebalancer', async () => {
    // Act
    const run = await runCostAnomalyScenario('on-demand-left-on', 'spend-rate', { horizonHours: 12 });
    // Assess
    expect(minutesToDetect(run)).toBeLessThanOrEqual(20);
    expect(run.incidents).toEqual([
      { anomalyId: expect.stringMatching(/^spend-rate:/), via: 'spend-rate', fleetIds: [COST_FLEET.fleetId], remediations: ['rebalance-to-spot:executed'] },
    ]);
    expect(run.peakUsdPerHour).toBeGreaterThan(run.baselineUsdPerHour * 1.5);
  });
});
