// A hand-built SimulationReport: diurnal demand, a few policy shapes, totals that agree with their series.
import type { Market } from '../../layers/core/fleet';
import type { PolicyResult, SimulationReport, TimelineEvent } from '../../sim/model/report';

/** 2026-03-02T00:00:00Z, a Monday: the fixture run starts here. */
export const FIXTURE_START_MS = Date.UTC(2026, 2, 2);
/** Points of a 30-day run at the engine's 5-minute report step. */
export const THIRTY_DAY_POINTS = 8_640;
export const FIXTURE_POLICIES = ['static', 'reactive', 'autopilot'] as const;

/** How each fixture policy provisions: one instance type, one market, capacity as a function of demand. */
interface Shape {
  instanceType: string;
  market: Market;
  unitQps: number;
  usdPerHour: number;
  /** Capacity follows demand this many points late (0 = static at the peak). */
  lagPoints: number;
  headroom: number;
  static: boolean;
}

const SHAPES: Shape[] = [
  { instanceType: 'p3.2xlarge', market: 'on-demand', unitQps: 250, usdPerHour: 3.06, lagPoints: 0, headroom: 1, static: true },
  { instanceType: 'g5.xlarge', market: 'on-demand', unitQps: 400, usdPerHour: 1.006, lagPoints: 3, headroom: 1.02, static: false },
  { instanceType: 'g5.xlarge', market: 'spot', unitQps: 400, usdPerHour: 0.45, lagPoints: 1, headroom: 1.15, static: false },
  { instanceType: 'g6.xlarge', market: 'spot', unitQps: 360, usdPerHour: 0.38, lagPoints: 2, headroom: 1.2, static: false },
];
const ORACLE = { instanceType: 'g5.xlarge', market: 'spot' as Market, unitQps: 400, usdPerHour: 0.42 };
const ORACLE_SHAPE: Shape = { ...ORACLE, lagPoints: 0, headroom: 1, static: false };
const PEAK_QPS = 1_000;
const TROUGH_QPS = 50;

export interface ReportFixtureOptions {
  /** Policy names, in order; the shapes above are used in turn. */
  policies?: readonly string[];
  /** Number of series points (default one day at 5 minutes: 288). */
  points?: number;
  seriesStepSeconds?: number;
  /** Requests lost per policy name (0 when absent). */
  lost?: Record<string, number>;
  traceRepeated?: boolean;
}

/** Diurnal demand: the trough at 04:00 UTC, the peak at 16:00 UTC. */
const demandAt = (tMs: number): number => {
  const hour = (tMs / 3_600_000) % 24;
  return TROUGH_QPS + (PEAK_QPS - TROUGH_QPS) * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24));
};

const unitsFor = (qps: number, unitQps: number): number => Math.max(1, Math.ceil(qps / unitQps));

const policyResult = (name: string, shape: Shape, tMs: number[], stepSeconds: number, lost: number): Omit<PolicyResult, 'ratioToOracle'> => {
  const demandQps = tMs.map(demandAt);
  const capacityQps: number[] = [];
  const bootingQps: number[] = [];
  const costUsdCumulative: number[] = [];
  const sloAttainment: number[] = [];
  const backlog: number[] = [];
  const events: TimelineEvent[] = [];
  let usd = 0;
  let previous = unitsFor(PEAK_QPS * shape.headroom, shape.unitQps);
  for (let i = 0; i < tMs.length; i++) {
    const t = tMs[i] ?? 0;
    const demand = demandQps[i] ?? 0;
    const target = shape.static ? previous : unitsFor((demandQps[Math.max(0, i - shape.lagPoints)] ?? 0) * shape.headroom, shape.unitQps);
    if (target !== previous) events.push({ tMs: t, kind: 'scale', detail: `target ${previous * shape.unitQps} -> ${target * shape.unitQps} QPS` });
    // Instances launched at this point boot for one point before they serve.
    const serving = Math.min(target, previous) * shape.unitQps;
    capacityQps.push(serving);
    bootingQps.push(Math.max(0, target - previous) * shape.unitQps);
    usd += (target * shape.usdPerHour * stepSeconds) / 3600;
    costUsdCumulative.push(usd);
    const short = Math.max(0, demand - serving);
    sloAttainment.push(demand > 0 ? 1 - short / demand : 1);
    backlog.push(short * stepSeconds);
    previous = target;
  }
  if (shape.market === 'spot' && tMs.length > 8) {
    const at = tMs[Math.floor(tMs.length / 2)] ?? 0;
    events.push(
      { tMs: at - 600_000, kind: 'rebalance-recommendation', detail: `${shape.instanceType} us-east-1a` },
      { tMs: at - 120_000, kind: 'interruption-warning', detail: `${shape.instanceType} us-east-1a` },
      { tMs: at - 110_000, kind: 'surge', detail: 'surge away from us-east-1a' },
      { tMs: at - 100_000, kind: 'drain', detail: 'drain i-0a1b2c3d4e5f60718' },
      { tMs: at, kind: 'interruption', detail: 'i-0a1b2c3d4e5f60718 terminated' },
    );
    events.sort((a, b) => a.tMs - b.tMs);
  }
  const arrived = Math.round(demandQps.reduce((sum, q) => sum + q * stepSeconds, 0));
  const hours = (costUsdCumulative.at(-1) ?? 0) / shape.usdPerHour;
  return {
    policy: name,
    totalUsd: usd,
    usdPer1kRequests: arrived > 0 ? (usd * 1000) / arrived : 0,
    requests: { arrived, served: arrived - lost, queuedAtEnd: 0, lost },
    sloAttainment: sloAttainment.reduce((a, b) => a + b, 0) / Math.max(1, sloAttainment.length),
    p99QueueWaitSeconds: shape.static ? 0.004 : 0.012 * (shape.lagPoints + 1),
    instanceHours: [{ instanceType: shape.instanceType, market: shape.market, hours, usd }],
    interruptions: events.filter((e) => e.kind === 'interruption').length,
    actions: events.filter((e) => e.kind === 'scale' || e.kind === 'surge' || e.kind === 'drain' || e.kind === 'restore').length,
    series: { tMs, demandQps, capacityQps, bootingQps, costUsdCumulative, sloAttainment, backlog },
    events,
  };
};

/**
 * A report as the engine would produce it, built without running the engine: `points` series points per
 * policy (288 = one day by default; `THIRTY_DAY_POINTS` for the 30-day size), totals summed from the series,
 * an oracle cheaper than every policy.
 */
export const aSimulationReport = (options: ReportFixtureOptions = {}): SimulationReport => {
  const names = options.policies ?? FIXTURE_POLICIES;
  const points = options.points ?? 288;
  const stepSeconds = options.seriesStepSeconds ?? 300;
  const tMs = Array.from({ length: points }, (_, i) => FIXTURE_START_MS + i * stepSeconds * 1000);
  const results = names.map((name, i) => policyResult(name, SHAPES[i % SHAPES.length] ?? ORACLE_SHAPE, tMs, stepSeconds, options.lost?.[name] ?? 0));
  const oracleUsd = tMs.reduce((sum, t) => sum + (unitsFor(demandAt(t), ORACLE.unitQps) * ORACLE.usdPerHour * stepSeconds) / 3600, 0);
  const arrived = results[0]?.requests.arrived ?? 0;
  return {
    scenario: {
      name: 'bert-large diurnal',
      fleetName: 'bert-large-search',
      traceSource: '../shared/data/traces/wikipedia-pageviews-hourly.csv',
      traceRepeated: options.traceRepeated ?? false,
      startMs: FIXTURE_START_MS,
      days: (points * stepSeconds) / 86_400,
      stepSeconds: 10,
      seriesStepSeconds: stepSeconds,
      seed: 42,
      sloP99Ms: 50,
    },
    oracle: {
      totalUsd: oracleUsd,
      usdPer1kRequests: arrived > 0 ? (oracleUsd * 1000) / arrived : 0,
      instanceHours: [{ instanceType: ORACLE.instanceType, market: ORACLE.market, hours: oracleUsd / ORACLE.usdPerHour, usd: oracleUsd }],
    },
    policies: results.map((r) => ({ ...r, ratioToOracle: r.totalUsd / oracleUsd })),
    priceSources: [
      { instanceType: 'p3.2xlarge', availabilityZone: 'us-east-1a', market: 'on-demand', source: 'on-demand-catalog' },
      { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'on-demand', source: 'on-demand-catalog' },
      { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', source: 'spot-price-history' },
      { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b', market: 'spot', source: 'spot-price-history' },
      { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1a', market: 'spot', source: 'spot-advisor-derived' },
    ],
  };
};

