// Scenario: a saturated ramp. The gpu-high alarm with a growing queue age scales out at once, with or without the forecast.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../sim/engine/run-policy';
import { autopilotPolicy } from '../../../sim/policies/autopilot-policy';
import { expectInvariants, hoursOfSteps, MINUTE_MS, runGpuScenario, T0, traceOf, watching, type Watched } from './gpu-scenario-fixtures';

// A quarter of an hour at 250 QPS, then 900 QPS within five minutes: far more than one forecast step foresaw.
const RAMP_FROM_MS = T0 + 15 * 60_000;
const rampTrace = () => traceOf(hoursOfSteps(1.5), (step) => Math.min(900, step < hoursOfSteps(0.25) ? 250 : 250 + (step - hoursOfSteps(0.25)) * 22));
const runs: Record<string, { result: RunResult; steps: Watched[] }> = {};

beforeAll(async () => {
  for (const [name, forecast] of [['alarms only', false], ['forecast and alarms', true]] as const) {
    const watched = watching(autopilotPolicy({ name, forecast, rebalancer: false }));
    runs[name] = { result: await runGpuScenario(watched.policy, rampTrace()), steps: watched.steps };
  }
});

describe('a saturated ramp', () => {
  it('scales out on the gpu-high alarm within minutes of the saturation, to what serves the new load', () => {
    // Assess
    const { result, steps } = runs['alarms only'] ?? { result: undefined, steps: [] };
    const scaleOut = result?.events.find((e) => e.kind === 'scale' && e.detail.startsWith('gpu-alarm scale-out'));
    expect(scaleOut).toBeDefined();
    expect((scaleOut?.tMs ?? Infinity) - RAMP_FROM_MS).toBeLessThanOrEqual(15 * MINUTE_MS);
    const end = steps.at(-1);
    expect(end?.servingUnits ?? 0).toBeGreaterThanOrEqual(900);
  });

  it('adds the gpu-alarm scale-out on top of the forecast scaler, as its reactive safety net', () => {
    // Assess
    const events = runs['forecast and alarms']?.result.events ?? [];
    expect(events.some((e) => e.kind === 'scale' && e.detail.startsWith('forecast scale-out'))).toBe(true);
    expect(events.some((e) => e.kind === 'scale' && e.detail.startsWith('gpu-alarm scale-out'))).toBe(true);
  });

  it('loses no request, stays under the maximum and keeps the on-demand base', () => {
    // Assess
    for (const run of Object.values(runs)) expectInvariants(run.result, run.steps);
  });
});
