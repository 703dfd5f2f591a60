/** Which pools make a fleet's spend exceed its planned mix, as root causes and evidence of a spend-rate anomaly. */
import { poolKey, type FleetConfig, type Market } from '../fleet';
import { billingCodeOfRegion, UNPREFIXED_USAGE_REGION } from './billing-region-codes';
import type { CostRootCause, SpendRateEvidence } from './cost-anomaly';
import type { CostSample } from './cost-sample';
import type { SpendBand } from './spend-band';

/** The Cost Explorer SERVICE value of EC2 instance-hours. */
export const EC2_COMPUTE_SERVICE = 'Amazon Elastic Compute Cloud - Compute';

/** `SpotUsage:g5.xlarge` in us-east-1, `USW2-BoxUsage:g5.xlarge` elsewhere; undefined for a Region without a known code. */
export const usageTypeOf = (region: string, market: Market, instanceType: string): string | undefined => {
  const family = `${market === 'spot' ? 'SpotUsage' : 'BoxUsage'}:${instanceType}`;
  if (region === UNPREFIXED_USAGE_REGION) return family;
  const code = billingCodeOfRegion(region);
  return code === undefined ? undefined : `${code}-${family}`;
};

/**
 * Per market, the spend above the planned mix (the on-demand base at the on-demand $/unit, the rest of the need at the
 * Spot $/unit), shared among that market's pools by their spend: the pools that carry the excess, largest first.
 */
export const poolsAbovePlan = (
  fleet: Pick<FleetConfig, 'onDemandBaseUnits'>,
  sample: CostSample,
  band: SpendBand,
): SpendRateEvidence['poolsAbovePlan'] => {
  const onDemandUnits = Math.min(fleet.onDemandBaseUnits, band.needUnits);
  const planned: Record<Market, number> = {
    'on-demand': onDemandUnits * band.onDemandUsdPerUnitHour,
    spot: (band.needUnits - onDemandUnits) * band.spotUsdPerUnitHour,
  };
  return (['on-demand', 'spot'] as const)
    .flatMap((market) => {
      const pools = sample.pools.filter((p) => p.market === market);
      const actual = pools.reduce((sum, p) => sum + p.instances * p.usdPerHour, 0);
      const excess = actual - planned[market];
      if (!(excess > 0) || actual === 0) return [];
      return pools.map((p) => ({ pool: poolKey(p), usdPerHourAbovePlan: (excess * p.instances * p.usdPerHour) / actual }));
    })
    .filter((p) => p.usdPerHourAbovePlan > 0)
    .sort((a, b) => b.usdPerHourAbovePlan - a.usdPerHourAbovePlan || (a.pool < b.pool ? -1 : 1));
};

/**
 * One root cause per usage type (instance type x market) of the pools above plan. Their contributions share the total
 * impact in proportion to the $/hour each adds above plan, so they sum to it as Cost Anomaly Detection's do (one
 * market under its plan, Spot below its share say, offsets part of the other's excess).
 */
export const spendRootCauses = (
  above: SpendRateEvidence['poolsAbovePlan'],
  where: { region: string; accountId: string },
  totalImpactUsd: number,
): CostRootCause[] => {
  const totalAbove = above.reduce((sum, p) => sum + p.usdPerHourAbovePlan, 0);
  const byUsage = new Map<string, { market: Market; instanceType: string; usdPerHour: number }>();
  for (const { pool, usdPerHourAbovePlan } of above) {
    const [instanceType = '', , market = 'spot'] = pool.split(':');
    const key = `${instanceType}:${market}`;
    const entry = byUsage.get(key) ?? { market: market as Market, instanceType, usdPerHour: 0 };
    entry.usdPerHour += usdPerHourAbovePlan;
    byUsage.set(key, entry);
  }
  return [...byUsage.values()].map((u) => {
    const usageType = usageTypeOf(where.region, u.market, u.instanceType);
    return {
      service: EC2_COMPUTE_SERVICE,
      region: where.region,
      linkedAccount: where.accountId,
      ...(usageType === undefined ? {} : { usageType }),
      impactUsd: totalAbove > 0 ? (totalImpactUsd * u.usdPerHour) / totalAbove : 0,
    };
  });
};
