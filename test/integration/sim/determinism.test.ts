// Determinism: the same seed gives the same report, byte for byte; another seed draws other Spot prices.
import { describe, expect, it } from 'vitest';
import { toJson } from '../../../sim/report/to-json';
import { runSimulation, type SimulationInput } from '../../../sim/run-simulation';
import { defaultFleet, defaultPolicies, defaultTrace, specOf } from '../../../sim/scenarios/default-scenario';
import { staticPolicy } from '../../../sim/policies/static-policy';
import { replayAt } from './sim-fixtures';

const fleet = defaultFleet();
/**
 * Six hours of the default scenario's demand, the four default policies and a static Spot fleet. Two days of history
 * are enough for the forecaster to run (daily model) and keep the test fast; the four weeks change nothing here.
 */
const input = (seed: number, replay?: SimulationInput['replay']): SimulationInput => ({
  name: 'determinism',
  spec: specOf(fleet),
  trace: defaultTrace(0.25, undefined, 2),
  seed,
  policies: [...defaultPolicies(fleet), () => staticPolicy({ instanceType: 'g5.xlarge', market: 'spot', name: 'static spot' })],
  seriesStepSeconds: 60,
  ...(replay ? { replay } : {}),
});

const costOf = (report: Awaited<ReturnType<typeof runSimulation>>, policy: string): number =>
  report.policies.find((p) => p.policy === policy)?.totalUsd ?? Number.NaN;

describe('determinism', () => {
  it('produces identical report JSON for the same seed', async () => {
    // Act
    const first = toJson(await runSimulation(input(42)));
    const second = toJson(await runSimulation(input(42)));
    // Assess
    expect(second).toBe(first);
  });

  it('produces identical report JSON for the same seed with interruptions replayed', async () => {
    // Prepare: the default trace starts at 2014-10-06T00:00Z
    const start = defaultTrace(0.25).startMs;
    const replay = replayAt(start + 3_600_000, start + 2 * 3_600_000, start + 2 * 3_600_000 + 600_000);
    // Act
    const first = await runSimulation(input(42, replay));
    const second = await runSimulation(input(42, replay));
    // Assess
    expect(toJson(second)).toBe(toJson(first));
    expect(first.policies.find((p) => p.policy === 'static spot')?.interruptions).toBe(3);
  });

  it('draws other Spot prices for another seed, and the same on-demand prices', async () => {
    // Act
    const [a, b] = [await runSimulation(input(1)), await runSimulation(input(2))];
    // Assess
    expect(costOf(a, 'static spot')).not.toBe(costOf(b, 'static spot'));
    expect(costOf(a, 'static (p3.2xlarge, on-demand)')).toBe(costOf(b, 'static (p3.2xlarge, on-demand)'));
    expect(a.priceSources).toEqual(b.priceSources);
  });
});
