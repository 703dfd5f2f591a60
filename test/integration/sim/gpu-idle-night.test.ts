// Scenario: an idle night. The gpu-low alarm, evaluated on the simulated GPU utilization, scales the fleet in toward its need.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../sim/engine/run-policy';
import { autopilotPolicy, type AutopilotPolicy } from '../../../sim/policies/autopilot-policy';
import { expectInvariants, hoursOfSteps, MIN_UNITS, runGpuScenario, traceOf, watching, type Watched } from './gpu-scenario-fixtures';

// Half an hour of the evening peak (1,200 QPS), then the night at 150 QPS; capacity from the gpu-alarm function alone.
const NIGHT_QPS = 150;
const nightTrace = () => traceOf(hoursOfSteps(3), (step) => (step < hoursOfSteps(0.5) ? 1_200 : NIGHT_QPS));
let policy: AutopilotPolicy;
let result: RunResult;
let steps: Watched[];

beforeAll(async () => {
  policy = autopilotPolicy({ name: 'autopilot (alarms only)', forecast: false, rebalancer: false });
  const watched = watching(policy);
  steps = watched.steps;
  result = await runGpuScenario(watched.policy, nightTrace());
});

describe('an idle night', () => {
  it('scales in on the gpu-low alarm, step by step, toward the capacity the night needs', () => {
    // Assess
    const scaleIns = result.events.filter((e) => e.kind === 'scale' && e.detail.startsWith('gpu-alarm scale-in'));
    expect(scaleIns.length).toBeGreaterThanOrEqual(3);
    const first = steps[0]?.targetUnits ?? 0;
    const last = steps.at(-1)?.targetUnits ?? 0;
    expect(last).toBeLessThan(first / 2);
    const slack = policy.functions()?.world.notifier.channelMessages('#gpu-autopilot').map((m) => m.text) ?? [];
    expect(slack.some((t) => t.startsWith('Scaling in bert-large-search on low GPU utilization'))).toBe(true);
  });

  it('never serves below the demand nor targets below the fleet minimum', () => {
    // Assess
    for (const s of steps.slice(hoursOfSteps(0.5))) {
      expect(s.servingUnits).toBeGreaterThanOrEqual(s.demandQps);
      expect(s.targetUnits).toBeGreaterThanOrEqual(MIN_UNITS);
    }
    expect(result.sloAttainment).toBeGreaterThanOrEqual(0.999);
  });

  it('loses no request, stays under the maximum and keeps the on-demand base', () => {
    // Assess
    expectInvariants(result, steps);
  });
});
