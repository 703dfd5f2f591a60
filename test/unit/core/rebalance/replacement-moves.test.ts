/** Rolling replacements keep the tier's on-demand base: on-demand for on-demand, or no move at all. */
import { describe, expect, it } from 'vitest';
import { unitsOf, type FleetConfig } from '../../../../layers/core/fleet';
import type { InstanceView } from '../../../../layers/core/observed';
import { chooseMix } from '../../../../layers/core/rebalance/choose-mix';
import { decideRebalance, type RebalanceInput } from '../../../../layers/core/rebalance/decide-rebalance';
import { scorePool, scorePools, scoringContextOf } from '../../../../layers/core/rebalance/pool-scoring';
import { defaultRebalanceSettings } from '../../../../layers/core/rebalance/rebalance-settings';
import { replacementMoves, type Replacement } from '../../../../layers/core/rebalance/replacement-moves';
import { instancesIn, overridesOf, quote, rebalanceInput, seedFleet } from '../../../helpers/rebalance-factories';

const ZONES = ['us-east-1a', 'us-east-1b'];
const fleet = seedFleet({ tier: 'standard', name: 'bert-large-search', capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 100 }, minCapacityUnits: 200, maxCapacityUnits: 2000, onDemandBaseUnits: 100 });

/** The price jump: g5.xlarge Spot in us-east-1a tripled; the base's on-demand g5.xlarge there, and seven Spot ones. */
const priceJump = (instances: InstanceView[] = [...instancesIn(1, 0, 'g5.xlarge', 'us-east-1a', 'on-demand'), ...instancesIn(7, 10, 'g5.xlarge', 'us-east-1a')]): RebalanceInput =>
  rebalanceInput({
    fleet,
    settings: { ...defaultRebalanceSettings('standard'), maxReplacementsPerHour: 20 },
    availabilityZones: ZONES,
    spotQuotes: [quote('g5.xlarge', 'us-east-1a', 0.9), quote('g5.xlarge', 'us-east-1b', 0.33), quote('g6.xlarge', 'us-east-1a', 0.34), quote('g6.xlarge', 'us-east-1b', 0.31)],
    instances,
    demandUnits: 800,
    currentOverrides: overridesOf(fleet, ['g5.xlarge', 'g6.xlarge'], ZONES),
  });

/** On-demand units running after each move, in order. */
const onDemandAfterEach = (f: FleetConfig, instances: InstanceView[], moves: Replacement[]): number[] => {
  const market = new Map(instances.map((i) => [i.instanceId, i]));
  let onDemand = instances.filter((i) => i.market === 'on-demand').reduce((n, i) => n + unitsOf(f, i.instanceType), 0);
  return moves.map((m) => {
    const old = market.get(m.instanceId);
    if (old?.market === 'on-demand') onDemand -= unitsOf(f, old.instanceType);
    onDemand += m.launches.filter((l) => l.pool.market === 'on-demand').reduce((n, l) => n + l.count * unitsOf(f, l.pool.instanceType), 0);
    return onDemand;
  });
};

describe('replacementMoves and the on-demand base', () => {
  it('replaces an on-demand instance of the base with on-demand capacity, and keeps the base after every move', () => {
    // Prepare
    const input = priceJump();

    // Act
    const { plan } = decideRebalance(input);

    // Assess
    const fromBase = plan.replacements.find((r) => r.from.market === 'on-demand');
    expect(fromBase?.launches.map((l) => l.pool.market)).toEqual(['on-demand']);
    expect(plan.replacements.length).toBeGreaterThanOrEqual(7);
    for (const units of onDemandAfterEach(fleet, input.instances, plan.replacements)) expect(units).toBeGreaterThanOrEqual(100);
  });

  it('moves on-demand capacity above the base to Spot', () => {
    // Prepare
    const input = priceJump([...instancesIn(2, 0, 'g5.xlarge', 'us-east-1a', 'on-demand'), ...instancesIn(6, 10, 'g5.xlarge', 'us-east-1a')]);

    // Act
    const { plan } = decideRebalance(input);

    // Assess
    const onDemandMoves = plan.replacements.filter((r) => r.from.market === 'on-demand');
    expect(onDemandMoves).toHaveLength(2);
    expect(onDemandMoves.flatMap((r) => r.launches.map((l) => l.pool.market)).sort()).toEqual(['on-demand', 'spot']);
    expect(Math.min(...onDemandAfterEach(fleet, input.instances, plan.replacements))).toBe(100);
  });

  it('does not move an on-demand instance of the base when the mix has no on-demand pool to take it', () => {
    // Prepare: no eligible on-demand pool, so the mix relaxes the base; the running one stays.
    const input = priceJump();
    const ctx = scoringContextOf(input);
    const spotOnly = scorePools(ctx).filter((p) => p.pool.market === 'spot');
    const mix = chooseMix({ fleet, settings: input.settings, pools: spotOnly, mode: 'spot', demandUnits: 800 });

    // Act
    const moves = replacementMoves({ fleet, mix, instances: input.instances, scoreOf: (pool) => scorePool(ctx, pool) });

    // Assess
    expect(mix.relaxed).toContain('on-demand-base');
    expect(moves.map((m) => m.from.market)).toEqual(Array.from({ length: 7 }, () => 'spot'));
  });
});
