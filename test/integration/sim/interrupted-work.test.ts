// Work an instance held when it died un-drained: how much comes back, when, and how it counts against the SLO.
import { describe, expect, it } from 'vitest';
import { staticPolicy } from '../../../sim/policies/static-policy';
import { expectConserved, hoursOfSteps, replayAt, runOne, stepAt, T0, traceOf, UNITS } from './sim-fixtures';

const INTERRUPT_MS = T0 + 1_800_000;
const SERVICE_SECONDS = 0.05;
const staticSpot = () => staticPolicy({ instanceType: 'g5.xlarge', market: 'spot' });

describe('interrupted work', () => {
  it('puts back nothing for an instance that dies idle, so nothing is served that never arrived', async () => {
    // Prepare: no demand at all
    const trace = traceOf(hoursOfSteps(1), () => 0);
    // Act
    const result = await runOne(staticSpot(), trace, { interruptions: replayAt(INTERRUPT_MS) });
    // Assess
    expect(result.interruptions).toBe(1);
    expect(result.requests).toEqual({ arrived: 0, served: 0, queuedAtEnd: 0, lost: 0 });
    expect(result.sloAttainment).toBe(1);
  });

  it('puts back what the instance held by Little\'s law (units x utilization x service time), and those requests miss the SLO', async () => {
    // Prepare: 45 QPS on two instances (the last step's 190 QPS makes the static fleet two), utilization 22.5%
    const steps = hoursOfSteps(1);
    const trace = traceOf(steps, (s) => (s === steps - 1 ? 190 : 45));
    // Act
    const result = await runOne(staticSpot(), trace, { interruptions: replayAt(INTERRUPT_MS) });
    // Assess: the one remaining instance keeps up, so only the held requests are late
    const held = UNITS * (45 / (2 * UNITS)) * SERVICE_SECONDS;
    const late = result.requests.served * (1 - result.sloAttainment);
    expect(result.interruptions).toBe(1);
    expect(late).toBeCloseTo(held, 6);
    expect(result.p99QueueWaitSeconds).toBe(0);
    expectConserved(result);
  });

  it.each([
    { visibilityTimeoutSeconds: undefined, lateStep: 3 },
    { visibilityTimeoutSeconds: 60, lateStep: 6 },
  ])('makes held requests visible again after the visibility timeout ($visibilityTimeoutSeconds s), still late', async ({ visibilityTimeoutSeconds, lateStep }) => {
    // Prepare: as above
    const steps = hoursOfSteps(1);
    const trace = traceOf(steps, (s) => (s === steps - 1 ? 190 : 45));
    // Act
    const { series } = await runOne(staticSpot(), trace, { interruptions: replayAt(INTERRUPT_MS), ...(visibilityTimeoutSeconds ? { visibilityTimeoutSeconds } : {}) });
    // Assess: the late requests are served in the step the timeout ends (30 s by default), every other step on time
    const missed = series.sloAttainment.flatMap((a, i) => (a < 1 ? [i] : []));
    expect(missed).toEqual([stepAt(INTERRUPT_MS) + lateStep]);
  });
});
