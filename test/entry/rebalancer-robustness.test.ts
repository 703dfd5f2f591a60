// The rebalancer's guard and its resilience: dry-run, kill switch, the saving threshold, a crash between steps, EC2 throttling.
import { describe, expect, it } from 'vitest';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { NOW, SEED_TYPES } from '../helpers/rebalance-factories';
import { DEMAND_UNITS, HOUR_MS, MINUTE_MS, rebalancerWorld, crashOnce, type RebalancerWorld } from './rebalancer-world';

const MUTATIONS = new Set(['modifyFleet', 'createTags', 'deleteTags', 'terminateInstance']);
const mutations = (world: RebalancerWorld) => world.fleet.calls.filter((c) => MUTATIONS.has(c.method));

describe('rebalancer handler guard and resilience', () => {
  it('in dry-run changes nothing, records the plan as dry-run and tells on-call once', async () => {
    // Prepare
    const world = rebalancerWorld({ fleet: { dryRun: true } });

    // Act
    const first = await world.handle(world.scheduledEvent());
    world.clock.advance(HOUR_MS);
    const second = await world.handle(world.scheduledEvent());

    // Assess
    expect([first.outcomes[0]?.status, second.outcomes[0]?.status]).toEqual(['dry-run', 'dry-run']);
    expect(mutations(world)).toEqual([]);
    expect(world.ledger.actions().map((a) => [a.type, a.status])).toEqual([['rebalance-plan', 'dry-run'], ['rebalance-plan', 'dry-run']]);
    expect(world.messages()).toHaveLength(1);
    expect(world.messages()[0]).toMatch(/^Rebalancing bert-large-qa: replacing capacity \(dry-run\)\..*Not applied: fleet dry-run\./s);
  });

  it('with the kill switch engaged changes nothing, and resumes the plan once it is released', async () => {
    // Prepare
    const world = rebalancerWorld();
    world.settings.engage();

    // Act
    const blocked = await world.handle(world.scheduledEvent());
    world.settings.release();
    world.clock.advance(HOUR_MS);
    const resumed = await world.handle(world.scheduledEvent());

    // Assess
    expect(blocked.outcomes[0]).toMatchObject({ status: 'blocked', reason: expect.stringMatching(/kill switch engaged/) });
    expect(world.ledger.actions()[0]).toMatchObject({ type: 'rebalance-plan', status: 'blocked', error: 'kill switch engaged' });
    expect(resumed.outcomes[0]).toMatchObject({ status: 'applied', phase: 'launching' });
  });

  it('below the saving threshold moves nothing running but reorders new launches once, silently', async () => {
    // Prepare: the overrides list every type the fleet may use, in an order the prices no longer justify
    const world = rebalancerWorld({ run: { settings: { savingThresholdUsdPerHour: 20 } }, overrideTypes: [...SEED_TYPES].reverse() });

    // Act: three hourly plans at the same prices
    const results = [];
    for (let run = 0; run < 3; run += 1) {
      results.push(await world.handle(world.scheduledEvent()));
      world.clock.advance(HOUR_MS);
    }

    // Assess
    expect(results[0]?.outcomes[0]).toMatchObject({ reason: expect.stringMatching(/held: saving \$11\.73\/h \(risk-weighted\) is below the \$20\.00\/h threshold/) });
    const calls = mutations(world);
    expect(calls.map((c) => c.method)).toEqual(['modifyFleet']);
    const request = world.modifyCalls()[0];
    expect(request?.totalTargetCapacity).toBe(DEMAND_UNITS);
    expect(request?.overrides?.[0]).toMatchObject({ instanceType: 'g6e.xlarge', priority: 0 });
    expect(world.live().map((i) => i.instanceType)).toEqual(Array.from({ length: 5 }, () => 'p3.2xlarge'));
    const steps = world.ledger.actions().filter((a) => a.status === 'applied').map((a) => a.type);
    expect(steps.filter((t) => t === 'set-fleet-overrides')).toHaveLength(1);
    expect(world.messages()).toEqual([]);
  });

  it('resumes a surge that landed before the run died, without surging twice', async () => {
    // Prepare: the run dies right after its ModifyFleet, before it saves the move as launching
    const world = rebalancerWorld({ agentAckMs: 60_000 });
    crashOnce(world, (state) => state.move?.phase === 'launching');
    const event = world.scheduledEvent();

    // Act: Lambda delivers the same event again
    await expect(world.handle(event)).rejects.toThrow(/timed out/);
    const retried = await world.handle(event);

    // Assess
    expect(retried.outcomes[0]).toMatchObject({ status: 'advanced', phase: 'launching' });
    const surges = world.modifyCalls().filter((r) => r.totalTargetCapacity > DEMAND_UNITS);
    expect(surges.map((r) => r.totalTargetCapacity)).toEqual([DEMAND_UNITS + 776]);
    expect(world.checks.pending()).toHaveLength(1);
  });

  it('finishes a replacement whose run died after terminating the old instance, terminating and lowering once', async () => {
    // Prepare: the step dies after the termination and the release, before the move is saved as done
    const world = rebalancerWorld({ agentAckMs: 60_000 });
    crashOnce(world, (state) => state.move?.phase === 'done');

    // Act: the check's delivery fails, then EventBridge Scheduler delivers it again
    let failure: unknown;
    while (world.clock.nowMs() < NOW + HOUR_MS && failure === undefined) {
      world.fleet.fulfil(world.clock.nowMs());
      for (const event of world.stepEvents()) {
        failure ??= await world.handle(event).then(() => undefined, (e: unknown) => ({ e, event }));
      }
      for (const i of world.live()) if (i.tags['autopilot:drain'] && !i.tags['autopilot:drained']) await world.fleet.createTags(i.instanceId, { 'autopilot:drained': new Date(world.clock.nowMs()).toISOString() });
      if (world.clock.nowMs() === NOW) await world.handle(world.scheduledEvent());
      world.clock.advance(MINUTE_MS);
    }
    const retried = await world.handle((failure as { event: unknown }).event);

    // Assess
    expect(retried.outcomes[0]).toMatchObject({ status: 'advanced', phase: 'done' });
    expect(world.fleet.calls.filter((c) => c.method === 'terminateInstance')).toHaveLength(1);
    const lowered = world.modifyCalls().filter((r) => r.spotTargetCapacity !== undefined && r.totalTargetCapacity < DEMAND_UNITS + 776);
    expect(lowered.map((r) => r.totalTargetCapacity)).toEqual([DEMAND_UNITS + 776 - 246]);
    expect(world.messages().filter((m) => m.startsWith('Replaced '))).toHaveLength(1);
  });

  it('retries a run that EC2 throttled: the retry plans and acts once', async () => {
    // Prepare
    const world = rebalancerWorld();
    world.fleet.failNext('listFleetInstances', new FleetApiError('Request limit exceeded.', 'RequestLimitExceeded', true));
    const event = world.scheduledEvent();

    // Act
    const throttled = await world.handle(event).then(() => undefined, (e: unknown) => e);
    const retried = await world.handle(event);

    // Assess
    expect(throttled).toMatchObject({ name: 'SignalProcessingError', retryable: true, message: expect.stringMatching(/RequestLimitExceeded|Request limit exceeded/) });
    expect(retried.outcomes[0]).toMatchObject({ status: 'applied', phase: 'launching' });
    expect(world.ledger.actions().filter((a) => a.type === 'rebalance-surge' && a.status === 'applied')).toHaveLength(1);
  });
});
