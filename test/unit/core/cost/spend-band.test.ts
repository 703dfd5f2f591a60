// The spend band: the need priced at the tier's planned mix, by hand-computed examples.
import { describe, expect, it } from 'vitest';
import type { PriceBook } from '../../../../layers/core/cost/pool-prices';
import { needUnitsOf, spendBandOf } from '../../../../layers/core/cost/spend-band';

/** g5.xlarge 40 units at $1.006/h on demand ($0.02515/unit), g5.2xlarge 45 units at $1.212/h ($0.02693/unit). */
const FLEET = { capacityUnitsByType: { 'g5.xlarge': 40, 'g5.2xlarge': 45 }, onDemandBaseUnits: 80, minCapacityUnits: 40 };
const ON_DEMAND: Record<string, number> = { 'g5.xlarge': 1.006, 'g5.2xlarge': 1.212 };
const book = (spotQuotes: PriceBook['spotQuotes']): PriceBook => ({ spotQuotes, onDemandUsdPerHour: (t) => ON_DEMAND[t] });
/** The fleet's zones (its overrides'). */
const ZONES = ['us-east-1a', 'us-east-1b'];
const QUOTES = [
  { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', usdPerHour: 0.4, timestampMs: 0 },
  { instanceType: 'g5.2xlarge', availabilityZone: 'us-east-1b', usdPerHour: 0.54, timestampMs: 0 },
  { instanceType: 'p4d.24xlarge', availabilityZone: 'us-east-1b', usdPerHour: 0.01, timestampMs: 0 },
];

describe('needUnitsOf', () => {
  it("takes the forecast's lead units over the observed demand", () => {
    // Act + Assess
    expect(needUnitsOf(FLEET, { forecastLeadUnits: 400, observedQps: 85, targetUtilization: 0.85 })).toBe(400);
  });

  it('divides the observed demand by the target utilization without a forecast', () => {
    // Act + Assess
    expect(needUnitsOf(FLEET, { observedQps: 170, targetUtilization: 0.85 })).toBeCloseTo(200, 9);
  });

  it("never goes below the fleet's minimum, and is unknown without forecast or observation", () => {
    // Act + Assess
    expect(needUnitsOf(FLEET, { observedQps: 0, targetUtilization: 0.85 })).toBe(40);
    expect(needUnitsOf(FLEET, { targetUtilization: 0.85 })).toBeUndefined();
  });
});

describe('spendBandOf', () => {
  it('prices the on-demand base at the cheapest on-demand $/unit and the rest at the cheapest Spot $/unit', () => {
    // Act
    const band = spendBandOf(FLEET, 400, book(QUOTES), 0.25, ZONES);
    // Assess: 80 x 0.02515 + 320 x 0.01 = 5.212; x 1.25 + the dearest on-demand instance (1.212) = 7.727
    expect(band?.onDemandUsdPerUnitHour).toBeCloseTo(0.02515, 9);
    expect(band?.spotUsdPerUnitHour).toBeCloseTo(0.01, 9);
    expect(band?.expectedUsdPerHour).toBeCloseTo(5.212, 9);
    expect(band?.upperUsdPerHour).toBeCloseTo(7.727, 9);
  });

  it('puts a need below the on-demand base all on demand', () => {
    // Act
    const band = spendBandOf(FLEET, 60, book(QUOTES), 0.25, ZONES);
    // Assess
    expect(band?.expectedUsdPerHour).toBeCloseTo(60 * 0.02515, 9);
  });

  it('prices the Spot part at the on-demand $/unit when no Spot quote covers the fleet', () => {
    // Act
    const band = spendBandOf(FLEET, 400, book([]), 0, ZONES);
    // Assess
    expect(band?.expectedUsdPerHour).toBeCloseTo(400 * 0.02515, 9);
    expect(band?.upperUsdPerHour).toBeCloseTo(400 * 0.02515 + 1.212, 9);
  });

  it("prices Spot only in the fleet's zones: a cheaper zone it cannot launch in does not narrow the band", () => {
    // Prepare: g5.xlarge at $0.20/h in us-east-1c, where the fleet has no override
    const quotes = [...QUOTES, { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1c', usdPerHour: 0.2, timestampMs: 0 }];
    // Act
    const band = spendBandOf(FLEET, 400, book(quotes), 0.25, ZONES);
    // Assess: still $0.40/h / 40 units
    expect(band?.spotUsdPerUnitHour).toBeCloseTo(0.01, 9);
    expect(spendBandOf(FLEET, 400, book(quotes), 0.25, [])?.spotUsdPerUnitHour).toBeCloseTo(0.005, 9);
  });

  it('is unknown when no type of the fleet has an on-demand price', () => {
    // Act + Assess
    expect(spendBandOf({ capacityUnitsByType: { 'x9.unknown': 10 }, onDemandBaseUnits: 0 }, 100, book(QUOTES), 0.25, ZONES)).toBeUndefined();
  });
});
