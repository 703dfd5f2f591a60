/** What a simulation run produces: per policy figures and series, the oracle, and the scenario. */
import type { Market } from '../../layers/core/fleet';
import type { PriceSource } from './market';

/** A time series sampled every `seriesStepSeconds` (the engine downsamples its steps for the report). */
export interface PolicySeries {
  tMs: number[];
  demandQps: number[];
  /** Capacity of serving instances, QPS at the SLO. */
  capacityQps: number[];
  /** Capacity of booting instances (launched, not serving yet). */
  bootingQps: number[];
  costUsdCumulative: number[];
  /** Share of the requests served in the interval that met the SLO. */
  sloAttainment: number[];
  backlog: number[];
}

export interface TimelineEvent {
  tMs: number;
  kind: 'rebalance-recommendation' | 'interruption-warning' | 'interruption' | 'scale' | 'surge' | 'drain' | 'restore';
  detail: string;
}

export interface PolicyResult {
  policy: string;
  totalUsd: number;
  usdPer1kRequests: number;
  /** totalUsd / oracle totalUsd (>= 1 for every realizable policy). */
  ratioToOracle: number;
  requests: { arrived: number; served: number; queuedAtEnd: number; lost: number };
  /** Share of served requests whose queue wait + service time met the SLO. */
  sloAttainment: number;
  p99QueueWaitSeconds: number;
  instanceHours: { instanceType: string; market: Market; hours: number; usd: number }[];
  interruptions: number;
  /** Mutating actions the policy took (ModifyFleet calls, drains, ...). */
  actions: number;
  series: PolicySeries;
  events: TimelineEvent[];
}

export interface OracleResult {
  totalUsd: number;
  usdPer1kRequests: number;
  instanceHours: { instanceType: string; market: Market; hours: number; usd: number }[];
}

export interface SimulationReport {
  scenario: {
    name: string;
    fleetName: string;
    traceSource: string;
    traceRepeated: boolean;
    startMs: number;
    days: number;
    stepSeconds: number;
    seriesStepSeconds: number;
    seed: number;
    sloP99Ms: number;
  };
  oracle: OracleResult;
  policies: PolicyResult[];
  priceSources: { instanceType: string; availabilityZone: string; market: Market; source: PriceSource }[];
}
