// The gpu-alarm function on twins, driven by the documented alarm samples renamed to the fleet's alarms: what it decides.
import { describe, expect, it } from 'vitest';
import { emptyForecastState } from '../../layers/core/forecast/forecast-state';
import { applied, atT0, backlog, FLEET_ID, gpuAlarmWorld, MINUTE_MS, slackTexts, T0, TARGET_UTILIZATION } from './gpu-alarm-world';

describe('gpu-alarm handler: low utilization', () => {
  it('waits out the hysteresis, then sheds at most a fifth per cooldown and a quarter an hour toward what the load needs', async () => {
    // Prepare: 300 QPS need ceil(300 / 0.85) = 353 units; the fleet runs 1000
    const world = atT0(gpuAlarmWorld({ initialUnits: 1000 }), 300);

    // Act
    const first = await world.handle(world.alarmEvent('gpu-low', 'ALARM', { value: 9.5 }));
    await world.runUntil(T0 + 2 * 60 * MINUTE_MS, 300);

    // Assess: the hourly budget (25% of the target at the start of the hour, shared with the forecast) paces it
    expect(first).toMatchObject({ status: 'held', recheckAtMs: T0 + 15 * MINUTE_MS });
    const changes = applied(world);
    expect(changes.map((c) => c.to)).toEqual([800, 750, 600, 563]);
    expect(changes[0]?.atMs).toBe(T0 + 15 * MINUTE_MS);
    changes.forEach((c, i) => {
      expect(c.from - c.to).toBeLessThanOrEqual(Math.floor(c.from * 0.2));
      expect(c.to * TARGET_UTILIZATION).toBeGreaterThanOrEqual(300);
      if (i > 0) expect(c.atMs - (changes[i - 1]?.atMs ?? 0)).toBeGreaterThanOrEqual(10 * MINUTE_MS);
      const hour = changes.filter((d) => d.atMs > c.atMs - 60 * MINUTE_MS && d.atMs <= c.atMs);
      const shed = hour.reduce((n, d) => n + d.from - d.to, 0);
      expect(shed).toBeLessThanOrEqual(Math.floor(0.25 * ((hour[0]?.from ?? 0))));
    });
    expect(await world.targetUnits()).toBe(563);
    const told = slackTexts(world).filter((t) => t.startsWith('Scaling in bert-large-search on low GPU utilization'));
    expect(told.filter((t) => !/blocked/.test(t))).toHaveLength(4);
    // A change the budget held is told once per stretch of holds, not at every recheck (at most once before each change).
    expect(told.filter((t) => /blocked/.test(t)).length).toBeGreaterThanOrEqual(1);
    expect(told.filter((t) => /blocked/.test(t)).length).toBeLessThanOrEqual(changes.length);
  });

  it('asks the rebalancer for a smaller type when the fleet idles at its minimum, and logs it', async () => {
    // Prepare: at the minimum of 200 units with 40 QPS (47 units needed), the low alarm in ALARM for an hour
    const world = atT0(gpuAlarmWorld({ initialUnits: 200 }), 40);

    // Act
    await world.handle(world.alarmEvent('gpu-low', 'ALARM', { atMs: T0 - 60 * MINUTE_MS, value: 4 }));

    // Assess
    expect(world.modifyCalls()).toBe(0);
    expect(await world.ledger.listRebalanceRequests(FLEET_ID)).toMatchObject([{ fleetId: FLEET_ID, reason: 'oversized-at-minimum', requestedAtMs: T0 }]);
    expect(world.logger.lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'rebalance requested' }));
  });

  it.each([
    ['a recent forecast needs', 2, 700],
    ['a stale forecast (its last run 30 min ago) is ignored:', 30, 640],
  ])('never sheds below what %s within the launch lead', async (_, runMinutesAgo, expected) => {
    // Prepare: 800 units, low for an hour, 300 QPS (353 units); the forecast's last plan needs 700 within the lead
    const world = atT0(gpuAlarmWorld({ initialUnits: 800 }), 300);
    await world.ledger.saveForecastState({ ...emptyForecastState(FLEET_ID), version: 1, lastRunAtMs: T0 - runMinutesAgo * MINUTE_MS, lastLeadUnits: 700 });

    // Act
    const result = await world.handle(world.alarmEvent('gpu-low', 'ALARM', { atMs: T0 - 60 * MINUTE_MS, value: 8 }));

    // Assess
    expect(result).toMatchObject({ status: 'applied', fromUnits: 800, toUnits: expected });
  });

  it('drops a recheck whose alarm has returned to OK meanwhile', async () => {
    // Prepare
    const world = atT0(gpuAlarmWorld(), 300);
    await world.handle(world.alarmEvent('gpu-low', 'ALARM', { value: 9.5 }));
    world.clock.advance(5 * MINUTE_MS);
    await world.handle(world.alarmEvent('gpu-low', 'OK', { value: 35 }));

    // Act
    const results = await world.runUntil(T0 + 30 * MINUTE_MS, 300);

    // Assess
    expect(results).toMatchObject([{ status: 'superseded' }]);
    expect(world.modifyCalls()).toBe(0);
  });
});

describe('gpu-alarm handler: high utilization', () => {
  it('scales out at once to drain the growing queue at the target utilization, and opens the incident', async () => {
    // Prepare: 1200 QPS and 3000 queued need ceil((1200 + 3000 / 300) / 0.85) = 1424 units
    const world = atT0(gpuAlarmWorld({ initialUnits: 1000 }), 1200);
    backlog(world, 3000);
    world.ages([[9, 2], [1, 40]]);

    // Act
    const result = await world.handle(world.alarmEvent('gpu-high', 'ALARM', { value: 97, threshold: 85 }));

    // Assess
    expect(result).toMatchObject({ status: 'applied', fromUnits: 1000, toUnits: 1424, incident: 'open' });
    expect(await world.targetUnits()).toBe(1424);
    expect(slackTexts(world)).toEqual([expect.stringMatching(/^Scaling out bert-large-search on high GPU utilization: 1000 -> 1424 units\. scale-out 1000 -> 1424 units: the oldest message's age grew 2 s -> 40 s/)]);
  });

  it('holds while the queue keeps up, however busy the GPUs are', async () => {
    // Prepare
    const world = atT0(gpuAlarmWorld(), 1200);
    world.ages([[9, 3], [1, 2]]);

    // Act
    const result = await world.handle(world.alarmEvent('gpu-high', 'ALARM', { value: 97, threshold: 85 }));

    // Assess
    expect(result).toMatchObject({ status: 'held', incident: 'open' });
    expect(world.modifyCalls()).toBe(0);
  });

  it('closes the incident when the alarm returns to OK, its records telling the episode', async () => {
    // Prepare
    const world = atT0(gpuAlarmWorld(), 1200);
    world.ages([[9, 2], [1, 40]]);
    await world.handle(world.alarmEvent('gpu-high', 'ALARM', { atMs: T0 - MINUTE_MS, value: 97, threshold: 85 }));
    world.clock.advance(12 * MINUTE_MS);

    // Act
    const result = await world.handle(world.alarmEvent('gpu-high', 'OK', { value: 70, threshold: 85 }));

    // Assess
    expect(result).toMatchObject({ status: 'held', incident: 'close' });
    const [open] = world.ledger.actions().filter((a) => a.type === 'gpu-alarm-incident');
    const episode = await world.ledger.listActions(open?.incidentId ?? '');
    expect(open?.incidentId).toMatch(/^gpu-bert-large-search-gpu-high-/);
    const told = episode.map((a) => `${a.type}:${a.status}:${String(a.after.transition ?? a.after.totalTargetCapacity)}`);
    expect([told[0], told.at(-1)]).toEqual(['gpu-alarm-incident:applied:open', 'gpu-alarm-incident:applied:close']);
    // The pending and applied records of one change share their instant.
    expect(told.slice(1, -1).sort()).toEqual(['modify-fleet-capacity:applied:1412', 'modify-fleet-capacity:pending:1412']);
  });

  it('changes the target at most once per cooldown while the alarms flap, and rechecks when it ends', async () => {
    // Prepare: the high alarm flaps every two minutes, the low one fires in between, the load keeps rising
    const world = atT0(gpuAlarmWorld(), 1200);
    const flaps: [number, 'gpu-high' | 'gpu-low', 'ALARM' | 'OK', number][] = [
      [0, 'gpu-high', 'ALARM', 1200], [2, 'gpu-high', 'OK', 1300], [3, 'gpu-low', 'ALARM', 1300],
      [4, 'gpu-high', 'ALARM', 1500], [6, 'gpu-high', 'OK', 1600], [8, 'gpu-high', 'ALARM', 1700],
    ];

    // Act
    for (const [minute, kind, state, qps] of flaps) {
      const sinceMs = world.clock.nowMs();
      world.clock.advance(T0 + minute * MINUTE_MS - sinceMs);
      world.arrive(sinceMs, qps);
      world.ages([[9, 2 + 10 * minute], [1, 40 + 10 * minute]]);
      await world.handle(world.alarmEvent(kind, state, { value: state === 'ALARM' ? 96 : 60 }));
    }
    await world.runUntil(T0 + 11 * MINUTE_MS, 1700);

    // Assess: one change in the first ten minutes, the next at the recheck when the cooldown ended, never a scale-in
    const changes = applied(world);
    expect(changes.map((c) => c.atMs)).toEqual([T0, T0 + 10 * MINUTE_MS]);
    expect(changes.every((c) => c.to > c.from)).toBe(true);
  });
});

describe('gpu-alarm handler: GPU memory and missing data', () => {
  it('recommends a type with enough memory in Slack and records a rebalance request for it', async () => {
    // Prepare: 95% of the GPU memory in use while compute is moderate (500 QPS on 1000 units)
    const world = atT0(gpuAlarmWorld(), 500);

    // Act
    const result = await world.handle(world.alarmEvent('gpu-memory-high', 'ALARM', { value: 95, threshold: 90 }));

    // Assess
    expect(result).toMatchObject({ status: 'held', rebalance: 'memory-pressure', incident: 'open' });
    expect(slackTexts(world)).toEqual([expect.stringMatching(/^GPU memory of bert-large-search is nearly full: .+ fits for less/)]);
    const [request] = await world.ledger.listRebalanceRequests(FLEET_ID);
    expect(request).toMatchObject({ reason: 'memory-pressure', requestedAtMs: T0 });
    expect(request?.minGpuMemoryGiB).toBeGreaterThan(24);
    expect(world.modifyCalls()).toBe(0);
  });

  it('alerts once when GPU datapoints stop on a running fleet, and never scales for it', async () => {
    // Prepare
    const world = atT0(gpuAlarmWorld(), 300);

    // Act
    await world.handle(world.alarmEvent('gpu-low', 'INSUFFICIENT_DATA'));
    world.clock.advance(MINUTE_MS);
    await world.handle(world.alarmEvent('gpu-high', 'INSUFFICIENT_DATA'));
    await world.runUntil(T0 + 60 * MINUTE_MS, 300);

    // Assess
    expect(slackTexts(world)).toEqual([expect.stringMatching(/^GPU metrics of bert-large-search are missing\. The low GPU utilization alarm has had no datapoints since /)]);
    expect(world.modifyCalls()).toBe(0);
    expect(await world.ledger.listRebalanceRequests(FLEET_ID)).toEqual([]);
  });
});
