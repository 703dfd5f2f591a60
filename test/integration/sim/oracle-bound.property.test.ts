// The oracle is a lower bound: over random short traces, no policy of runSimulation pays less than it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DemandTrace } from '../../../sim/model/trace';
import { runSimulation } from '../../../sim/run-simulation';
import { defaultFleet, defaultPolicies, specOf } from '../../../sim/scenarios/default-scenario';
import { staticPolicy } from '../../../sim/policies/static-policy';
import { STEP_SECONDS, T0 } from './sim-fixtures';

const fleet = defaultFleet();

/** A piecewise-constant shape of `levels` (0..1) over `hours`, scaled to `peakQps`, at 10-s steps. */
const traceOf = (levels: number[], peakQps: number, hours: number, startHour: number): DemandTrace => {
  const steps = (hours * 3600) / STEP_SECONDS;
  return {
    startMs: T0 + startHour * 3_600_000,
    stepSeconds: STEP_SECONDS,
    arrivals: Float64Array.from({ length: steps }, (_, i) => (levels[Math.floor((i * levels.length) / steps)] ?? 0) * peakQps * STEP_SECONDS),
    source: 'random trace',
    repeated: false,
    sourceResolutionSeconds: STEP_SECONDS,
  };
};

describe('oracle bound', () => {
  it('costs no more than any policy, whatever the trace, scale and seed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        async (levels, peakQps, hours, startHour, seed) => {
          // Prepare
          const trace = traceOf(levels, peakQps, hours, startHour);
          // Act
          const report = await runSimulation({
            name: 'oracle bound',
            spec: specOf(fleet),
            trace,
            seed,
            policies: [...defaultPolicies(fleet), () => staticPolicy({ instanceType: 'g6e.xlarge', market: 'spot', name: 'static spot' })],
            seriesStepSeconds: 3600,
          });
          // Assess
          for (const p of report.policies) {
            expect(report.oracle.totalUsd, p.policy).toBeLessThanOrEqual(p.totalUsd);
            if (report.oracle.totalUsd > 0) expect(p.ratioToOracle, p.policy).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 20, seed: 20261129 },
    );
  });
});
