/** Properties of the rebalancer over any fleet, market and fleet state: demand, bounds, diversity, base, caps, determinism, churn. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market, Tier } from '../../../../layers/core/fleet';
import type { InstanceView } from '../../../../layers/core/observed';
import { decideRebalance, type RebalanceDecision, type RebalanceInput } from '../../../../layers/core/rebalance/decide-rebalance';
import { rebalanceSettingsFor } from '../../../../layers/core/rebalance/rebalance-settings';
import { fleetInstance, NOW, overridesOf, quote, rebalanceInput, seedFleet, ZONES } from '../../../helpers/rebalance-factories';

const TYPES = ['g4dn.xlarge', 'g5.xlarge', 'g6.xlarge', 'g6e.xlarge', 'p3.2xlarge', 'g5.2xlarge'];
const EPSILON = 1e-6;

const anyInput: fc.Arbitrary<RebalanceInput> = fc
  .record({
    tier: fc.constantFrom<Tier>('critical', 'standard', 'batch'),
    units: fc.uniqueArray(fc.record({ type: fc.constantFrom(...TYPES), units: fc.integer({ min: 50, max: 2_000 }) }), { minLength: 1, maxLength: 5, selector: (u) => u.type }),
    zones: fc.subarray(ZONES, { minLength: 1 }),
    min: fc.integer({ min: 0, max: 500 }),
    span: fc.integer({ min: 0, max: 8_000 }),
    base: fc.integer({ min: 0, max: 2_000 }),
    demand: fc.integer({ min: 0, max: 7_000 }),
    minPools: fc.integer({ min: 1, max: 4 }),
    maxPoolShare: fc.double({ min: 0.2, max: 1, noNaN: true }),
    prices: fc.array(fc.option(fc.double({ min: 0.05, max: 5, noNaN: true }), { nil: undefined }), { minLength: 18, maxLength: 18 }),
    interrupted: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 18, maxLength: 18 }),
    atRisk: fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
    scores: fc.option(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 3, maxLength: 3 }), { nil: undefined }),
    instances: fc.array(
      fc.record({ type: fc.constantFrom(...TYPES, 'p4d.24xlarge'), zone: fc.constantFrom(...ZONES), market: fc.constantFrom<Market>('spot', 'on-demand'), live: fc.constantFrom(true, true, true, false) }),
      { maxLength: 12 },
    ),
    burst: fc.integer({ min: 0, max: 8 }),
    replacementsInLastHour: fc.integer({ min: 0, max: 4 }),
    openIncident: fc.constantFrom(false, false, false, true),
    memory: fc.constantFrom(0, 2, 20),
  })
  .map((g): RebalanceInput => {
    const fleet = seedFleet({
      tier: g.tier,
      capacityUnitsByType: Object.fromEntries(g.units.map((u) => [u.type, u.units])),
      minCapacityUnits: g.min,
      maxCapacityUnits: g.min + g.span,
      onDemandBaseUnits: g.base,
    });
    const pools = TYPES.flatMap((t) => ZONES.map((z) => [t, z] as const));
    const spotKey = (t: string, z: string): string => `${t}:${z}:spot`;
    return rebalanceInput({
      fleet,
      settings: rebalanceSettingsFor(g.tier, { minPools: g.minPools, maxPoolShare: g.maxPoolShare }),
      availabilityZones: g.zones,
      requiredGpuMemoryGiB: g.memory,
      spotQuotes: pools.flatMap(([t, z], i) => (g.prices[i] === undefined ? [] : [quote(t, z, g.prices[i] as number)])),
      interruptions24hByPool: Object.fromEntries(pools.map(([t, z], i) => [spotKey(t, z), g.interrupted[i] ?? 0])),
      atRiskPools: pools.filter((_, i) => g.atRisk[i]).map(([t, z]) => ({ poolKey: spotKey(t, z), untilMs: NOW + 600_000, reason: 'InsufficientInstanceCapacity' })),
      placementScores: g.scores === undefined ? [] : ZONES.map((z, i) => ({ region: 'us-east-1', availabilityZoneId: `use1-az${i + 1}`, availabilityZone: z, score: g.scores?.[i] ?? 5 })),
      instances: g.instances.map((x, i): InstanceView => ({ ...fleetInstance(i, x.type, x.zone, x.market), state: x.live ? 'running' : 'terminated' })),
      demandUnits: g.demand,
      currentOverrides: overridesOf(fleet, g.units.map((u) => u.type), g.zones),
      spotInterruptionsInFallbackWindow: g.burst,
      spotInterruptionsInCalmPeriod: g.burst,
      replacementsInLastHour: g.replacementsInLastHour,
      openIncident: g.openIncident,
    });
  });

/** The pools the mix may use in the decision's market mode. */
const allowedPools = (d: RebalanceDecision) => d.pools.filter((p) => p.eligible && (d.marketMode.mode === 'spot' || p.pool.market === 'on-demand'));
const maxWeight = (d: RebalanceDecision): number => Math.max(0, ...allowedPools(d).map((p) => p.unitsPerInstance));
const check = (property: (input: RebalanceInput, d: RebalanceDecision) => void): void =>
  fc.assert(fc.property(anyInput, (input) => property(input, decideRebalance(input))), { numRuns: 300 });

describe('decideRebalance properties', () => {
  it('never covers less than the demand (clamped to the fleet bounds) when any pool may take capacity', () => {
    check((input, d) => {
      expect(d.mix.targetUnits).toBeGreaterThanOrEqual(input.fleet.minCapacityUnits);
      expect(d.mix.targetUnits).toBeLessThanOrEqual(input.fleet.maxCapacityUnits);
      if (allowedPools(d).length > 0) expect(d.mix.units).toBeGreaterThanOrEqual(d.mix.targetUnits);
    });
  });

  it('never goes above the fleet maximum when one more instance of any pool still fits under it', () => {
    check((input, d) => {
      if (input.fleet.maxCapacityUnits >= d.mix.targetUnits + maxWeight(d)) expect(d.mix.units).toBeLessThanOrEqual(input.fleet.maxCapacityUnits);
    });
  });

  it('keeps at least minPools pools when that many may take capacity and the maximum leaves room', () => {
    check((input, d) => {
      const room = input.fleet.maxCapacityUnits >= d.mix.targetUnits + input.settings.minPools * maxWeight(d);
      if (d.mix.targetUnits > 0 && room) expect(d.mix.entries.length).toBeGreaterThanOrEqual(Math.min(input.settings.minPools, allowedPools(d).length));
    });
  });

  it('keeps the on-demand base on on-demand, and everything there in fallback', () => {
    check((input, d) => {
      const onDemandPools = allowedPools(d).some((p) => p.pool.market === 'on-demand');
      if (onDemandPools) expect(d.mix.onDemandUnits).toBeGreaterThanOrEqual(Math.min(input.fleet.onDemandBaseUnits, d.mix.targetUnits));
      if (d.marketMode.mode === 'on-demand-fallback') expect(d.mix.entries.every((e) => e.pool.market === 'on-demand')).toBe(true);
    });
  });

  it('caps every pool at its share of the demand (or one instance) unless the mix says it lifted the cap', () => {
    check((input, d) => {
      if (d.mix.relaxed.includes('share-cap')) return;
      for (const e of d.mix.entries) {
        const perInstance = e.units / e.instances;
        expect(e.units).toBeLessThanOrEqual(Math.max(input.settings.maxPoolShare * d.mix.targetUnits, perInstance) + EPSILON);
      }
    });
  });

  it('uses only eligible pools, and never one in the unavailable-offerings memory', () => {
    check((input, d) => {
      const atRisk = new Set(input.atRiskPools.map((p) => p.poolKey));
      for (const e of d.mix.entries) expect(atRisk.has(e.key)).toBe(false);
      for (const o of d.plan.overrides) expect(o.weightedCapacity).toBe(input.fleet.capacityUnitsByType[o.instanceType]);
    });
  });

  it('is deterministic and does not depend on the order of its lists', () => {
    check((input, d) => {
      const reordered: RebalanceInput = {
        ...input,
        spotQuotes: [...input.spotQuotes].reverse(),
        instances: [...input.instances].reverse(),
        atRiskPools: [...input.atRiskPools].reverse(),
        placementScores: [...input.placementScores].reverse(),
        availabilityZones: [...input.availabilityZones].reverse(),
        currentOverrides: [...input.currentOverrides].reverse(),
      };
      expect(decideRebalance(reordered)).toEqual(d);
      expect(decideRebalance(input)).toEqual(d);
    });
  });

  it('never plans a replacement that leaves less on-demand capacity running than the base the fleet has', () => {
    check((input, d) => {
      const units = (type: string): number => input.fleet.capacityUnitsByType[type] ?? 0;
      const live = input.instances.filter((i) => i.state === 'running');
      let onDemand = live.filter((i) => i.market === 'on-demand').reduce((n, i) => n + units(i.instanceType), 0);
      const floor = Math.min(onDemand, input.fleet.onDemandBaseUnits, d.mix.targetUnits);
      for (const r of d.plan.replacements) {
        if (r.from.market === 'on-demand') onDemand -= units(r.from.instanceType);
        onDemand += r.launches.filter((l) => l.pool.market === 'on-demand').reduce((n, l) => n + l.count * units(l.pool.instanceType), 0);
        expect(onDemand).toBeGreaterThanOrEqual(floor - EPSILON);
      }
    });
  });

  it('replaces within the hourly budget, never during an incident, never below the target, and only for a saving or in fallback', () => {
    check((input, d) => {
      const { plan } = d;
      expect(plan.replacements.length).toBeLessThanOrEqual(Math.max(0, input.settings.maxReplacementsPerHour - input.replacementsInLastHour));
      if (input.openIncident) expect([plan.replacements, plan.overridesChanged]).toEqual([[], false]);
      if (plan.replacements.length > 0 && d.marketMode.mode === 'spot') expect(plan.effectiveSavingUsdPerHour).toBeGreaterThanOrEqual(input.settings.savingThresholdUsdPerHour);
      const mixKeys = new Set(d.mix.entries.map((e) => e.key));
      const live = new Set(input.instances.filter((i) => i.state === 'running').map((i) => i.instanceId));
      for (const r of plan.replacements) {
        expect(r.unitsAfter).toBeGreaterThanOrEqual(d.mix.targetUnits);
        expect(live.has(r.instanceId)).toBe(true);
        for (const l of r.launches) expect(mixKeys.has(`${l.pool.instanceType}:${l.pool.availabilityZone}:${l.pool.market}`)).toBe(true);
      }
    });
  });
});
