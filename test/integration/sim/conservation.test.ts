// Conservation for every policy: arrived = served + still queued + lost, with and without instances dying holding work.
import { describe, expect, it } from 'vitest';
import { targetTrackingPolicy } from '../../../sim/policies/target-tracking-policy';
import { everyPolicy, expectConserved, hazardousMarket, hoursOfSteps, replayAt, runOne, T0, traceOf } from './sim-fixtures';

/** Four hours: quiet, a ramp to 450 QPS, a plateau, a cliff to nothing, and a restart. */
const demand = (step: number): number => {
  const minute = step / 6;
  if (minute < 30) return 20;
  if (minute < 90) return 20 + (430 * (minute - 30)) / 60;
  if (minute < 150) return 450;
  if (minute < 180) return 0;
  return 120;
};
const trace = () => traceOf(hoursOfSteps(4), demand);

/** Replayed interruptions all through the run: on the ramp, at the peak, in the idle half hour and after. */
const REPLAY = [40, 75, 100, 101, 130, 160, 200].map((minute) => T0 + minute * 60_000);

describe('conservation', () => {
  it.each(everyPolicy().map((make) => [make().name, make] as const))('holds with no interruption (%s)', async (_name, make) => {
    // Act
    const result = await runOne(make(), trace());
    // Assess
    expectConserved(result);
    expect(result.requests.lost).toBe(0);
    expect(result.interruptions).toBe(0);
  });

  it.each(everyPolicy().map((make) => [make().name, make] as const))('holds with interruptions replayed from a file (%s)', async (_name, make) => {
    // Act
    const policy = make();
    const result = await runOne(policy, trace(), { interruptions: replayAt(...REPLAY) });
    // Assess: Spot fleets lose instances holding work; on-demand fleets have no Spot instance to lose
    expectConserved(result);
    expect(result.requests.lost).toBe(0);
    if (policy.name.includes('spot') || policy.name.startsWith('autopilot')) expect(result.interruptions).toBeGreaterThanOrEqual(4);
    else expect(result.interruptions).toBe(0);
  });

  it.each(everyPolicy().map((make) => [make().name, make] as const))('holds when every Spot instance is reclaimed 20 minutes after launch (%s)', async (_name, make) => {
    // Act: the interruption model path, with a rebalance recommendation before each warning
    const policy = make();
    const result = await runOne(policy, trace(), { interruptions: hazardousMarket(20 * 60_000) });
    // Assess
    expectConserved(result);
    expect(result.requests.lost).toBe(0);
    expect(result.interruptions).toBe(result.events.filter((e) => e.kind === 'interruption-warning').length);
    if (policy.name.includes('spot') || policy.name.startsWith('autopilot')) expect(result.interruptions).toBeGreaterThanOrEqual(10);
  });

  it('holds when a short retention loses requests', async () => {
    // Prepare: 250 QPS for an hour on a fleet capped at one instance (100 QPS), with a 5-minute retention
    const capped = targetTrackingPolicy({ name: 'capped', instanceTypes: ['g5.xlarge'], maxUnits: 100 });
    const overload = traceOf(hoursOfSteps(1), () => 250);
    // Act
    const result = await runOne(capped, overload, { retentionSeconds: 300, seriesStepSeconds: 60 });
    // Assess
    expect(result.requests.lost).toBeGreaterThan(0);
    expectConserved(result);
  });
});
