// Capacity-planner inputs for tests: the bert-large-search fleet, 5-minute forecasts written in QPS, a clock a minute into a step.
import type { CapacityPlanInput } from '../../layers/core/forecast/capacity-plan-types';
import { defaultForecastSettings } from '../../layers/core/forecast/forecast-settings';
import type { Forecast } from '../../layers/core/forecast/forecast-types';
import { aFleet, T0_MS } from './spot-factories';

export const STEP_SECONDS = 300;
export const STEP_MS = STEP_SECONDS * 1000;
/** The forecast starts at T0_MS (the end of the history); the run is a minute later (CloudWatch's delay). */
export const NOW_MS = T0_MS + 60_000;

/**
 * A forecast given in QPS per 5-minute step (stored, as the forecaster does, in requests per step), with the
 * error spread `sigmaQps` (0: the upper quantile is the point).
 */
export const aForecast = (qps: number[], sigmaQps = 0, overrides: Partial<Forecast> = {}): Forecast => ({
  model: 'double-seasonal-holt-winters',
  note: '28 days of history: daily and weekly cycles',
  startMs: T0_MS,
  stepSeconds: STEP_SECONDS,
  point: qps.map((q) => q * STEP_SECONDS),
  sigma: qps.map(() => sigmaQps * STEP_SECONDS),
  coverage: 1,
  ...overrides,
});

/** No usable history: the forecaster says so and forecasts nothing. */
export const noForecast = (): Forecast => ({
  model: 'none',
  note: 'no datapoint in 28 days of history',
  startMs: T0_MS,
  stepSeconds: STEP_SECONDS,
  point: [],
  sigma: [],
  coverage: 0,
});

/** `n` steps of the same QPS. */
export const flat = (qps: number, n = 72): number[] => Array.from({ length: n }, () => qps);

/**
 * The critical fleet (400..4000 units, 240 s lead, 80% target utilization, p95) at 1000 units, agreeing with a
 * flat 1000 QPS forecast, no backlog, no incident, no scale-in yet, runs every 5 minutes.
 */
export const aPlanInput = (overrides: Partial<CapacityPlanInput> = {}): CapacityPlanInput => ({
  nowMs: NOW_MS,
  fleet: aFleet(),
  settings: defaultForecastSettings('critical'),
  forecast: aForecast(flat(1000)),
  observedQps: 1000,
  backlog: 0,
  currentTargetUnits: 1000,
  openIncidentIds: [],
  scaleInsLastHour: [],
  runIntervalSeconds: 300,
  ...overrides,
});
