/** The spend rate a fleet should have: its need priced at the tier's planned mix, and the band above which spend is anomalous. */
import type { FleetConfig } from '../fleet';
import { onDemandPriceOf, type PriceBook } from './pool-prices';

/** Where the need comes from: the forecast's lead units while its run is recent, else observed demand. */
export interface NeedInput {
  /** The forecast state's `lastLeadUnits` (capacity units), when the forecast ran recently enough to trust it. */
  forecastLeadUnits?: number;
  /** Requests per second observed on the fleet's queues, undefined when CloudWatch had no datapoint. */
  observedQps?: number;
  /** Share of capacity the fleet may use (capacity = demand / targetUtilization). */
  targetUtilization: number;
}

export interface SpendBand {
  /** Capacity units the fleet needs. */
  needUnits: number;
  /** The need priced at the planned mix, $/hour. */
  expectedUsdPerHour: number;
  /** Above this the spend rate is outside its band, $/hour. */
  upperUsdPerHour: number;
  /** $/hour of one capacity unit on the cheapest on-demand type and the cheapest Spot pool of the fleet. */
  onDemandUsdPerUnitHour: number;
  spotUsdPerUnitHour: number;
}

/**
 * The need in capacity units, never below the fleet's minimum; undefined when neither a forecast nor an observation
 * is at hand (then the check cannot judge, rather than judging against the minimum).
 */
export const needUnitsOf = (fleet: Pick<FleetConfig, 'minCapacityUnits'>, input: NeedInput): number | undefined => {
  const need =
    input.forecastLeadUnits ?? (input.observedQps === undefined ? undefined : input.observedQps / input.targetUtilization);
  return need === undefined || !Number.isFinite(need) ? undefined : Math.max(fleet.minCapacityUnits, need);
};

const cheapest = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : values.reduce((a, b) => Math.min(a, b));

/**
 * The band for `needUnits`: the on-demand base (up to the need) at the cheapest on-demand $/unit of the fleet's types,
 * the rest at the cheapest Spot $/unit of its quoted pools in `zones`, the fleet's zones (a cheaper zone it cannot
 * launch in would narrow the band into false alarms; with no zone known, any zone's quote counts). Without a Spot quote
 * the on-demand $/unit is used, which widens the band rather than raising false alarms. Upper = expected x
 * (1 + tolerance) + one instance of slack, the dearest on-demand instance of the fleet, so whole-instance rounding and
 * one launch in flight never trip it. Undefined when no type of the fleet has an on-demand price.
 */
export const spendBandOf = (
  fleet: Pick<FleetConfig, 'capacityUnitsByType' | 'onDemandBaseUnits'>,
  needUnits: number,
  book: PriceBook,
  tolerance: number,
  zones: readonly string[],
): SpendBand | undefined => {
  const unitsOf = (type: string): number => fleet.capacityUnitsByType[type] ?? 0;
  const types = Object.keys(fleet.capacityUnitsByType).filter((t) => unitsOf(t) > 0);
  const onDemandPrices = types.flatMap((t) => {
    const usd = onDemandPriceOf(book, t);
    return usd === undefined ? [] : [{ type: t, usd, perUnit: usd / unitsOf(t) }];
  });
  const onDemandUsdPerUnitHour = cheapest(onDemandPrices.map((p) => p.perUnit));
  if (onDemandUsdPerUnitHour === undefined) return undefined;
  const spotPerUnit = book.spotQuotes
    .filter((q) => types.includes(q.instanceType) && (zones.length === 0 || zones.includes(q.availabilityZone)))
    .map((q) => q.usdPerHour / unitsOf(q.instanceType));
  const spotUsdPerUnitHour = cheapest(spotPerUnit) ?? onDemandUsdPerUnitHour;
  const onDemandUnits = Math.min(fleet.onDemandBaseUnits, needUnits);
  const expectedUsdPerHour = onDemandUnits * onDemandUsdPerUnitHour + (needUnits - onDemandUnits) * spotUsdPerUnitHour;
  const slackUsdPerHour = Math.max(...onDemandPrices.map((p) => p.usd));
  return {
    needUnits,
    expectedUsdPerHour,
    upperUsdPerHour: expectedUsdPerHour * (1 + tolerance) + slackUsdPerHour,
    onDemandUsdPerUnitHour,
    spotUsdPerUnitHour,
  };
};
