// Scenario: a pool with repeated interruptions. The rebalancer moves capacity out of it; the fixed mix keeps being hit.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../sim/engine/run-policy';
import { parseInterruptionReplay, type ReplayedInterruption } from '../../../sim/market/interruption-replay';
import { autopilotPolicy, type AutopilotPolicy } from '../../../sim/policies/autopilot-policy';
import { expectInvariants, hoursOfSteps, MINUTE_MS, runGpuScenario, T0, traceOf, watching, type Watched } from './gpu-scenario-fixtures';

// EC2 reclaims a g5.xlarge Spot instance in us-east-1a (the cheapest pool) every 20 minutes from 00:30 to 04:10.
const RECLAIMS = Array.from({ length: 12 }, (_, i) => T0 + 30 * MINUTE_MS + i * 20 * MINUTE_MS);
const replay = (): ReplayedInterruption[] =>
  parseInterruptionReplay(['timestamp,instance_type,availability_zone', ...RECLAIMS.map((t) => `${new Date(t).toISOString()},g5.xlarge,us-east-1a`)].join('\n'), 'reclaims.csv');
const runs: Record<string, { policy: AutopilotPolicy; result: RunResult; steps: Watched[] }> = {};

beforeAll(async () => {
  for (const [name, rebalancer] of [['rebalancing', true], ['fixed mix', false]] as const) {
    const policy = autopilotPolicy({ name, forecast: false, rebalancer });
    const watched = watching(policy);
    runs[name] = { policy, result: await runGpuScenario(watched.policy, traceOf(hoursOfSteps(6), () => 600), { interruptions: replay() }), steps: watched.steps };
  }
});

const warningsAfter = (result: RunResult | undefined, fromMs: number): number =>
  result?.events.filter((e) => e.kind === 'interruption-warning' && e.tMs >= fromMs).length ?? Number.NaN;

describe('a pool with repeated interruptions', () => {
  it('moves running capacity out of the pool, telling why, and leaves none in it', () => {
    // Assess
    const run = runs.rebalancing;
    expect(run?.policy.stats().replacements).toBeGreaterThanOrEqual(1);
    const slack = run?.policy.functions()?.world.notifier.channelMessages('#gpu-autopilot').map((m) => m.text) ?? [];
    expect(slack.some((t) => /g5\.xlarge us-east-1a.*interruptions in 24 h/.test(t))).toBe(true);
    const fleetId = run?.policy.functions()?.world.rebalanceDeps.config.fleets[0]?.fleetId ?? '';
    const left = run?.policy.functions()?.world.fleet.instancesOf(fleetId).filter((i) => i.state === 'running' && i.market === 'spot' && i.instanceType === 'g5.xlarge' && i.availabilityZone === 'us-east-1a');
    expect(left).toEqual([]);
  });

  it('is interrupted less than the fixed mix, and not at all once the pool is left', () => {
    // Assess
    const moved = runs.rebalancing?.result.interruptions ?? Infinity;
    const fixed = runs['fixed mix']?.result.interruptions ?? 0;
    expect(fixed).toBe(RECLAIMS.length);
    expect(moved).toBeLessThan(fixed);
    expect(warningsAfter(runs.rebalancing?.result, T0 + 3 * 3_600_000)).toBe(0);
    expect(warningsAfter(runs['fixed mix']?.result, T0 + 3 * 3_600_000)).toBeGreaterThan(0);
  });

  it('loses no request, stays under the maximum and keeps the on-demand base', () => {
    // Assess
    for (const run of Object.values(runs)) expectInvariants(run.result, run.steps);
  });
});
