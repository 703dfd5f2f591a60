// Shared by the GPU alarm and rebalancer scenarios: a three-type standard-tier fleet, a price book per pool, invariants.
import { expect } from 'vitest';
import type { FleetConfig, Market } from '../../../layers/core/fleet';
import type { RunResult } from '../../../sim/engine/run-policy';
import type { ReplayedInterruption } from '../../../sim/market/interruption-replay';
import type { PriceBook } from '../../../sim/model/market';
import type { FleetControl, Policy, SimFleetSpec } from '../../../sim/model/policy';
import type { DemandTrace } from '../../../sim/model/trace';
import { aFleet } from '../../helpers/spot-factories';
import { runOne, STEP_SECONDS, T0 } from './sim-fixtures';

export { HOUR_MS, hoursOfSteps, STEP_SECONDS, T0, traceOf } from './sim-fixtures';
export const MINUTE_MS = 60_000;
/** Every type serves 100 QPS at the SLO, so units are instances x 100 and prices per unit compare directly. */
export const UNITS = 100;
export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
export const MIN_UNITS = 200;
export const MAX_UNITS = 2_000;
export const ON_DEMAND_BASE_UNITS = 100;

/** Standard tier: gpu-low below 25% and gpu-high above 85% in 8 of 10 one-minute periods; 85% target utilization. */
export const aGpuFleet = (overrides: Partial<FleetConfig> = {}): FleetConfig =>
  aFleet({
    tier: 'standard',
    model: { name: 'bert-large', precision: 'fp16', sequenceLength: 384 },
    sloP99Ms: 100,
    capacityUnitsByType: { 'g5.xlarge': UNITS, 'g6.xlarge': UNITS },
    minCapacityUnits: MIN_UNITS,
    maxCapacityUnits: MAX_UNITS,
    onDemandBaseUnits: ON_DEMAND_BASE_UNITS,
    launchLeadTimeSeconds: 180,
    ...overrides,
  });

export const aGpuSpec = (overrides: Partial<FleetConfig> = {}): SimFleetSpec => ({ config: aGpuFleet(overrides), availabilityZones: ZONES, serviceSeconds: 0.05 });

/** Spot $/h per pool (type@zone), on-demand $1.00/h; `jump` multiplies one pool's Spot price from a time on. */
export const poolPriceBook = (spot: Record<string, number>, jump?: { pool: string; fromMs: number; factor: number }): PriceBook => ({
  usdPerHour: (type: string, zone: string, market: Market, atMs: number) => {
    if (market === 'on-demand') return 1.0;
    const key = `${type}@${zone}`;
    const base = spot[key] ?? 0.5;
    return jump && jump.pool === key && atMs >= jump.fromMs ? Math.min(1.0, base * jump.factor) : base;
  },
  sourceOf: (_type: string, _zone: string, market: Market) => (market === 'spot' ? 'spot-advisor-derived' : 'on-demand-catalog'),
});

/** g5.xlarge in us-east-1a is the cheapest Spot pool, then the others within a few cents. */
export const SPOT_PRICES: Record<string, number> = {
  'g5.xlarge@us-east-1a': 0.3,
  'g5.xlarge@us-east-1b': 0.33,
  'g5.xlarge@us-east-1c': 0.36,
  'g6.xlarge@us-east-1a': 0.34,
  'g6.xlarge@us-east-1b': 0.31,
  'g6.xlarge@us-east-1c': 0.35,
};

/** The fleet's target and what served, after each step's policy turn. */
export interface Watched {
  nowMs: number;
  targetUnits: number;
  onDemandUnits: number;
  servingUnits: number;
  demandQps: number;
}

/** `policy` with every step's fleet target and serving capacity recorded after it acted. */
export const watching = (policy: Policy): { policy: Policy; steps: Watched[] } => {
  const steps: Watched[] = [];
  const watched: Policy = {
    ...policy,
    name: policy.name,
    setup: (s, f) => policy.setup(s, f),
    onStep: async (o, fleet: FleetControl) => {
      await policy.onStep(o, fleet);
      steps.push({ nowMs: o.nowMs, targetUnits: fleet.targetUnits, onDemandUnits: fleet.onDemandTargetUnits, servingUnits: o.servingUnits, demandQps: o.arrivals / o.stepSeconds });
    },
  };
  if (policy.attach) watched.attach = (w) => policy.attach?.(w);
  if (policy.onEvent) watched.onEvent = (e, t) => policy.onEvent?.(e, t) ?? Promise.resolve();
  if (policy.actionCount) watched.actionCount = () => policy.actionCount?.() ?? 0;
  return { policy: watched, steps };
};

export const runGpuScenario = (policy: Policy, trace: DemandTrace, options: { spec?: SimFleetSpec; prices?: PriceBook; interruptions?: ReplayedInterruption[] } = {}): Promise<RunResult> =>
  runOne(policy, trace, { spec: options.spec ?? aGpuSpec(), prices: options.prices ?? poolPriceBook(SPOT_PRICES), interruptions: options.interruptions ?? [], seriesStepSeconds: 60 });

/** No request lost, every one accounted for; the target never above the maximum and the on-demand base always kept. */
export const expectInvariants = (result: RunResult, steps: Watched[], spec: SimFleetSpec = aGpuSpec()): void => {
  const { arrived, served, queuedAtEnd, lost } = result.requests;
  expect(lost).toBe(0);
  expect(Math.abs(arrived - served - queuedAtEnd)).toBeLessThanOrEqual(1e-9 * arrived);
  expect(steps.length).toBeGreaterThan(0);
  for (const s of steps) {
    expect(s.targetUnits, `target at ${new Date(s.nowMs).toISOString()}`).toBeLessThanOrEqual(spec.config.maxCapacityUnits);
    expect(s.onDemandUnits, `on-demand at ${new Date(s.nowMs).toISOString()}`).toBeGreaterThanOrEqual(Math.min(s.targetUnits, spec.config.onDemandBaseUnits));
  }
};

/** The step index of `tMs` in a run from T0. */
export const stepOf = (tMs: number): number => Math.round((tMs - T0) / (STEP_SECONDS * 1000));
