/** One fleet's day in $: cost by pool, $ per 1k requests, Spot share, idle GPU-hours, interruptions, SLO attainment, savings. */
import { getInstanceType } from '../catalog/catalog';
import type { FleetConfig } from '../fleet';
import { actionSavings, type ActionSaving, type CostAction } from './action-savings';
import type { CostSample } from './cost-sample';
import { poolUsage, sampleSpans, type PoolUsage } from './pool-usage';

const DAY_MS = 86_400_000;

/** A period of a usage series: its start and value (requests, or GPU utilization percent). */
export interface PeriodValue {
  atMs: number;
  value: number;
}

/** What the cost report read about one fleet's day. */
export interface DailyCostInput {
  fleet: Pick<FleetConfig, 'fleetId' | 'name' | 'team' | 'costCenter'>;
  /** Midnight UTC of the day. */
  dayStartMs: number;
  /** The day's spend samples, and the last one before midnight (it stands for the first minutes of the day). */
  samples: readonly CostSample[];
  /** Requests served per period; empty when the metric has no data (then $ per 1k is unknown, not infinite). */
  requests: readonly PeriodValue[];
  /** Mean fleet GPU utilization per period of `gpuPeriodSeconds`, percent. */
  gpuUtilization: readonly PeriodValue[];
  gpuPeriodSeconds: number;
  /** A period whose mean GPU utilization is under this is idle. */
  idleThresholdPercent: number;
  slo: readonly { withinSloPercent: number; samples: number }[];
  interruptions: number;
  /** The fleet's actions up to the day's end, with those of a few days before it (their savings may still run). */
  actions: readonly CostAction[];
}

export interface DailyCost {
  fleetId: string;
  fleetName: string;
  team?: string;
  costCenter?: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  usd: number;
  spotUsd: number;
  onDemandUsd: number;
  pools: PoolUsage[];
  instanceHours: number;
  /** Instance-hours x the type's GPU count (catalog; 1 for a type it does not list). */
  gpuHours: number;
  /** Hours of the day the samples cover: less than 24 means runs were missed and the cost is a lower bound. */
  coveredHours: number;
  requests?: number;
  usdPer1kRequests?: number;
  /** Spot instance-hours over all instance-hours, 0..1 (0 for a day without instances). */
  spotShare: number;
  /** Mean of the periods' fleet GPU utilization, percent; undefined without data. */
  gpuUtilizationPercent?: number;
  /** GPU-hours in periods whose mean GPU utilization was under the threshold. */
  idleGpuHours: number;
  interruptions: number;
  /** Share of the day's requests within the SLO, percent (sample-weighted); undefined without samples. */
  sloAttainmentPercent?: number;
  /** Actions applied on the fleet that day (scaler, rebalancer and cost remediation records). */
  actionsApplied: number;
  savingsUsd: number;
  savings: ActionSaving[];
}

const gpusOf = (instanceType: string): number => getInstanceType(instanceType)?.gpuCount ?? 1;
const gpuHoursOf = (pools: readonly PoolUsage[]): number => pools.reduce((sum, p) => sum + (p.instanceSeconds / 3600) * gpusOf(p.instanceType), 0);
const total = <T>(items: readonly T[], valueOf: (item: T) => number): number => items.reduce((sum, item) => sum + valueOf(item), 0);

/**
 * Integrates the day: each sample's pools x $/hour over the time it stands for (see poolUsage), requests summed over
 * the day, idle GPU-hours as the GPU-hours that ran inside idle periods, savings from the day's actions.
 *
 * @example
 * const day = dailyCost({ fleet, dayStartMs: Date.UTC(2026, 10, 28), samples, requests, gpuUtilization, gpuPeriodSeconds: 3600,
 *   idleThresholdPercent: 10, slo, interruptions: 1, actions });
 * day.usdPer1kRequests; // usd / requests x 1000
 */
export const dailyCost = (input: DailyCostInput): DailyCost => {
  const { fleet, dayStartMs, samples } = input;
  const dayEndMs = dayStartMs + DAY_MS;
  const pools = poolUsage(samples, dayStartMs, dayEndMs);
  const usd = total(pools, (p) => p.usd);
  const spot = pools.filter((p) => p.market === 'spot');
  const instanceSeconds = total(pools, (p) => p.instanceSeconds);
  const requests = input.requests.filter((r) => r.atMs >= dayStartMs && r.atMs < dayEndMs);
  const requestCount = requests.length === 0 ? undefined : total(requests, (r) => r.value);
  const gpu = input.gpuUtilization.filter((g) => g.atMs >= dayStartMs && g.atMs < dayEndMs);
  const periodMs = input.gpuPeriodSeconds * 1000;
  const idle = gpu.filter((g) => g.value < input.idleThresholdPercent);
  const sloSamples = total(input.slo, (s) => s.samples);
  const savings = actionSavings(input.actions, samples, dayStartMs, dayEndMs);
  return {
    fleetId: fleet.fleetId,
    fleetName: fleet.name,
    ...(fleet.team === undefined ? {} : { team: fleet.team }),
    ...(fleet.costCenter === undefined ? {} : { costCenter: fleet.costCenter }),
    day: new Date(dayStartMs).toISOString().slice(0, 10),
    usd,
    spotUsd: total(spot, (p) => p.usd),
    onDemandUsd: usd - total(spot, (p) => p.usd),
    pools,
    instanceHours: instanceSeconds / 3600,
    gpuHours: gpuHoursOf(pools),
    coveredHours: total(sampleSpans(samples, dayStartMs, dayEndMs), (s) => s.seconds) / 3600,
    ...(requestCount === undefined ? {} : { requests: requestCount }),
    ...(requestCount === undefined || requestCount <= 0 ? {} : { usdPer1kRequests: (usd / requestCount) * 1000 }),
    spotShare: instanceSeconds > 0 ? total(spot, (p) => p.instanceSeconds) / instanceSeconds : 0,
    ...(gpu.length === 0 ? {} : { gpuUtilizationPercent: total(gpu, (g) => g.value) / gpu.length }),
    idleGpuHours: total(idle, (g) => gpuHoursOf(poolUsage(samples, g.atMs, Math.min(g.atMs + periodMs, dayEndMs)))),
    interruptions: input.interruptions,
    ...(sloSamples <= 0 ? {} : { sloAttainmentPercent: total(input.slo, (s) => s.withinSloPercent * s.samples) / sloSamples }),
    actionsApplied: input.actions.filter((a) => a.atMs >= dayStartMs && a.atMs < dayEndMs).length,
    savingsUsd: total(savings, (s) => s.usd),
    savings,
  };
};

