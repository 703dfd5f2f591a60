// Scores pools (type x AZ x market): price, risk multiplier and effective $ per capacity-unit-hour, and eligibility.
import { getInstanceType } from '../catalog/catalog';
import { candidateTypes, poolKey, unitsOf, type FleetConfig, type Market, type Pool } from '../fleet';
import type { AtRiskPool, InstanceView } from '../observed';
import { spotRiskMultiplier } from './interruption-risk';
import type { PlacementScore, SpotPriceQuote } from './market-data';
import type { RebalanceSettings } from './rebalance-settings';

/** Where a pool's price came from. An estimate only ever prices instances already running, never a candidate. */
export type PriceSource = 'spot-price-history' | 'on-demand-catalog' | 'spot-advisor-estimate' | 'unknown';

export interface ScoredPool {
  pool: Pool;
  key: string;
  /** Capacity units (QPS at the SLO) of one instance: the fleet's WeightedCapacity for the type; 0 if not listed. */
  unitsPerInstance: number;
  usdPerHour: number;
  priceSource: PriceSource;
  /** 1 for on-demand; above 1 for Spot by the expected cost of interruptions (interruption-risk.ts). */
  riskMultiplier: number;
  effectiveUsdPerHour: number;
  /** effectiveUsdPerHour / unitsPerInstance (Infinity without units): what the choice minimises. */
  effectiveUsdPerUnitHour: number;
  atRisk: boolean;
  observedInterruptions24h: number;
  /** This fleet's live instances in the pool now: at equal cost the choice keeps what runs (no churn for nothing). */
  liveInstances: number;
  placementScore?: number;
  /** Whether new capacity may go here; `ineligibleReason` says why not. */
  eligible: boolean;
  ineligibleReason?: string;
}

/** What the scoring reads; every list may come in any order. */
export interface ScoringInput {
  fleet: FleetConfig;
  settings: RebalanceSettings;
  nowMs: number;
  /** The zones the fleet can launch in (its overrides' subnets). */
  availabilityZones: string[];
  /** GPU memory one engine of the model needs, GiB; types with less per GPU are left out. */
  requiredGpuMemoryGiB: number;
  spotQuotes: SpotPriceQuote[];
  /** Empty when scores are not available (then they weigh nothing). */
  placementScores: PlacementScore[];
  /** This fleet's interruptions per pool key over the last 24 hours. */
  interruptions24hByPool: Record<string, number>;
  atRiskPools: AtRiskPool[];
  /** The fleet's live instances (their count per pool is the exposure of the observed interruptions). */
  instances: InstanceView[];
}

/** Lookups built once from a ScoringInput. */
export interface ScoringContext {
  input: ScoringInput;
  quotes: Map<string, SpotPriceQuote>;
  scores: Map<string, number>;
  atRisk: Map<string, AtRiskPool>;
  instancesPerPool: Map<string, number>;
}

const zoneTypeKey = (instanceType: string, zone: string): string => `${instanceType}:${zone}`;

/** The latest quote per type and zone; among quotes of the same time, the lower price (an order-free rule). */
const latestQuotes = (quotes: SpotPriceQuote[]): Map<string, SpotPriceQuote> => {
  const out = new Map<string, SpotPriceQuote>();
  for (const q of quotes) {
    if (!Number.isFinite(q.usdPerHour) || q.usdPerHour <= 0) continue;
    const key = zoneTypeKey(q.instanceType, q.availabilityZone);
    const seen = out.get(key);
    if (!seen || q.timestampMs > seen.timestampMs || (q.timestampMs === seen.timestampMs && q.usdPerHour < seen.usdPerHour)) out.set(key, q);
  }
  return out;
};

export const scoringContextOf = (input: ScoringInput): ScoringContext => {
  const scores = new Map<string, number>();
  for (const s of input.placementScores) scores.set(s.availabilityZone, Math.max(scores.get(s.availabilityZone) ?? 0, s.score));
  const instancesPerPool = new Map<string, number>();
  for (const i of input.instances) {
    const key = poolKey({ instanceType: i.instanceType, availabilityZone: i.availabilityZone, market: i.market });
    instancesPerPool.set(key, (instancesPerPool.get(key) ?? 0) + 1);
  }
  return {
    input,
    quotes: latestQuotes(input.spotQuotes),
    scores,
    atRisk: new Map(input.atRiskPools.filter((p) => p.untilMs > input.nowMs).map((p) => [p.poolKey, p])),
    instancesPerPool,
  };
};

const priceOf = (ctx: ScoringContext, pool: Pool): { usdPerHour: number; source: PriceSource } => {
  const spec = getInstanceType(pool.instanceType);
  const onDemand = spec?.onDemandUsdPerHour;
  if (pool.market === 'on-demand') return onDemand === undefined ? { usdPerHour: 0, source: 'unknown' } : { usdPerHour: onDemand, source: 'on-demand-catalog' };
  const quote = ctx.quotes.get(zoneTypeKey(pool.instanceType, pool.availabilityZone));
  if (quote) return { usdPerHour: quote.usdPerHour, source: 'spot-price-history' };
  if (onDemand === undefined) return { usdPerHour: 0, source: 'unknown' };
  const savings = spec?.spotAdvisor?.savingsPct;
  return savings === undefined ? { usdPerHour: onDemand, source: 'on-demand-catalog' } : { usdPerHour: onDemand * (1 - savings / 100), source: 'spot-advisor-estimate' };
};

const ineligibility = (ctx: ScoringContext, pool: Pool, source: PriceSource): string | undefined => {
  const { fleet, requiredGpuMemoryGiB, availabilityZones } = ctx.input;
  const spec = getInstanceType(pool.instanceType);
  if (unitsOf(fleet, pool.instanceType) <= 0) return `fleet ${fleet.name} does not list ${pool.instanceType}`;
  if (!spec) return `${pool.instanceType} is not in the catalog`;
  if (spec.gpuMemoryGiB < requiredGpuMemoryGiB) return `${pool.instanceType} has ${spec.gpuMemoryGiB} GiB per GPU, the model needs ${requiredGpuMemoryGiB} GiB`;
  if (!availabilityZones.includes(pool.availabilityZone)) return `${pool.availabilityZone} is not one of the fleet's zones`;
  if (pool.market === 'spot' && source !== 'spot-price-history') return `no Spot price for ${pool.instanceType} in ${pool.availabilityZone}`;
  if (source === 'unknown') return `no on-demand price for ${pool.instanceType}`;
  const atRisk = ctx.atRisk.get(poolKey(pool));
  return atRisk ? `in the unavailable-offerings memory (${atRisk.reason})` : undefined;
};

/** Any pool scored, eligible or not (a running instance's pool is priced even when no longer wanted). */
export const scorePool = (ctx: ScoringContext, pool: Pool): ScoredPool => {
  const { fleet, settings } = ctx.input;
  const key = poolKey(pool);
  const units = unitsOf(fleet, pool.instanceType);
  const { usdPerHour, source } = priceOf(ctx, pool);
  const observed = ctx.input.interruptions24hByPool[key] ?? 0;
  const atRisk = ctx.atRisk.has(key);
  const placementScore = ctx.input.placementScores.length === 0 ? undefined : (ctx.scores.get(pool.availabilityZone) ?? 1);
  const riskMultiplier =
    pool.market === 'on-demand'
      ? 1
      : spotRiskMultiplier(
          { advisorBucket: getInstanceType(pool.instanceType)?.spotAdvisor?.interruptionBucket, observedInterruptions24h: observed, instancesInPool: ctx.instancesPerPool.get(key) ?? 0, atRisk, placementScore },
          { riskAversion: settings.riskAversion, replacementOverlapSeconds: settings.replacementOverlapSeconds, launchLeadTimeSeconds: fleet.launchLeadTimeSeconds, atRiskInterruptionsPerHour: settings.atRiskInterruptionsPerHour },
        );
  const effectiveUsdPerHour = usdPerHour * riskMultiplier;
  const why = ineligibility(ctx, pool, source);
  return {
    pool,
    key,
    unitsPerInstance: units,
    usdPerHour,
    priceSource: source,
    riskMultiplier,
    effectiveUsdPerHour,
    effectiveUsdPerUnitHour: units > 0 ? effectiveUsdPerHour / units : Number.POSITIVE_INFINITY,
    atRisk,
    observedInterruptions24h: observed,
    liveInstances: ctx.instancesPerPool.get(key) ?? 0,
    ...(pool.market === 'spot' && placementScore !== undefined ? { placementScore } : {}),
    eligible: why === undefined,
    ...(why === undefined ? {} : { ineligibleReason: why }),
  };
};

const MARKETS: Market[] = ['on-demand', 'spot'];

/**
 * Every pool of the fleet's listed types in its zones, both markets, scored; sorted by key so the result does
 * not depend on the order of the inputs. Filter on `eligible` for where new capacity may go.
 */
export const scorePools = (ctx: ScoringContext): ScoredPool[] => {
  const zones = [...new Set(ctx.input.availabilityZones)].sort();
  const types = [...new Set(candidateTypes(ctx.input.fleet))].sort();
  const pools = types.flatMap((instanceType) => zones.flatMap((availabilityZone) => MARKETS.map((market) => ({ instanceType, availabilityZone, market }))));
  return pools.map((pool) => scorePool(ctx, pool)).sort((a, b) => compareKeys(a.key, b.key));
};

export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
