// The spot-interruption function end to end on twins, fed the real AWS event fixtures.
import { describe, expect, it } from 'vitest';
import { DRAIN_TAG, DRAIN_INCIDENT_TAG } from '../../layers/core/drain-protocol';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { healthScheduledChange, rebalanceRecommendation, spotWarning, stateChange, withoutField } from '../fixtures/events/factories';
import { FLEET_ID, FOREIGN, iso, mutations, NEIGHBOUR, spotWorld, T0_MS, VICTIM } from './spot-world';

const warningAt = (ms: number, instanceId = VICTIM, id = '1e5527d7-bb36-4607-3370-4164db56a40e') =>
  spotWarning({ instanceId, time: iso(ms), id });

describe('spot-interruption handler', () => {
  it('surges before it drains, tags the drain per the protocol, and posts one Slack message', async () => {
    // Prepare
    const world = spotWorld();
    // Act
    await world.handle(warningAt(T0_MS));
    // Assess
    expect(mutations(world)).toEqual(['modifyFleet', 'createTags']);
    expect((await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity).toBe(918);
    const [victim] = await world.fleet.describeInstances([VICTIM]);
    expect(victim?.tags[DRAIN_TAG]).toBe(iso(T0_MS + 120_000).replace('Z', '.000Z'));
    expect(victim?.tags[DRAIN_INCIDENT_TAG]).toMatch(/^spot-i-0b662ef9931388ba0-/);
    expect(world.notifier.channelMessages('#gpu-oncall')).toHaveLength(1);
    const [incident] = world.ledger.incidents();
    expect(incident?.phase).toBe('interruption-warned');
    expect(incident?.surge?.status).toBe('applied');
    expect(incident?.drain?.status).toBe('applied');
  });

  it('does one set of actions and one message when EventBridge delivers the same warning twice', async () => {
    const world = spotWorld();
    await world.handle(warningAt(T0_MS));
    world.clock.advance(3_000);
    const second = (await world.handle(warningAt(T0_MS))) as { outcomes: { result: string }[] };
    expect(second.outcomes.map((o) => o.result)).toEqual(['duplicate']);
    expect(mutations(world)).toEqual(['modifyFleet', 'createTags']);
    expect(world.notifier.channelMessages('#gpu-oncall')).toHaveLength(1);
  });

  it('makes the rebalance recommendation and the warning that arrive together one incident with one surge', async () => {
    const world = spotWorld();
    await Promise.all([
      world.handle(rebalanceRecommendation({ instanceId: VICTIM, time: iso(T0_MS) })),
      world.handle(warningAt(T0_MS)),
    ]);
    expect(world.ledger.incidents()).toHaveLength(1);
    expect(world.fleet.calls.filter((c) => c.method === 'modifyFleet')).toHaveLength(1);
    expect(world.notifier.channelMessages('#gpu-oncall')).toHaveLength(1);
  });

  it('counts two instances interrupted at once: the second surge waits for the fleet and the target rises by both', async () => {
    // Prepare
    const world = spotWorld();
    const second = warningAt(T0_MS, NEIGHBOUR, '2e5527d7-bb36-4607-3370-4164db56a40e');
    // Act: both at once; EC2 refuses a ModifyFleet while the fleet is still modifying, so one is retried
    const results = await Promise.allSettled([world.handle(warningAt(T0_MS)), world.handle(second)]);
    world.fleet.fulfil(world.clock.nowMs());
    const retried = results.findIndex((r) => r.status === 'rejected');
    if (retried >= 0) await world.handle(retried === 0 ? warningAt(T0_MS) : second);
    // Assess
    expect((await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity).toBe(612 + 306 + 306);
  });

  it('closes the incident on termination and takes the surge back so the fleet does not replace twice', async () => {
    const world = spotWorld();
    await world.handle(warningAt(T0_MS));
    world.clock.advance(120_000);
    world.fleet.fulfil(world.clock.nowMs());
    world.fleet.terminate(VICTIM);
    await world.handle(stateChange({ instanceId: VICTIM, state: 'terminated' }));
    expect((await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity).toBe(612);
    const [incident] = world.ledger.incidents();
    expect(incident?.phase).toBe('closed');
    expect(incident?.outcome).toMatchObject({ finalState: 'terminated', lostUnits: 306, drainedBeforeDeadline: true });
    expect(world.notifier.channelMessages('#gpu-oncall')).toHaveLength(1);
  });

  it('acknowledges an instance of no managed fleet without alert, error or ledger record', async () => {
    const world = spotWorld();
    const result = (await world.handle(warningAt(T0_MS, FOREIGN))) as { outcomes: { result: string }[] };
    expect(result.outcomes.map((o) => o.result)).toEqual(['ignored']);
    expect(mutations(world)).toEqual([]);
    expect(world.ledger.incidents()).toEqual([]);
    expect(world.notifier.channelMessages('#gpu-oncall')).toEqual([]);
  });

  it('rejects a malformed event naming the bad field, and changes nothing', async () => {
    const world = spotWorld();
    await expect(world.handle(withoutField(warningAt(T0_MS), ['detail', 'instance-id']))).rejects.toThrow(/detail\.instance-id/);
    expect(mutations(world)).toEqual([]);
    expect(world.ledger.incidents()).toEqual([]);
  });

  it('records a warning received after its deadline as missed and acts on nothing', async () => {
    const world = spotWorld();
    world.clock.advance(150_000);
    await world.handle(warningAt(T0_MS));
    expect(mutations(world)).toEqual([]);
    expect(world.ledger.incidents()[0]?.outcome?.finalState).toBe('missed-notice');
  });

  it('calls nothing that mutates when the kill switch is engaged, and says so', async () => {
    const world = spotWorld();
    world.settings.engage();
    await world.handle(warningAt(T0_MS));
    expect(mutations(world)).toEqual([]);
    expect(world.ledger.incidents()[0]?.surge?.status).toBe('blocked');
    expect(world.notifier.channelMessages('#gpu-oncall')[0]?.text).toMatch(/kill switch/i);
  });

  it('decides, records and posts "would have" in dry-run, without mutating', async () => {
    const world = spotWorld({ fleet: { dryRun: true } });
    await world.handle(warningAt(T0_MS));
    expect(mutations(world)).toEqual([]);
    expect(world.ledger.incidents()[0]?.surge?.status).toBe('dry-run');
    expect(world.ledger.actions().map((a) => a.status)).toContain('dry-run');
    expect(world.notifier.channelMessages('#gpu-oncall')[0]?.text).toMatch(/would have/i);
  });

  it('records a throttled surge as failed, still drains, and lets Lambda retry only the surge', async () => {
    const world = spotWorld();
    world.fleet.failNext('modifyFleet', new FleetApiError('modifying fleet: RequestLimitExceeded', 'RequestLimitExceeded', true));
    await expect(world.handle(warningAt(T0_MS))).rejects.toThrow(/RequestLimitExceeded/);
    expect(world.ledger.incidents()[0]?.surge?.status).toBe('failed');
    expect(world.ledger.incidents()[0]?.drain?.status).toBe('applied');
    expect((await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity).toBe(612);
    world.clock.advance(60_000);
    await world.handle(warningAt(T0_MS));
    expect((await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity).toBe(918);
    expect(world.fleet.calls.filter((c) => c.method === 'createTags')).toHaveLength(1);
    expect(world.ledger.incidents()[0]?.surge?.status).toBe('applied');
  });

  it('does not surge when the remaining capacity serves the demand within the SLO', async () => {
    const world = spotWorld({ qps: 100 });
    await world.handle(warningAt(T0_MS));
    expect(mutations(world)).toEqual(['createTags']);
  });

  it('prepares every managed instance a Health scheduled change names, and ignores the rest', async () => {
    const world = spotWorld();
    const start = new Date(T0_MS + 3 * 24 * 3600_000).toUTCString();
    const result = (await world.handle(healthScheduledChange({ entityValues: [VICTIM, NEIGHBOUR, FOREIGN], startTime: start }))) as {
      outcomes: { instanceId: string; result: string }[];
    };
    expect(result.outcomes.map((o) => [o.instanceId, o.result])).toEqual(
      expect.arrayContaining([[VICTIM, 'handled'], [NEIGHBOUR, 'handled'], [FOREIGN, 'ignored']]),
    );
    // Each instance: prepared lead time (420 s) + margin (600 s) before the start, stood down margin after it.
    const startMs = Date.parse(start);
    expect(world.scheduler.pending().map((p) => [p.detail.instanceId, p.detail.purpose, p.atMs])).toEqual(
      expect.arrayContaining([
        [VICTIM, 'prepare-scheduled-change', startMs - 1_020_000],
        [NEIGHBOUR, 'prepare-scheduled-change', startMs - 1_020_000],
        [VICTIM, 'drain-timeout', startMs + 600_000],
        [NEIGHBOUR, 'drain-timeout', startMs + 600_000],
      ]),
    );
    expect(world.scheduler.pending()).toHaveLength(4);
    const incidentIds = new Map(world.ledger.incidents().map((i) => [i.instanceId, i.incidentId]));
    expect(world.scheduler.pending().every((p) => p.detail.incidentId === incidentIds.get(p.detail.instanceId))).toBe(true);
    expect(mutations(world)).toEqual([]);
  });
});
