/** Run every policy of a scenario on the same demand, prices and Spot fates, plus the oracle; build the report. */
import type { Market } from '../layers/core/fleet';
import { makeInterruptionModel } from './market/interruption-model';
import type { ReplayedInterruption } from './market/interruption-replay';
import { makePriceBook, PRICE_STEP_MS } from './market/price-book';
import type { PriceBook } from './model/market';
import type { Policy, SimFleetSpec } from './model/policy';
import { seededRandom } from './model/random';
import type { PolicyResult, SimulationReport } from './model/report';
import type { DemandTrace } from './model/trace';
import { oracleCost } from './oracle/oracle-cost';
import { runPolicy } from './engine/run-policy';

export interface SimulationInput {
  name: string;
  spec: SimFleetSpec;
  trace: DemandTrace;
  seed: number;
  /** Built fresh for the run: a policy keeps state. */
  policies: (() => Policy)[];
  /** Sampled from the Spot advisor buckets (default), or replayed from a file. */
  replay?: ReplayedInterruption[];
  seriesStepSeconds?: number;
  account?: string;
  region?: 'us-east-1';
  onProgress?: (policy: string, done: number, total: number) => void;
}

const MARKETS: Market[] = ['on-demand', 'spot'];

/** The run's prices, one book for every policy and the oracle; anything measured beside a run (a bench) gets the same. */
export const simulationPriceBook = (input: Pick<SimulationInput, 'spec' | 'trace' | 'seed' | 'region'>): PriceBook => {
  const { spec, trace } = input;
  const endMs = trace.startMs + trace.arrivals.length * trace.stepSeconds * 1000;
  // A fork depends only on the seed and its label (forking draws nothing), so this is the run's own stream.
  return makePriceBook({ region: input.region ?? 'us-east-1', availabilityZones: spec.availabilityZones, startMs: trace.startMs, endMs, random: seededRandom(input.seed).fork('prices') });
};

export const runSimulation = async (input: SimulationInput): Promise<SimulationReport> => {
  const { spec, trace } = input;
  const random = seededRandom(input.seed);
  const prices = simulationPriceBook(input);
  const seriesStepSeconds = input.seriesStepSeconds ?? 300;
  const runs: Omit<PolicyResult, 'ratioToOracle'>[] = [];
  for (const make of input.policies) {
    const policy = make();
    runs.push(
      await runPolicy({
        spec,
        trace,
        prices,
        // Every policy gets the same stream: an instance id meets the same fate whichever policy launched it.
        interruptions: input.replay ?? makeInterruptionModel({ random: random.fork('interruptions') }),
        policy,
        seriesStepSeconds,
        account: input.account ?? '123456789012',
        region: input.region ?? 'us-east-1',
        ...(input.onProgress ? { onProgress: (done: number, total: number) => input.onProgress?.(policy.name, done, total) } : {}),
      }),
    );
  }
  const demandQps = new Float64Array(trace.arrivals.length);
  let requests = 0;
  for (let i = 0; i < trace.arrivals.length; i += 1) {
    const a = trace.arrivals[i] ?? 0;
    // The oracle covers demand up to the fleet's maximum, the bound every policy works under; demand beyond it
    // is missed by every policy, which the SLO column shows.
    demandQps[i] = Math.min(a / trace.stepSeconds, spec.config.maxCapacityUnits);
    requests += a;
  }
  const oracle = oracleCost({
    demandQps,
    stepSeconds: trace.stepSeconds,
    startMs: trace.startMs,
    candidates: Object.entries(spec.config.capacityUnitsByType).map(([instanceType, unitsPerInstance]) => ({ instanceType, unitsPerInstance })),
    availabilityZones: spec.availabilityZones,
    priceBook: prices,
    requests,
    priceStepMs: PRICE_STEP_MS,
  });
  return {
    scenario: {
      name: input.name,
      fleetName: spec.config.name,
      traceSource: trace.source,
      traceRepeated: trace.repeated,
      startMs: trace.startMs,
      days: (trace.arrivals.length * trace.stepSeconds) / 86_400,
      stepSeconds: trace.stepSeconds,
      seriesStepSeconds,
      seed: input.seed,
      sloP99Ms: spec.config.sloP99Ms,
    },
    oracle,
    policies: runs.map((r) => ({ ...r, ratioToOracle: oracle.totalUsd > 0 ? r.totalUsd / oracle.totalUsd : Infinity })),
    priceSources: Object.keys(spec.config.capacityUnitsByType).flatMap((instanceType) =>
      spec.availabilityZones.flatMap((availabilityZone) =>
        MARKETS.map((market) => ({ instanceType, availabilityZone, market, source: prices.sourceOf(instanceType, availabilityZone, market) })),
      ),
    ),
  };
};
