// The forecast-scaler function on twins over a day of a daily demand cycle: ahead of the ramp, guarded on the fall.
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/spot-interruption/make-handler';
import { silentLogger } from '../../sim/silent-logger';
import { spotWarning } from '../fixtures/events/factories';
import { dailyCycleQps, FLEET_ID, forecastWorld, HOUR_MS, LEAD_SECONDS, MINUTE_MS, TARGET_UTILIZATION, targetAt, TODAY_MS, type Timeline } from './forecast-world';

const at = (hours: number): number => TODAY_MS + hours * HOUR_MS;
const LEAD_MS = LEAD_SECONDS * 1000;
const STEP_MS = 5 * MINUTE_MS;
const VICTIM = 'i-0b662ef9931388ba0';
const LAMBDA_CONTEXT = { awsRequestId: 'spot', functionName: 'spot', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

/** Every scale-in of the timeline with the units removed within the rolling hour up to it, and the target before that hour's first. */
const hourlyScaleIns = (timeline: Timeline): { atMs: number; removed: number; startUnits: number }[] =>
  timeline.changes.flatMap((change, i) => {
    const before = timeline.changes[i - 1];
    if (!before || change.units >= before.units) return [];
    const inHour = timeline.changes.map((c, j) => ({ c, prev: timeline.changes[j - 1] })).filter(({ c, prev }) => prev && c.units < prev.units && c.atMs > change.atMs - HOUR_MS && c.atMs <= change.atMs);
    const removed = inHour.reduce((sum, { c, prev }) => sum + ((prev?.units ?? 0) - c.units), 0);
    return [{ atMs: change.atMs, removed, startUnits: inHour[0]?.prev?.units ?? before.units }];
  });

const reasonsOf = (timeline: Timeline, fromMs: number): string[] =>
  timeline.runs.filter((r) => r.atMs >= fromMs).flatMap((r) => r.result.outcomes.map((o) => o.reason));

describe('forecast-scaler handler over a daily cycle', () => {
  it('posts the capacity of the morning ramp a launch lead time before the demand arrives', async () => {
    // Prepare: three weeks of history; night demand needs 250 units (the fleet is there), the fleet may go down to 100
    const world = forecastWorld({ startMs: at(5.5), initialUnits: 250, fleetConfig: { minCapacityUnits: 100 } });

    // Act
    const timeline = await world.runUntil(at(8.25));

    // Assess: the first rise is posted a lead time before the ramp starts (by a scheduled step between two runs)
    const firstRise = timeline.changes.find((c, i) => i > 0 && c.units > (timeline.changes[i - 1]?.units ?? Infinity));
    expect(firstRise?.atMs).toBeLessThanOrEqual(at(6) - LEAD_MS);
    // ...and every minute of the ramp found, a lead time earlier, the capacity for its demand, and for its
    // 5-minute step's mean demand at the target utilization
    for (let t = at(6); t < at(8.25); t += MINUTE_MS) {
      const posted = targetAt(timeline, t - LEAD_MS);
      const stepStart = t - (t % STEP_MS);
      const stepMeanQps = [0, 1, 2, 3, 4].reduce((sum, m) => sum + dailyCycleQps(stepStart + m * MINUTE_MS), 0) / 5;
      expect(posted, new Date(t).toISOString()).toBeGreaterThanOrEqual(dailyCycleQps(t));
      expect(posted * TARGET_UTILIZATION, new Date(t).toISOString()).toBeGreaterThanOrEqual(stepMeanQps - 1e-6);
    }
    expect(world.ledger.actions().some((a) => a.idempotencyKey.startsWith('forecast-step#'))).toBe(true);
  });

  it('sheds the evening fall at most a quarter of the target per hour, never below the demand', async () => {
    // Prepare: the day plateau's capacity and more
    const world = forecastWorld({ startMs: at(17), initialUnits: 2600 });

    // Act
    const timeline = await world.runUntil(at(20));

    // Assess
    const scaleIns = hourlyScaleIns(timeline);
    expect(scaleIns.length).toBeGreaterThan(0);
    for (const s of scaleIns) expect(s.removed, new Date(s.atMs).toISOString()).toBeLessThanOrEqual(Math.floor(0.25 * s.startUnits));
    for (let t = at(17); t < at(20); t += MINUTE_MS) expect(targetAt(timeline, t) * TARGET_UTILIZATION).toBeGreaterThanOrEqual(dailyCycleQps(t));
    expect(await world.targetUnits()).toBeLessThan(2600 * 0.75 * 0.75);
  });

  it('scales in on the evening fall only when the observed load agrees with the forecast', async () => {
    // Prepare: the same evening twice, once with 700 QPS more than the history ever had in the last 5 minutes
    const agreeing = forecastWorld({ startMs: at(18), initialUnits: 3000 });
    const surprised = forecastWorld({ startMs: at(18), initialUnits: 3000 });
    surprised.arrive(at(18) - 5 * MINUTE_MS, at(18), () => 700);

    // Act
    const [scaled] = (await agreeing.handle(agreeing.scheduledEvent())).outcomes;
    const [held] = (await surprised.handle(surprised.scheduledEvent())).outcomes;

    // Assess
    expect(scaled).toMatchObject({ decision: 'scale-in', status: 'applied', toUnits: 2250 });
    expect(held).toMatchObject({ decision: 'hold', status: 'held', reason: expect.stringMatching(/above the forecast .* no scale-in until they agree/) });
    expect(await surprised.targetUnits()).toBe(3000);
  });

  it('holds every scale-in while a Spot interruption incident of the fleet is open', async () => {
    // Prepare: a Spot warning for one of the fleet's instances opens an incident (the spot function, same twins)
    const world = forecastWorld({
      startMs: at(18.5),
      initialUnits: 3000,
      instanceSeeds: [{ instanceId: VICTIM, instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot', fleetId: FLEET_ID }],
    });
    const spot = makeHandler(world.deps, silentLogger());
    await spot(spotWarning({ instanceId: VICTIM, time: new Date(at(18.5)).toISOString().replace('.000Z', 'Z') }), LAMBDA_CONTEXT);
    const afterSurge = await world.targetUnits();
    world.clock.advance(MINUTE_MS);

    // Act
    const timeline = await world.runUntil(at(19.5));

    // Assess
    expect(afterSurge).toBeGreaterThan(3000);
    expect(Math.min(...timeline.changes.map((c) => c.units))).toBe(afterSurge);
    const reasons = reasonsOf(timeline, at(18.5));
    expect(reasons).toHaveLength(11);
    expect(reasons.every((r) => /open incident spot-i-0b662ef9931388ba0.*: no scale-in during a Spot interruption/.test(r))).toBe(true);
  });
});
