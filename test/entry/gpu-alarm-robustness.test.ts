// The gpu-alarm function on twins: redelivery, the guard, throttling, Slack outages and malformed or foreign events.
import { describe, expect, it } from 'vitest';
import { EventParseError } from '../../layers/events/errors';
import { FleetApiError } from '../../layers/ports/fleet-port';
import { withState } from '../fixtures/events/cloudwatch-alarm-factories';
import { atT0, FLEET_ID, FLEET_NAME, gpuAlarmWorld, MINUTE_MS, slackTexts, T0, type GpuAlarmWorld } from './gpu-alarm-world';

describe('gpu-alarm handler: delivery, guard and failures', () => {
  const saturated = (options: Parameters<typeof gpuAlarmWorld>[0] = {}): GpuAlarmWorld => {
    const world = atT0(gpuAlarmWorld(options), 1200);
    world.ages([[9, 2], [1, 40]]);
    return world;
  };

  it('acts once on a redelivered event', async () => {
    // Prepare
    const world = saturated();
    const event = world.alarmEvent('gpu-high', 'ALARM', { value: 97 });

    // Act
    const first = await world.handle(event);
    world.clock.advance(MINUTE_MS);
    const again = await world.handle(event);

    // Assess
    expect([first.status, again.status]).toEqual(['applied', 'duplicate']);
    expect(world.modifyCalls()).toBe(1);
    expect(slackTexts(world)).toHaveLength(1);
  });

  it('changes nothing while the kill switch is engaged, and says so', async () => {
    // Prepare
    const world = saturated();
    world.settings.engage();

    // Act
    const result = await world.handle(world.alarmEvent('gpu-high', 'ALARM', { value: 97 }));

    // Assess
    expect(result).toMatchObject({ status: 'blocked', toUnits: 1000 });
    expect(world.modifyCalls()).toBe(0);
    expect(slackTexts(world)).toEqual([expect.stringContaining('1000 -> 1412 units (blocked: kill switch engaged)')]);
  });

  it('only tells what it would do in dry-run', async () => {
    // Prepare
    const world = saturated({ globalDryRun: true });

    // Act
    const result = await world.handle(world.alarmEvent('gpu-high', 'ALARM', { value: 97 }));

    // Assess
    expect(result).toMatchObject({ status: 'dry-run' });
    expect(await world.targetUnits()).toBe(1000);
    expect(slackTexts(world)).toEqual([expect.stringContaining('(dry-run: global dry-run)')]);
  });

  it('throws a throttled ModifyFleet for Lambda to retry, and the retry scales out and tells once', async () => {
    // Prepare
    const world = saturated();
    world.fleet.failNext('modifyFleet', new FleetApiError(`modifying fleet ${FLEET_ID}: Request limit exceeded.`, 'RequestLimitExceeded', true));
    const event = world.alarmEvent('gpu-high', 'ALARM', { value: 97 });

    // Act
    const first = world.handle(event);
    await first.catch(() => undefined);
    world.clock.advance(MINUTE_MS);
    world.arrive(T0, 1200);
    const retry = await world.handle(event);

    // Assess
    await expect(first).rejects.toMatchObject({ name: 'SignalProcessingError', retryable: true });
    expect(retry).toMatchObject({ status: 'applied', toUnits: 1412 });
    expect(await world.targetUnits()).toBe(1412);
    expect(slackTexts(world)).toHaveLength(1);
  });

  it('keeps what Slack could not take and delivers it with the next event', async () => {
    // Prepare
    const world = saturated();
    world.notifier.failNext('ratelimited', true);
    await world.handle(world.alarmEvent('gpu-high', 'ALARM', { value: 97 }));
    world.clock.advance(30 * MINUTE_MS);

    // Act
    await world.handle(world.alarmEvent('gpu-high', 'OK', { value: 50 }));

    // Assess
    expect(slackTexts(world)).toEqual([expect.stringMatching(/^Scaling out bert-large-search/)]);
    expect((await world.ledger.getGpuAlarmMemory(FLEET_ID))?.unsent).toBeUndefined();
  });

  it('rejects a malformed alarm event with an EventParseError naming the field', async () => {
    // Prepare
    const world = saturated();
    const event = withState(world.alarmEvent('gpu-high', 'ALARM'), { value: 'ALARMING' });

    // Act
    const handling = world.handle(event);

    // Assess
    await expect(handling).rejects.toBeInstanceOf(EventParseError);
    await expect(handling).rejects.toMatchObject({ retryable: false, fields: ['detail.state.value'] });
    expect(world.modifyCalls()).toBe(0);
  });

  it("acknowledges another stack's alarm and a fleet no longer in the fleets file", async () => {
    // Prepare
    const world = saturated();
    const other = world.alarmEvent('gpu-high', 'ALARM');
    const foreign = JSON.parse(JSON.stringify(other).replaceAll('gpu-fleet-autopilot-dev.', 'gpu-fleet-autopilot-prod.')) as unknown;
    const removed = JSON.parse(JSON.stringify(other).replaceAll(`.${FLEET_NAME}.`, '.retired-fleet.')) as unknown;

    // Act
    const results = [await world.handle(foreign), await world.handle(removed)];

    // Assess
    expect(results.map((r) => r.status)).toEqual(['ignored', 'ignored']);
    expect(world.modifyCalls()).toBe(0);
  });
});
