// The gpu-alarm function under a ramp steeper than one scale-out, with no forecast scaler: it keeps stepping while the alarm holds.
import { describe, expect, it } from 'vitest';
import { applied, atT0, backlog, gpuAlarmWorld, MINUTE_MS, T0 } from './gpu-alarm-world';

describe('gpu-alarm handler: a steep ramp', () => {
  it('looks again when the cooldown of its scale-out ends while the high alarm stays in ALARM, and steps again', async () => {
    // Prepare: 1200 QPS and a growing queue at T0; the load then climbs to 1900 QPS and the queue keeps growing
    const world = atT0(gpuAlarmWorld({ initialUnits: 1000 }), 1200);
    backlog(world, 3000);
    world.ages([[9, 2], [1, 40]]);
    const first = await world.handle(world.alarmEvent('gpu-high', 'ALARM', { value: 97, threshold: 85 }));
    await world.runUntil(T0 + 9 * MINUTE_MS, 1900);
    world.ages([[8, 60], [0, 150]]);

    // Act: CloudWatch sends nothing more, the alarm holds its state
    const rechecked = await world.runUntil(T0 + 12 * MINUTE_MS, 1900);

    // Assess
    expect(first).toMatchObject({ status: 'applied', toUnits: 1424, recheckAtMs: T0 + 10 * MINUTE_MS });
    expect(rechecked).toMatchObject([{ status: 'applied', fromUnits: 1424 }]);
    const changes = applied(world);
    expect(changes.map((c) => c.atMs)).toEqual([T0, T0 + 10 * MINUTE_MS]);
    expect(changes[1]?.to).toBeGreaterThanOrEqual(Math.ceil(1900 / 0.85));
  });

  it('asks for no further look once the queue keeps up', async () => {
    // Prepare
    const world = atT0(gpuAlarmWorld({ initialUnits: 1000 }), 1200);
    world.ages([[9, 2], [1, 40]]);
    await world.handle(world.alarmEvent('gpu-high', 'ALARM', { value: 97, threshold: 85 }));
    await world.runUntil(T0 + 9 * MINUTE_MS, 1200);
    world.ages([[8, 40], [0, 3]]);

    // Act
    const rechecked = await world.runUntil(T0 + 40 * MINUTE_MS, 1200);

    // Assess
    expect(rechecked).toMatchObject([{ status: 'held' }]);
    expect(rechecked[0]).not.toHaveProperty('recheckAtMs');
    expect(world.rechecks.pending()).toEqual([]);
    expect(applied(world)).toHaveLength(1);
  });
});
