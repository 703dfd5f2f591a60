// Closed form: one replayed interruption of one instance of a 2-instance Spot fleet, static and under the autopilot.
import { describe, expect, it } from 'vitest';
import { autopilotPolicy } from '../../../sim/policies/autopilot-policy';
import { staticPolicy } from '../../../sim/policies/static-policy';
import {
  expectConserved, hoursOfSteps, LEAD_SECONDS, replayAt, runOne, SPOT_USD_PER_HOUR, STEP_SECONDS, stepAt, T0, traceOf, UNITS,
} from './sim-fixtures';

const INTERRUPT_MS = T0 + 3_600_000;
const WARNING_MS = INTERRUPT_MS - 120_000;
const LEAD_STEPS = LEAD_SECONDS / STEP_SECONDS;
/** 150 QPS for 2 hours: two instances of 100 units are needed, one alone falls behind. */
const trace = () => traceOf(hoursOfSteps(2), () => 150);

/** The steps during which the fleet served with less than two instances. */
const dipOf = (capacity: number[]): number[] => capacity.flatMap((c, i) => (c < 2 * UNITS ? [i] : []));
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, k) => from + k);

describe('closed form: a single interruption of a static Spot fleet', () => {
  const run = () => runOne(staticPolicy({ instanceType: 'g5.xlarge', market: 'spot' }), trace(), { interruptions: replayAt(INTERRUPT_MS) });

  it('loses one instance at the interruption and serves with one for exactly the replacement lead time', async () => {
    // Act
    const result = await run();
    // Assess
    expect(result.interruptions).toBe(1);
    expect(result.events.map((e) => [e.kind, e.tMs])).toEqual([
      ['interruption-warning', WARNING_MS],
      ['interruption', INTERRUPT_MS],
    ]);
    expect(dipOf(result.series.capacityQps)).toEqual(range(stepAt(INTERRUPT_MS), LEAD_STEPS));
    expect(result.series.bootingQps.flatMap((b, i) => (b > 0 ? [i] : []))).toEqual(range(stepAt(INTERRUPT_MS), LEAD_STEPS));
  });

  it('bills the replacement from its launch and the lost instance until it was reclaimed', async () => {
    // Act
    const result = await run();
    // Assess: two Spot instances all along, $0.40/h for 2 h
    expect(result.totalUsd).toBeCloseTo(2 * SPOT_USD_PER_HOUR * 2, 9);
    expect(result.instanceHours.map((h) => [h.market, h.hours])).toEqual([['spot', expect.closeTo(4, 9)]]);
  });

  it('builds a backlog during the dip that drains afterwards, losing nothing', async () => {
    // Act
    const result = await run();
    // Assess
    const back = stepAt(INTERRUPT_MS) + LEAD_STEPS;
    expect(result.series.backlog[back - 1]).toBeGreaterThan(0);
    expect(result.series.backlog.slice(0, stepAt(INTERRUPT_MS)).every((b) => b === 0)).toBe(true);
    expect(result.series.backlog.at(-1)).toBeCloseTo(0, 9);
    expect(result.requests.lost).toBe(0);
    expect(result.sloAttainment).toBeLessThan(1);
    expectConserved(result);
  });
});

describe('closed form: a single interruption under the autopilot', () => {
  // Target utilization 1 sizes the fleet to exactly 2 instances for 150 QPS, so losing one puts the SLO at risk.
  const run = () =>
    runOne(autopilotPolicy({ sizing: { instanceTypes: ['g5.xlarge'], spotShare: 1, targetUtilization: 1 } }), trace(), { interruptions: replayAt(INTERRUPT_MS) });

  it('drains the instance and surges on the warning, before the interruption', async () => {
    // Act
    const result = await run();
    // Assess
    const at = (kind: string) => result.events.find((e) => e.kind === kind)?.tMs;
    expect(result.interruptions).toBe(1);
    expect(at('interruption-warning')).toBe(WARNING_MS);
    expect(at('drain')).toBeGreaterThanOrEqual(WARNING_MS);
    expect(at('drain')).toBeLessThan(INTERRUPT_MS);
    expect(at('surge')).toBeGreaterThanOrEqual(WARNING_MS);
    expect(at('surge')).toBeLessThan(INTERRUPT_MS);
    expect(at('interruption')).toBe(INTERRUPT_MS);
    expect(result.events.find((e) => e.kind === 'interruption')?.detail).toContain('drained');
    expect(result.actions).toBeGreaterThanOrEqual(2);
  });

  it('serves with one instance from the drain for exactly the lead time of the surged replacement', async () => {
    // Act
    const result = await run();
    // Assess: the drained instance takes no new work; its replacement launched at the warning
    expect(dipOf(result.series.capacityQps)).toEqual(range(stepAt(WARNING_MS), LEAD_STEPS));
    expect(result.series.capacityQps.slice(stepAt(WARNING_MS) + LEAD_STEPS).every((c) => c >= 2 * UNITS)).toBe(true);
  });

  it('puts back no held work for the drained instance and loses nothing', async () => {
    // Act
    const result = await run();
    // Assess
    expect(result.requests.lost).toBe(0);
    expect(result.requests.queuedAtEnd).toBeCloseTo(0, 9);
    expect(result.requests.served).toBeCloseTo(150 * 2 * 3600, 6);
    expectConserved(result);
  });
});
