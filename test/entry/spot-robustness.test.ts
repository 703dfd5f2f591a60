// The spot handler under partial failures, Slack outages and many-instance events, on twins.
import { describe, expect, it } from 'vitest';
import type { ActionRecord, LedgerPort } from '../../layers/ports/ledger-port';
import { healthScheduledChange, spotWarning } from '../fixtures/events/factories';
import { FLEET_ID, iso, NEIGHBOUR, spotWorld, T0_MS, VICTIM } from './spot-world';

const warning = () => spotWarning({ instanceId: VICTIM, time: iso(T0_MS), id: '1e5527d7-bb36-4607-3370-4164db56a40e' });
const target = async (world: ReturnType<typeof spotWorld>) => (await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity;

/** A ledger whose n-th recordAction fails once, as if the function died between ModifyFleet and its record. */
const failingNthRecord = (inner: LedgerPort, n: number): LedgerPort => {
  let calls = 0;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'recordAction') {
        return async (record: ActionRecord) => {
          calls += 1;
          if (calls === n) throw Object.assign(new Error('Task timed out'), { retryable: true });
          return target.recordAction(record);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

describe('spot-interruption handler, robustness', () => {
  it('does not surge twice when the function dies after ModifyFleet and before recording it', async () => {
    // Prepare: the 2nd recordAction (the surge's "applied" record, after its "pending" one) fails
    const world = spotWorld();
    const run = spotWorld.bind(null);
    void run;
    const flaky = { ...world.deps, ledger: failingNthRecord(world.ledger, 2) };
    const { makeHandler } = await import('../../functions/spot-interruption/make-handler');
    const { silentLogger } = await import('../../sim/silent-logger');
    const handler = makeHandler(flaky, silentLogger());
    const context = { awsRequestId: 't', functionName: 'spot', getRemainingTimeInMillis: () => 60_000 } as never;
    // Act: the first attempt fails after the ModifyFleet landed; Lambda retries the event
    await expect(handler(warning(), context)).rejects.toThrow(/Task timed out/);
    world.fleet.fulfil(world.clock.nowMs());
    world.clock.advance(60_000);
    await handler(warning(), context);
    // Assess: one surge of one instance's units
    expect(await target(world)).toBe(612 + 306);
    expect(world.ledger.incidents()[0]?.surge).toMatchObject({ status: 'applied', fromTotal: 612, toTotal: 918 });
  });

  it('caps the surge of one Health event naming many instances at the per-event limit', async () => {
    // Prepare: a retirement soon enough to prepare now, for two instances; at most 400 units per event
    const world = spotWorld({ maxSurgeUnitsPerEvent: 400 });
    const start = new Date(T0_MS + 5 * 60_000).toUTCString();
    // Act
    await world.handle(healthScheduledChange({ entityValues: [VICTIM, NEIGHBOUR], startTime: start }));
    // Assess: the first instance surges 306, the second only the remaining 94
    expect((await target(world)) ?? 0).toBeLessThanOrEqual(612 + 400);
    expect((await target(world)) ?? 0).toBeGreaterThan(612);
  });

  it('retries a Slack outage with the event and posts one message in the end', async () => {
    // Prepare
    const world = spotWorld();
    world.notifier.failNext('internal_error', true, { operation: 'post' });
    // Act
    await expect(world.handle(warning())).rejects.toThrow(/Slack/);
    world.clock.advance(60_000);
    await world.handle(warning());
    // Assess: the actions ran once, the message arrived once
    expect(world.fleet.calls.filter((c) => c.method === 'modifyFleet')).toHaveLength(1);
    expect(world.notifier.channelMessages('#gpu-oncall')).toHaveLength(1);
    expect(world.ledger.incidents()[0]?.notification?.lastError).toBeUndefined();
  });

  it("leaves the fleet's ExcessCapacityTerminationPolicy to the operator", async () => {
    const world = spotWorld();
    await world.handle(warning());
    const modify = world.fleet.calls.find((c) => c.method === 'modifyFleet');
    expect(modify && 'request' in modify ? modify.request.excessCapacityTerminationPolicy : 'missing call').toBeUndefined();
  });
});
