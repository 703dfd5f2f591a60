// The rebalancer's steps on a retry or a held change: a surge is sent once, a release never half done, a plan recorded as it went.
import { describe, expect, it } from 'vitest';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { NOW } from '../helpers/rebalance-factories';
import { crashOnce, DEMAND_UNITS, HOUR_MS, MINUTE_MS, rebalancerWorld } from './rebalancer-world';

const SURGE_UNITS = 776;

describe('rebalancer steps on retries and held changes', () => {
  it('does not surge again on a retry when a scaler moved the target after the surge landed', async () => {
    // Prepare: the run dies after its surge's ModifyFleet; then the forecast scaler raises the target by 100 units
    const world = rebalancerWorld({ agentAckMs: 60_000 });
    crashOnce(world, (state) => state.move?.phase === 'launching');
    const event = world.scheduledEvent();
    await expect(world.handle(event)).rejects.toThrow(/timed out/);
    world.clock.advance(MINUTE_MS);
    const surged = world.fleet.peekTarget(world.fleetConfig.fleetId);
    await world.fleet.modifyFleet({ fleetId: world.fleetConfig.fleetId, totalTargetCapacity: surged.total + 100, onDemandTargetCapacity: surged.onDemand + 100 });
    world.clock.advance(MINUTE_MS);

    // Act: Lambda delivers the same event again
    const retried = await world.handle(event);

    // Assess: the move goes on, and the target keeps one surge
    expect(retried.outcomes[0]).toMatchObject({ phase: 'launching' });
    expect(surged.total).toBe(DEMAND_UNITS + SURGE_UNITS);
    expect(world.fleet.peekTarget(world.fleetConfig.fleetId).total).toBe(DEMAND_UNITS + SURGE_UNITS + 100);
  });

  it('does not terminate the old instance while the guard holds the release of its units', async () => {
    // Prepare: a replacement up to its drain, and the release's cooldown set meanwhile
    const world = rebalancerWorld({ agentAckMs: 60_000 });
    const fleetId = world.fleetConfig.fleetId;
    await world.ledger.setCooldownUntil(`${fleetId}:modify-fleet-capacity:rebalance-release`, NOW + 2 * HOUR_MS);

    // Act
    await world.runUntil(NOW + 45 * MINUTE_MS);

    // Assess: the drained instance still runs, the move waits in `releasing`, and nothing was recorded as terminated
    const state = await world.ledger.getRebalanceState(fleetId);
    expect(state?.move?.phase).toBe('releasing');
    expect(world.fleet.calls.filter((c) => c.method === 'terminateInstance')).toEqual([]);
    expect(world.live().map((i) => i.instanceId)).toContain(state?.move?.instanceId);
    expect(world.ledger.actions().filter((a) => a.type === 'terminate-instance')).toEqual([]);
  });

  it('records a plan whose new overrides EC2 refused as failed, never as applied', async () => {
    // Prepare
    const world = rebalancerWorld({ agentAckMs: 60_000 });
    world.fleet.failNext('modifyFleet', new FleetApiError('The fleet is not in a valid state for modification.', 'IncorrectFleetState', true));

    // Act
    const failure = await world.handle(world.scheduledEvent()).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(Error);
    const plans = world.ledger.actions().filter((a) => a.type === 'rebalance-plan');
    expect(plans.map((a) => a.status).sort()).toEqual(['failed', 'pending']);
    expect(world.ledger.actions().filter((a) => a.type === 'set-fleet-overrides')).toEqual([]);
  });
});
