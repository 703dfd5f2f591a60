// The high-utilization rule by example: scale out when the queue age grows, hold when it does not.
import { describe, expect, it } from 'vitest';
import { decideGpuAlarm } from '../../../../layers/core/gpu-alarm/decide-gpu-alarm';
import { aGpuAlarmInput, aGpuSignal, aLoad, aMemory, EVENT_ID, MINUTE_MS, NOW_MS } from '../../../helpers/gpu-alarm-factories';
import { FLEET_ID } from '../../../helpers/spot-factories';

/** The high alarm in ALARM for 3 minutes, on a fleet of 1000 units falling behind: the queue's age went 10 s -> 40 s. */
const saturated = (overrides: Parameters<typeof aGpuAlarmInput>[0] = {}) =>
  aGpuAlarmInput({
    signal: aGpuSignal({ kind: 'gpu-high', stateChangedAtMs: NOW_MS - 3 * MINUTE_MS, value: 97, threshold: 75 }),
    targetUnits: 1000,
    fulfilledUnits: 1000,
    load: aLoad({ arrivalQps: 1100, backlog: 6000, oldestMessageAgeSeconds: 40, oldestMessageAgeEarlierSeconds: 10 }),
    ...overrides,
  });

describe('decideGpuAlarm on a high-utilization ALARM', () => {
  it('scales out at once to bring utilization to the target and drain the backlog', () => {
    // Prepare: (1100 QPS + 6000 / 300 s) / 0.8 = 1400 units
    const input = saturated();

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ purpose: 'scale-out', fleetId: FLEET_ID, fromTotal: 1000, toTotal: 1400, idempotencyKey: `gpu-alarm#${FLEET_ID}#${EVENT_ID}#scale-out` }),
    ]);
    expect(decision.actions[0]?.reason).toContain("the oldest message's age grew 10 s -> 40 s");
    expect(decision.memory.lastScaleOutAtMs).toBe(NOW_MS);
    expect(decision.incident).toMatchObject({ type: 'open', kind: 'gpu-high', fleetId: FLEET_ID });
  });

  it('holds when the queue age is flat: the forecast or an earlier action covers the load', () => {
    // Prepare
    const input = saturated({ load: aLoad({ arrivalQps: 1100, backlog: 6000, oldestMessageAgeSeconds: 12, oldestMessageAgeEarlierSeconds: 10 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('10 s -> 12 s (not growing)');
  });

  it('holds when the queue age is shrinking', () => {
    // Prepare
    const input = saturated({ load: aLoad({ oldestMessageAgeSeconds: 5, oldestMessageAgeEarlierSeconds: 60 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
  });

  it('holds when the queue age is unknown', () => {
    // Prepare
    const input = saturated({ load: aLoad({ oldestMessageAgeSeconds: undefined }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('queue age is unknown');
  });

  it('caps the scale-out at the fleet maximum', () => {
    // Prepare
    const input = saturated({ load: aLoad({ arrivalQps: 5000, backlog: 0, oldestMessageAgeSeconds: 40, oldestMessageAgeEarlierSeconds: 10 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions[0]).toMatchObject({ fromTotal: 1000, toTotal: 4000 });
    expect(decision.actions[0]?.reason).toContain('capped at the fleet maximum of 4000 units');
  });

  it('takes the saturated fleet\'s fulfilled capacity as the load when the arrival rate is unknown', () => {
    // Prepare: (1000 + 6000 / 300) / 0.8 = 1275 units
    const input = saturated({ load: aLoad({ arrivalQps: undefined, backlog: 6000, oldestMessageAgeSeconds: 40, oldestMessageAgeEarlierSeconds: 10 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions[0]).toMatchObject({ toTotal: 1275 });
  });

  it('goes up to the forecast lead need when it is higher', () => {
    // Prepare
    const input = saturated({ forecastLeadUnits: 1800 });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions[0]).toMatchObject({ toTotal: 1800 });
  });

  it('holds when the target already covers the need while capacity is still launching', () => {
    // Prepare
    const input = saturated({ targetUnits: 1500, fulfilledUnits: 1000 });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('fulfilled 1000: capacity is still launching');
  });

  it('waits for the cooldown of the previous change and asks to be rechecked when it ends', () => {
    // Prepare
    const memory = { ...aMemory(), lastCapacityChange: { atMs: NOW_MS - MINUTE_MS, purpose: 'scale-in' as const, fromUnits: 1100, toUnits: 1000, eventId: 'e0' } };

    // Act
    const decision = decideGpuAlarm(saturated({ memory }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.recheckAtMs).toBe(NOW_MS + 4 * MINUTE_MS);
  });

  it('scales out during an open Spot incident', () => {
    // Prepare
    const input = saturated({ openIncidentIds: ['spot-i-0a1b2c3d4e5f60718-x'] });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions[0]).toMatchObject({ purpose: 'scale-out', toTotal: 1400 });
  });

  it('keeps the cooldown at least one launch lead long', () => {
    // Prepare: a 15-minute launch lead outlasts the critical tier's 5-minute cooldown
    const base = saturated();
    const memory = { ...aMemory(), lastCapacityChange: { atMs: NOW_MS - 10 * MINUTE_MS, purpose: 'scale-out' as const, fromUnits: 900, toUnits: 1000, eventId: 'e0' } };
    const input = { ...base, memory, fleet: { ...base.fleet, launchLeadTimeSeconds: 900 } };

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.recheckAtMs).toBe(NOW_MS + 5 * MINUTE_MS);
  });
});
