// An interruption incident asks the rebalancer to plan the fleet at its next run, without risking the spot handling.
import { describe, expect, it } from 'vitest';
import { emptyRebalanceState, planDue } from '../../layers/core/rebalancer/rebalance-state';
import { spotWarning } from '../fixtures/events/factories';
import { FLEET_ID, iso, mutations, spotWorld, T0_MS, VICTIM } from './spot-world';

const HOUR_MS = 3_600_000;
const warning = () => spotWarning({ instanceId: VICTIM, time: iso(T0_MS), id: '1e5527d7-bb36-4607-3370-4164db56a40e' });

describe('spot-interruption handler: the rebalance request', () => {
  it('records an interruption request when it opens the incident, which makes the fleet due at the next run', async () => {
    // Prepare: the rebalancer planned the fleet ten minutes ago, so its hourly plan is not due
    const world = spotWorld();
    const planned = { ...emptyRebalanceState(FLEET_ID), lastPlannedAtMs: T0_MS - 10 * 60_000 };

    // Act
    await world.handle(warning());
    world.clock.advance(60_000);
    await world.handle(spotWarning({ instanceId: VICTIM, time: iso(T0_MS), id: '2f6638e8-cc47-4718-4481-5275ec67b51f' }));

    // Assess: one request (the second warning changed no incident), and the plan is due for it
    const requests = await world.ledger.listRebalanceRequests(FLEET_ID);
    expect(requests).toMatchObject([{ fleetId: FLEET_ID, reason: 'interruption', requestedAtMs: T0_MS, detail: expect.stringContaining(VICTIM) }]);
    const due = planDue(planned, requests, T0_MS + 15 * 60_000, HOUR_MS, HOUR_MS / 8);
    expect(due).toEqual({ due: true, why: expect.stringMatching(/^interruption requested: /) });
  });

  it('handles the interruption and logs the failure when the request cannot be recorded', async () => {
    // Prepare
    const world = spotWorld();
    world.ledger.failNext('requestRebalance', new Error('ThrottlingException: Rate of requests exceeds the allowed throughput.'));

    // Act
    const result = (await world.handle(warning())) as { outcomes: { result: string }[] };

    // Assess
    expect(result.outcomes.map((o) => o.result)).toEqual(['handled']);
    expect(mutations(world)).toEqual(['modifyFleet', 'createTags']);
    expect(await world.ledger.listRebalanceRequests(FLEET_ID)).toEqual([]);
    expect(world.logger.lines.filter((l) => l.level === 'error').map((l) => l.message)).toContain('requesting a rebalance for the interruption failed');
  });
});
