// The rebalancer function on twins: the seed's on-demand p3.2xlarge fleet, an interrupted pool, the on-demand fallback, incidents.
import { describe, expect, it } from 'vitest';
import { unitsOf } from '../../layers/core/fleet';
import { makeIncident } from '../helpers/incident-fixtures';
import { NOW, seedFleet } from '../helpers/rebalance-factories';
import { DEMAND_UNITS, HOUR_MS, MINUTE_MS, rebalancerWorld } from './rebalancer-world';

const SPOT_TYPES = ['g5.xlarge', 'g6.xlarge', 'g4dn.xlarge'];
const seed = seedFleet();
/** The seed's fleet limited to three Spot-friendly types. */
const spotFleet = { capacityUnitsByType: Object.fromEntries(SPOT_TYPES.map((t) => [t, unitsOf(seed, t)])) };
/** Three g5.xlarge in us-east-1a, three g6.xlarge in 1b and 1c: 1,095 units on Spot. */
const spotInstances = (fleetId: string) =>
  [['g5.xlarge', 'us-east-1a'], ['g5.xlarge', 'us-east-1a'], ['g5.xlarge', 'us-east-1a'], ['g6.xlarge', 'us-east-1b'], ['g6.xlarge', 'us-east-1b'], ['g6.xlarge', 'us-east-1c']].map(
    ([instanceType, availabilityZone], i) => ({ instanceId: `i-0${String(i).padStart(16, '0')}`, instanceType: instanceType ?? '', availabilityZone: availabilityZone ?? '', market: 'spot' as const, fleetId, launchTimeMs: NOW - 24 * HOUR_MS }),
  );
const spotWorld = (settings: Record<string, number> = {}) =>
  rebalancerWorld({
    fleet: spotFleet,
    instances: spotInstances(seed.fleetId),
    overrideTypes: SPOT_TYPES,
    defaultTargetCapacityType: 'spot',
    onDemandTargetUnits: 0,
    agentAckMs: 60_000,
    run: { settings },
  });

describe('rebalancer handler', () => {
  it("moves the seed's on-demand p3.2xlarge fleet to cheaper pools, one replacement an hour, never below its target", async () => {
    // Prepare
    const world = rebalancerWorld({ agentAckMs: 60_000 });

    // Act
    const { minutes } = await world.runUntil(NOW + 9 * HOUR_MS);

    // Assess: new overrides steer launches to the mix, with WeightedCapacity = units and priorities from 0
    const [first] = world.modifyCalls();
    expect(first?.overrides?.[0]).toMatchObject({ instanceType: 'g6e.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: unitsOf(world.fleetConfig, 'g6e.xlarge'), priority: 0 });
    expect(first?.totalTargetCapacity).toBe(DEMAND_UNITS);
    // ... every minute serves the demand, at most one instance drains at a time, and at most one replacement starts an hour
    expect(minutes.filter((m) => m.servingUnits < DEMAND_UNITS)).toEqual([]);
    expect(Math.max(...minutes.map((m) => m.drainTagged.length))).toBe(1);
    const starts = (await world.ledger.getRebalanceState(world.fleetConfig.fleetId))?.replacementStartsMs ?? [];
    expect(starts.length).toBeGreaterThanOrEqual(4);
    starts.slice(1).forEach((atMs, i) => expect(atMs - (starts[i] ?? 0)).toBeGreaterThanOrEqual(HOUR_MS));
    // ... the p3.2xlarge are all gone, and on-call read why and for how much
    expect(world.live().filter((i) => i.instanceType === 'p3.2xlarge')).toEqual([]);
    expect(world.messages()[0]).toMatch(/^Rebalancing bert-large-qa: replacing capacity\. p3\.2xlarge us-east-1a \(on-demand\).*moving 100% to g6e\.xlarge us-east-1a and 2 more pools, saving \$11\.73\/h/s);
    expect(world.messages().filter((m) => m.startsWith('Replaced ')).length).toBe(starts.length);
  });

  it('records every step of a replacement in the ledger with its $/h before and after', async () => {
    // Prepare
    const world = rebalancerWorld({ agentAckMs: 60_000 });

    // Act
    await world.runUntil(NOW + 30 * MINUTE_MS);

    // Assess
    const steps = world.ledger.actions().filter((a) => a.status === 'applied').map((a) => [a.type, a.before.usdPerHour, a.after.usdPerHour]);
    // (the termination and the release share their time: the ledger lists those two by key)
    expect(steps.map(([type]) => type)).toEqual(['rebalance-plan', 'set-fleet-overrides', 'rebalance-surge', 'tag-drain', 'rebalance-release', 'terminate-instance']);
    expect(steps.find(([type]) => type === 'rebalance-plan')?.slice(1)).toEqual([expect.closeTo(15.3, 2), expect.closeTo(1.36, 2)]);
    expect(steps.find(([type]) => type === 'terminate-instance')?.slice(1)).toEqual([expect.closeTo(3.84, 2), expect.closeTo(0.78, 2)]);
  });

  it('leaves a Spot pool with repeated interruptions, which alone would not be worth the move', async () => {
    // Prepare: a move worth less than the $0.40/h threshold while calm
    const world = spotWorld({ savingThresholdUsdPerHour: 0.4 });
    const calm = await world.handle(world.scheduledEvent());
    for (const hoursAgo of [5, 11, 17]) await world.ledger.recordInterruption('g5.xlarge:us-east-1a:spot', `i-0f${hoursAgo}`, NOW - hoursAgo * HOUR_MS);
    world.clock.advance(HOUR_MS);

    // Act
    const interrupted = await world.handle(world.scheduledEvent());

    // Assess
    expect(calm.outcomes[0]).toMatchObject({ status: 'held', reason: expect.stringMatching(/below the \$0\.40\/h threshold/) });
    expect(interrupted.outcomes[0]).toMatchObject({ status: 'applied', phase: 'launching' });
    const state = await world.ledger.getRebalanceState(world.fleetConfig.fleetId);
    expect(state?.move?.from).toEqual({ instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot' });
    expect(world.messages()[0]).toMatch(/g5\.xlarge us-east-1a and 2 more pools: 3 interruptions in 24 h; moving 100% to /);
  });

  it('falls back to on-demand on a burst of Spot interruptions, and returns to Spot after a calm period', async () => {
    // Prepare: three interruptions in the last half hour (the critical tier falls back above two an hour)
    const world = spotWorld();
    for (const minutesAgo of [10, 20, 30]) await world.ledger.recordInterruption('g6.xlarge:us-east-1b:spot', `i-0e${minutesAgo}`, NOW - minutesAgo * MINUTE_MS);

    // Act
    await world.runUntil(NOW + 15 * MINUTE_MS);
    const fallback = await world.ledger.getRebalanceState(world.fleetConfig.fleetId);
    const surge = world.modifyCalls().find((r) => r.onDemandTargetCapacity !== undefined);
    await world.runUntil(NOW + 8 * HOUR_MS);

    // Assess
    expect(fallback?.marketMode).toMatchObject({ mode: 'on-demand-fallback', reason: '3 Spot interruptions in 1 h (more than 2): falling back to on-demand' });
    expect(surge?.onDemandTargetCapacity).toBeGreaterThan(0);
    expect(world.messages()[0]).toMatch(/^Rebalancing bert-large-qa: falling back to on-demand\./);
    expect((await world.ledger.getRebalanceState(world.fleetConfig.fleetId))?.marketMode?.mode).toBe('spot');
    expect(world.messages().some((m) => /^Rebalancing bert-large-qa: back to Spot\..*no Spot interruption for 6 h: back to Spot/s.test(m))).toBe(true);
  });

  it('does nothing while an incident is open on the fleet, and plans at the first run after it closes', async () => {
    // Prepare
    const world = rebalancerWorld({ agentAckMs: 60_000 });
    const incident = makeIncident({ fleetId: world.fleetConfig.fleetId, fleetName: world.fleetConfig.name, openedAtMs: NOW - MINUTE_MS, updatedAtMs: NOW - MINUTE_MS, version: 1 });
    await world.ledger.saveIncident(incident);

    // Act
    const during = await world.handle(world.scheduledEvent());
    world.clock.advance(15 * MINUTE_MS);
    await world.ledger.saveIncident({ ...incident, phase: 'closed', updatedAtMs: world.clock.nowMs(), version: 2 });
    const after = await world.handle(world.scheduledEvent());

    // Assess
    expect(during.outcomes[0]).toMatchObject({ status: 'held', reason: expect.stringMatching(/an incident is open/) });
    expect(world.fleet.calls.filter((c) => c.method !== 'describeFleet' && c.method !== 'listFleetInstances' && c.method !== 'describeInstances').map((c) => c.method)).toEqual(['modifyFleet', 'modifyFleet']);
    expect(after.outcomes[0]).toMatchObject({ status: 'applied', phase: 'launching' });
    expect(world.messages()).toHaveLength(1);
  });
});
