// Forecast scaling in the simulator: the real forecast-scaler handler against reactive target tracking on the embedded NYC taxi trace.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyResult, SimulationReport } from '../../../sim/model/report';
import { autopilotPolicy } from '../../../sim/policies/autopilot-policy';
import { targetTrackingPolicy } from '../../../sim/policies/target-tracking-policy';
import { runSimulation } from '../../../sim/run-simulation';
import { DEFAULT_SEED, defaultFleet, specOf } from '../../../sim/scenarios/default-scenario';
import { loadDefaultTrace } from '../../../sim/scenarios/default-trace';
import { toDemandTraceWithWarmup } from '../../../sim/trace/with-warmup';

// Wednesday 2014-10-08 after the three days before it: a morning ramp, a day plateau, an evening fall.
const RUN_START_MS = Date.UTC(2014, 9, 8);
const WARMUP_DAYS = 3;
// Ten times the default scenario's scale, so capacity moves by many instances, not one g6e.xlarge.
const PEAK_QPS = 10_000;
let report: SimulationReport;

const policy = (name: string): PolicyResult => {
  const found = report.policies.find((p) => p.policy === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
};

beforeAll(async () => {
  const fleet = { ...defaultFleet(), maxCapacityUnits: 20_000 };
  const types = Object.keys(fleet.capacityUnitsByType);
  report = await runSimulation({
    name: 'forecast vs reactive',
    spec: specOf(fleet),
    trace: toDemandTraceWithWarmup(loadDefaultTrace(), {
      stepSeconds: 10,
      startMs: RUN_START_MS,
      durationSeconds: 86_400,
      warmupDays: WARMUP_DAYS,
      rescale: { peakQps: PEAK_QPS, troughQps: PEAK_QPS / 20 },
    }),
    seed: DEFAULT_SEED,
    policies: [
      () => targetTrackingPolicy({ name: 'reactive (on-demand)', instanceTypes: types }),
      () => autopilotPolicy({ name: 'autopilot (forecast, on-demand)', market: 'on-demand', gpuAlarms: false, rebalancer: false }),
      () => targetTrackingPolicy({ name: 'reactive (70% spot)', instanceTypes: types, spotShare: 0.7 }),
      () => autopilotPolicy({ name: 'autopilot (forecast, spot)', gpuAlarms: false, rebalancer: false }),
    ],
  });
}, 120_000);

describe('the forecasting autopilot against reactive target tracking', () => {
  it('costs less than reactive on the same market, at an SLO attainment no worse', () => {
    // Assess
    for (const [forecast, reactive] of [
      ['autopilot (forecast, on-demand)', 'reactive (on-demand)'],
      ['autopilot (forecast, spot)', 'reactive (70% spot)'],
    ] as const) {
      expect(policy(forecast).totalUsd, forecast).toBeLessThan(policy(reactive).totalUsd);
      expect(policy(forecast).sloAttainment, forecast).toBeGreaterThanOrEqual(policy(reactive).sloAttainment);
    }
  });

  it('loses no request and accounts for every one', () => {
    // Assess
    for (const p of report.policies) {
      const { arrived, served, queuedAtEnd, lost } = p.requests;
      expect(lost, p.policy).toBe(0);
      expect(Math.abs(arrived - served - queuedAtEnd), p.policy).toBeLessThanOrEqual(1e-9 * arrived);
    }
  });

  it('scales through the forecast scaler: scale actions from its runs, none from the engine', () => {
    // Assess
    for (const name of ['autopilot (forecast, on-demand)', 'autopilot (forecast, spot)']) {
      const scales = policy(name).events.filter((e) => e.kind === 'scale');
      expect(scales.length, name).toBeGreaterThan(10);
      expect(scales.every((e) => e.detail.startsWith('forecast ')), name).toBe(true);
      expect(policy(name).actions, name).toBe(scales.length);
    }
  });

  it('keeps the on-demand variant on on-demand and puts the Spot variant above the fleet base on Spot', () => {
    // Assess
    expect(policy('autopilot (forecast, on-demand)').instanceHours.every((h) => h.market === 'on-demand')).toBe(true);
    expect(policy('autopilot (forecast, spot)').instanceHours.every((h) => h.market === 'spot')).toBe(true);
  });
});
