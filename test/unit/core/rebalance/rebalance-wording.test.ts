/** The plan's reason line and its Slack message name the pools the replacement launches, not another pool of the mix. */
import { describe, expect, it } from 'vitest';
import { decideRebalance } from '../../../../layers/core/rebalance/decide-rebalance';
import { defaultRebalanceSettings } from '../../../../layers/core/rebalance/rebalance-settings';
import { poolLabel } from '../../../../layers/core/rebalance/rebalance-wording';
import { renderRebalanceNotice } from '../../../../layers/core/rebalancer/rebalance-notice';
import { instancesIn, overridesOf, quote, rebalanceInput, seedFleet } from '../../../helpers/rebalance-factories';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const fleet = seedFleet({ tier: 'standard', name: 'bert-large-search', capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 100 }, minCapacityUnits: 200, maxCapacityUnits: 2000 });

/** The simulator's price jump: eight Spot g5.xlarge in us-east-1a at three times their price; g6.xlarge us-east-1b now cheapest. */
const priceJump = () =>
  decideRebalance(
    rebalanceInput({
      fleet,
      settings: defaultRebalanceSettings('standard'),
      availabilityZones: ZONES,
      spotQuotes: [
        quote('g5.xlarge', 'us-east-1a', 0.9),
        quote('g5.xlarge', 'us-east-1b', 0.33),
        quote('g5.xlarge', 'us-east-1c', 0.36),
        quote('g6.xlarge', 'us-east-1a', 0.34),
        quote('g6.xlarge', 'us-east-1b', 0.31),
        quote('g6.xlarge', 'us-east-1c', 0.35),
      ],
      instances: instancesIn(8, 0, 'g5.xlarge', 'us-east-1a'),
      demandUnits: 800,
      currentOverrides: overridesOf(fleet, ['g5.xlarge', 'g6.xlarge'], ZONES),
    }),
  );

describe('the reason line of a plan', () => {
  it('names the pool the first replacement launches, and how many other pools the moves go to', () => {
    // Act
    const { plan, mix } = priceJump();

    // Assess: the mix holds as many units in g5.xlarge us-east-1b as in g6.xlarge us-east-1b, where the replacement launches
    const first = plan.replacements[0];
    const launched = first?.launches[0]?.pool;
    expect(launched).toEqual({ instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', market: 'spot' });
    expect(mix.entries.find((e) => e.key === 'g5.xlarge:us-east-1b:spot')?.units).toBe(mix.entries[0]?.units);
    expect(plan.reason).toMatch(/^g5\.xlarge us-east-1a: \$\d+\.\d\d per 1k QPS-hour against \$\d+\.\d\d per 1k QPS-hour; moving 100% to g6\.xlarge us-east-1b and \d more pools?, saving \$\d+\.\d\d\/h$/);
  });

  it('gives the Slack message the same target pool as the replacement it starts', () => {
    // Prepare
    const { plan } = priceJump();
    const first = plan.replacements[0];
    if (!first) throw new Error('the price jump plans a replacement');
    const move = { instanceId: first.instanceId, from: first.from, launches: first.launches, usdPerHourBefore: 0.9, usdPerHourAfter: 0.31, surgeUnits: 100 };

    // Act
    const message = renderRebalanceNotice({ kind: 'plan', fleetName: fleet.name, verdict: 'execute', reason: plan.reason, move, usdPerHourBefore: plan.usdPerHourBefore, usdPerHourAfter: plan.usdPerHourAfter, movesLeft: plan.movesLeft }, '#gpu-oncall');

    // Assess
    const label = poolLabel(first.launches[0]?.pool ?? first.from);
    expect(message.text).toContain(`moving 100% to ${label} and`);
    expect(message.text).toContain(`First: ${first.instanceId} (g5.xlarge us-east-1a) replaced by 1 x ${label}, surge of 100 units`);
  });
});
