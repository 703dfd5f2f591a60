// Shared by the engine's integration tests: a small fleet, a constant price book, step-by-step traces, one-policy runs.
import { expect } from 'vitest';
import type { FleetConfig, Market } from '../../../layers/core/fleet';
import { runPolicy, type RunResult } from '../../../sim/engine/run-policy';
import { parseInterruptionReplay, type ReplayedInterruption } from '../../../sim/market/interruption-replay';
import type { InterruptionModel, PriceBook } from '../../../sim/model/market';
import type { Policy, SimFleetSpec } from '../../../sim/model/policy';
import type { PolicyResult } from '../../../sim/model/report';
import type { DemandTrace } from '../../../sim/model/trace';
import { autopilotPolicy } from '../../../sim/policies/autopilot-policy';
import { staticPolicy } from '../../../sim/policies/static-policy';
import { targetTrackingPolicy } from '../../../sim/policies/target-tracking-policy';
import { ACCOUNT, aFleet, REGION } from '../../helpers/spot-factories';

export const T0 = Date.UTC(2026, 2, 2, 0, 0, 0);
export const HOUR_MS = 3_600_000;
export const STEP_SECONDS = 10;
export const STEP_MS = STEP_SECONDS * 1000;
/** One g5.xlarge serves 100 QPS at the SLO; a replacement serves 180 s after its launch. */
export const UNITS = 100;
export const LEAD_SECONDS = 180;
export const ON_DEMAND_USD_PER_HOUR = 1.0;
export const SPOT_USD_PER_HOUR = 0.4;

/** Every pool at one price per market, whatever the time: costs can be worked out by hand. */
export const constantPriceBook = (onDemand = ON_DEMAND_USD_PER_HOUR, spot = SPOT_USD_PER_HOUR): PriceBook => ({
  usdPerHour: (_type: string, _zone: string, market: Market) => (market === 'spot' ? spot : onDemand),
  sourceOf: (_type: string, _zone: string, market: Market) => (market === 'spot' ? 'spot-advisor-derived' : 'on-demand-catalog'),
});

/** A 100 ms SLO with 50 ms of GPU time: a request meets it only when served in the step it arrived. */
export const aSimSpec = (overrides: Partial<FleetConfig> = {}): SimFleetSpec => ({
  config: aFleet({
    capacityUnitsByType: { 'g5.xlarge': UNITS },
    minCapacityUnits: UNITS,
    maxCapacityUnits: 2000,
    onDemandBaseUnits: 0,
    launchLeadTimeSeconds: LEAD_SECONDS,
    sloP99Ms: 100,
    ...overrides,
  }),
  availabilityZones: ['us-east-1a'],
  serviceSeconds: 0.05,
});

/** `steps` steps of 10 s from T0, `qps(step)` requests per second in each. */
export const traceOf = (steps: number, qps: (step: number) => number): DemandTrace => ({
  startMs: T0,
  stepSeconds: STEP_SECONDS,
  arrivals: Float64Array.from({ length: steps }, (_, step) => qps(step) * STEP_SECONDS),
  source: 'test trace',
  repeated: false,
  sourceResolutionSeconds: STEP_SECONDS,
});

export const hoursOfSteps = (hours: number): number => (hours * 3600) / STEP_SECONDS;

/** A replay file interrupting the oldest Spot instance at each of `atMs`. */
export const replayAt = (...atMs: number[]): ReplayedInterruption[] =>
  parseInterruptionReplay(['timestamp,instance_type,availability_zone', ...atMs.map((t) => new Date(t).toISOString())].join('\n'), 'replay.csv');

/** Interrupts every Spot instance `lifeMs` after its launch, with a rebalance recommendation 5 minutes before the warning. */
export const hazardousMarket = (lifeMs: number): InterruptionModel => ({
  draw: ({ launchMs }, runEndMs) => {
    const interruptAtMs = launchMs + lifeMs;
    return interruptAtMs < runEndMs ? { interruptAtMs, rebalanceAtMs: interruptAtMs - 120_000 - 300_000 } : undefined;
  },
});

export interface RunOptions {
  spec?: SimFleetSpec;
  prices?: PriceBook;
  interruptions?: InterruptionModel | ReplayedInterruption[];
  seriesStepSeconds?: number;
  visibilityTimeoutSeconds?: number;
  retentionSeconds?: number;
}

/** One policy through the engine, with a per-step series unless told otherwise. */
export const runOne = (policy: Policy, trace: DemandTrace, options: RunOptions = {}): Promise<RunResult> =>
  runPolicy({
    spec: options.spec ?? aSimSpec(),
    trace,
    prices: options.prices ?? constantPriceBook(),
    interruptions: options.interruptions ?? [],
    policy,
    seriesStepSeconds: options.seriesStepSeconds ?? STEP_SECONDS,
    account: ACCOUNT,
    region: REGION,
    ...(options.visibilityTimeoutSeconds === undefined ? {} : { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds }),
    ...(options.retentionSeconds === undefined ? {} : { retentionSeconds: options.retentionSeconds }),
  });

/** Every kind of policy the engine runs, on the fixture fleet's one instance type. */
export const everyPolicy = (): (() => Policy)[] => [
  () => staticPolicy({ instanceType: 'g5.xlarge', market: 'on-demand', name: 'static on-demand' }),
  () => staticPolicy({ instanceType: 'g5.xlarge', market: 'spot', name: 'static spot' }),
  () => targetTrackingPolicy({ name: 'reactive on-demand', instanceTypes: ['g5.xlarge'] }),
  () => targetTrackingPolicy({ name: 'reactive 70% spot', instanceTypes: ['g5.xlarge'], spotShare: 0.7 }),
  () => autopilotPolicy({ sizing: { instanceTypes: ['g5.xlarge'], spotShare: 0.7 } }),
  () => autopilotPolicy({ name: 'autopilot (forecast)' }),
];

/** arrived = served + still queued + lost, to float tolerance. */
export const expectConserved = (result: Pick<PolicyResult, 'policy' | 'requests'>): void => {
  const { arrived, served, queuedAtEnd, lost } = result.requests;
  expect(Math.abs(arrived - (served + queuedAtEnd + lost)), result.policy).toBeLessThanOrEqual(1e-9 * Math.max(1, arrived));
};

/** Index in a per-step series of the step starting at `tMs`. */
export const stepAt = (tMs: number): number => Math.round((tMs - T0) / STEP_MS);
