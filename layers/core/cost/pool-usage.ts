/** Integrates a fleet's spend samples over a window: instance-seconds and $ per pool, each sample standing until the next. */
import { poolKey, type Market } from '../fleet';
import type { CostSample } from './cost-sample';

/** What one pool (type x zone x market) ran and cost over a window. */
export interface PoolUsage {
  /** `g5.xlarge:us-east-1a:spot` (poolKey). */
  pool: string;
  instanceType: string;
  availabilityZone: string;
  market: Market;
  instanceSeconds: number;
  usd: number;
}

/**
 * The seconds of [fromMs, toMs) each sample stands for: from its `atMs` for its `intervalSeconds`, cut at the next
 * sample's time (a late run must not count the same minutes twice) and at the window's bounds.
 */
export const sampleSpans = (samples: readonly CostSample[], fromMs: number, toMs: number): { sample: CostSample; seconds: number }[] => {
  const sorted = [...samples].sort((a, b) => a.atMs - b.atMs);
  return sorted.flatMap((sample, i) => {
    const next = sorted[i + 1];
    const endMs = Math.min(sample.atMs + sample.intervalSeconds * 1000, next?.atMs ?? Number.POSITIVE_INFINITY, toMs);
    const seconds = (endMs - Math.max(sample.atMs, fromMs)) / 1000;
    return seconds > 0 ? [{ sample, seconds }] : [];
  });
};

/**
 * Instance-seconds and $ of every pool over [fromMs, toMs): instances x seconds, and instances x $/hour x hours,
 * summed over the samples, pools sorted by key. A pool with no instance in the window is left out.
 *
 * @example
 * // one sample at 00:00 standing 600 s: 2 x g5.xlarge Spot at $0.40/h
 * poolUsage([sample], Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 29));
 * // [{ pool: 'g5.xlarge:us-east-1a:spot', instanceSeconds: 1200, usd: 0.1333…, ... }]
 */
export const poolUsage = (samples: readonly CostSample[], fromMs: number, toMs: number): PoolUsage[] => {
  const pools = new Map<string, PoolUsage>();
  for (const { sample, seconds } of sampleSpans(samples, fromMs, toMs)) {
    for (const p of sample.pools) {
      if (p.instances <= 0) continue;
      const key = poolKey(p);
      const stored = pools.get(key) ?? { pool: key, instanceType: p.instanceType, availabilityZone: p.availabilityZone, market: p.market, instanceSeconds: 0, usd: 0 };
      stored.instanceSeconds += p.instances * seconds;
      stored.usd += (p.instances * p.usdPerHour * seconds) / 3600;
      pools.set(key, stored);
    }
  }
  return [...pools.values()].sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0));
};

/**
 * The fleet's $ per capacity-unit-hour at `atMs`: the spend rate over the live units of the latest sample at or
 * before it (else the first after it); undefined when no sample has live units.
 */
export const usdPerUnitHourAt = (samples: readonly CostSample[], atMs: number): number | undefined => {
  const withUnits = [...samples].filter((s) => s.liveUnits > 0).sort((a, b) => a.atMs - b.atMs);
  const sample = withUnits.filter((s) => s.atMs <= atMs).pop() ?? withUnits[0];
  return sample === undefined ? undefined : sample.spendUsdPerHour / sample.liveUnits;
};
