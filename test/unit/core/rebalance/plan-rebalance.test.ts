/** The plan by example: overrides, rolling replacements within the hourly budget, the saving gate, incidents, the reason line. */
import { describe, expect, it } from 'vitest';
import type { FleetConfig } from '../../../../layers/core/fleet';
import { decideRebalance, type RebalanceInput } from '../../../../layers/core/rebalance/decide-rebalance';
import { defaultRebalanceSettings } from '../../../../layers/core/rebalance/rebalance-settings';
import { instancesIn, overridesOf, quote, rebalanceInput, seedFleet, SUBNETS } from '../../../helpers/rebalance-factories';

const searchFleet = (overrides: Partial<FleetConfig> = {}): FleetConfig =>
  seedFleet({ tier: 'standard', name: 'bert-large-search', capacityUnitsByType: { 'g5.xlarge': 300, 'g6.xlarge': 350 }, minCapacityUnits: 300, maxCapacityUnits: 6000, ...overrides });
const TWO_ZONES = ['us-east-1a', 'us-east-1b'];

/** A standard fleet on g5 in us-east-1a, which was interrupted three times today, and g6 in us-east-1b. */
const interruptedG5 = (overrides: Partial<RebalanceInput> = {}): RebalanceInput => {
  const fleet = searchFleet();
  return rebalanceInput({
    fleet,
    settings: defaultRebalanceSettings('standard'),
    availabilityZones: TWO_ZONES,
    spotQuotes: [quote('g5.xlarge', 'us-east-1a', 0.41), quote('g5.xlarge', 'us-east-1b', 0.43), quote('g6.xlarge', 'us-east-1a', 0.42), quote('g6.xlarge', 'us-east-1b', 0.4)],
    instances: [...instancesIn(5, 0, 'g5.xlarge', 'us-east-1a'), ...instancesIn(3, 10, 'g6.xlarge', 'us-east-1b'), ...instancesIn(3, 20, 'g5.xlarge', 'us-east-1b')],
    interruptions24hByPool: { 'g5.xlarge:us-east-1a:spot': 3 },
    demandUnits: 3000,
    currentOverrides: overridesOf(fleet, ['g5.xlarge', 'g6.xlarge'], TWO_ZONES),
    ...overrides,
  });
};

describe('planRebalance', () => {
  it('explains a move away from an interrupted pool in one line, with the saving', () => {
    // Act
    const { plan } = decideRebalance(interruptedG5());

    // Assess
    expect(plan.reason).toMatch(/^g5\.xlarge us-east-1a and 1 more pool: 3 interruptions in 24 h; moving \d+% to g6\.xlarge us-east-1[ab](?: and \d more pools?)?, saving \$\d+\.\d\d\/h$/);
    expect(plan.replacements.map((r) => r.from.availabilityZone)).toEqual(['us-east-1a', 'us-east-1a']);
    expect(plan.replacements.every((r) => r.launches.every((l) => l.pool.instanceType === 'g6.xlarge'))).toBe(true);
    expect(plan.hold).toBeUndefined();
  });

  it("replaces the seed's p3.2xlarge one at a time within the hourly budget, launching before each drain", () => {
    // Act
    const { plan } = decideRebalance(rebalanceInput());

    // Assess
    expect(plan.replacements).toHaveLength(1);
    expect(plan.movesLeft).toBe(4);
    expect(plan.replacements[0]).toMatchObject({
      from: { instanceType: 'p3.2xlarge', market: 'on-demand' },
      launches: [{ pool: { instanceType: 'g6e.xlarge', availabilityZone: 'us-east-1a', market: 'spot' }, count: 1 }],
      unitsAfter: 5 * 246 - 246 + 776,
      idempotencyKey: `${seedFleet().fleetId}:rebalance:${plan.replacements[0]?.instanceId}`,
    });
    expect(plan.usdPerHourBefore).toBeCloseTo(5 * 3.06, 9);
    expect(plan.usdPerHourAfter).toBeLessThan(1.5);
    expect(plan.reason).toBe('p3.2xlarge us-east-1a (on-demand) and 2 more pools: $12.44 per 1k QPS-hour against $1.01 per 1k QPS-hour; moving 100% to g6e.xlarge us-east-1a and 2 more pools, saving $11.73/h');
    expect(plan.savingUsdPerHour).toBeGreaterThan(10);
  });

  it('writes overrides for the mix first, with the weights, priorities from 0 and the zone subnets', () => {
    // Act
    const { plan, mix } = decideRebalance(rebalanceInput());

    // Assess
    expect(plan.overridesChanged).toBe(true);
    expect(plan.overrides.slice(0, 2)).toEqual([
      { instanceType: 'g6e.xlarge', availabilityZone: 'us-east-1a', subnetId: SUBNETS['us-east-1a'], weightedCapacity: 776, priority: 0 },
      { instanceType: 'g4dn.xlarge', availabilityZone: 'us-east-1a', subnetId: SUBNETS['us-east-1a'], weightedCapacity: 92, priority: 1 },
    ]);
    expect(plan.overrides.map((o) => o.priority)).toEqual(plan.overrides.map((_, i) => i));
    expect(plan.overrides).toHaveLength(5 * 3);
    expect([plan.targetUnits, plan.onDemandTargetUnits]).toEqual([mix.targetUnits, 0]);
  });

  it('changes nothing while an incident is open', () => {
    // Prepare
    const input = rebalanceInput({ openIncident: true });

    // Act
    const { plan } = decideRebalance(input);

    // Assess
    expect(plan).toMatchObject({ hold: 'open-incident', replacements: [], overridesChanged: false, reason: 'held: an incident is open on fleet bert-large-qa' });
    expect(plan.overrides).toEqual(expect.arrayContaining(input.currentOverrides));
    expect(plan.overrides).toHaveLength(input.currentOverrides.length);
  });

  it('holds once the hourly budget is spent, and uses what is left of it', () => {
    // Act
    const spent = decideRebalance(rebalanceInput({ replacementsInLastHour: 1 })).plan;
    const halfSpent = decideRebalance(interruptedG5({ replacementsInLastHour: 1 })).plan;

    // Assess
    expect(spent.hold).toBe('replacement-limit');
    expect(spent.reason).toMatch(/^held: 1 replacement\(s\) in the last hour \(limit 1\); next: p3\.2xlarge /);
    expect(spent.overridesChanged).toBe(true);
    expect(halfSpent.replacements).toHaveLength(1);
  });

  it('moves nothing for a saving below the threshold, but still steers new launches', () => {
    // Prepare
    const fleet = searchFleet({ capacityUnitsByType: { 'g6.xlarge': 350 } });
    const input = rebalanceInput({
      fleet,
      settings: defaultRebalanceSettings('standard'),
      availabilityZones: TWO_ZONES,
      spotQuotes: [quote('g6.xlarge', 'us-east-1a', 0.4), quote('g6.xlarge', 'us-east-1b', 0.41)],
      instances: [...instancesIn(1, 0, 'g6.xlarge', 'us-east-1a'), ...instancesIn(3, 10, 'g6.xlarge', 'us-east-1b')],
      demandUnits: 1400,
      currentOverrides: overridesOf(fleet, ['g6.xlarge'], TWO_ZONES),
    });

    // Act
    const { plan } = decideRebalance(input);

    // Assess
    expect(plan).toMatchObject({ hold: 'saving-below-threshold', replacements: [], movesLeft: 1, overridesChanged: true });
    expect(plan.reason).toMatch(/^held: saving \$0\.01\/h \(risk-weighted\) is below the \$0\.50\/h threshold; would be: g6\.xlarge us-east-1b: /);
  });

  it('has nothing to move once the fleet is on the mix', () => {
    // Prepare
    const first = decideRebalance(rebalanceInput());
    const onMix = first.mix.entries.flatMap((e, k) => instancesIn(e.instances, 100 * k, e.pool.instanceType, e.pool.availabilityZone, e.pool.market));

    // Act
    const { plan } = decideRebalance(rebalanceInput({ instances: onMix, currentOverrides: first.plan.overrides }));

    // Assess
    expect(plan).toMatchObject({ hold: 'on-mix', replacements: [], movesLeft: 0, overridesChanged: false });
  });

  it('falls back to on-demand on a burst of interruptions, and plans the move there', () => {
    // Act
    const { marketMode, mix, plan } = decideRebalance(interruptedG5({ spotInterruptionsInFallbackWindow: 4, spotInterruptionsInCalmPeriod: 4 }));

    // Assess
    expect(marketMode.mode).toBe('on-demand-fallback');
    expect(mix.entries.every((e) => e.pool.market === 'on-demand')).toBe(true);
    expect(plan.onDemandTargetUnits).toBe(plan.targetUnits);
    expect(plan.replacements).toHaveLength(2);
    expect(plan.reason).toMatch(/^g5\.xlarge us-east-1a and 2 more pools: 3 interruptions in 24 h; moving 100% to g\d\.xlarge us-east-1[ab] \(on-demand\)(?: and \d more pools?)?, costing \$\d+\.\d\d\/h more for safety$/);
  });

  it('holds when no pool can take the capacity, leaving the overrides as they are', () => {
    // Act
    const { plan } = decideRebalance(rebalanceInput({ requiredGpuMemoryGiB: 80 }));

    // Assess
    expect(plan).toMatchObject({ hold: 'no-capacity', replacements: [], overridesChanged: false, reason: "held: no eligible pool can hold fleet bert-large-qa's 1000 units" });
  });

  it('drains instances of a type the fleet no longer lists without a launch when the rest covers the target', () => {
    // Prepare
    const fleet = searchFleet();
    const input = interruptedG5({
      interruptions24hByPool: {},
      instances: [...instancesIn(4, 0, 'g6.xlarge', 'us-east-1a'), ...instancesIn(4, 10, 'g6.xlarge', 'us-east-1b'), ...instancesIn(1, 20, 'g5.xlarge', 'us-east-1a'), ...instancesIn(1, 30, 'g4dn.xlarge', 'us-east-1b')],
      demandUnits: 2800,
      currentOverrides: overridesOf(fleet, ['g5.xlarge', 'g6.xlarge'], TWO_ZONES),
    });

    // Act
    const { plan } = decideRebalance({ ...input, settings: { ...input.settings, savingThresholdUsdPerHour: 0.1 } });

    // Assess
    expect(plan.replacements[0]).toMatchObject({ from: { instanceType: 'g4dn.xlarge' }, launches: [] });
    expect(plan.reason).toMatch(/^g4dn\.xlarge us-east-1b and 1 more pool: fleet bert-large-search does not list g4dn\.xlarge; moving \d+% out/);
  });
});
