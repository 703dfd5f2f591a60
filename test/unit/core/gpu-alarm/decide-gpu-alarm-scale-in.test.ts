// The low-utilization rule by example: scale in toward the need, in steps, after hysteresis; the rebalancer at the minimum.
import { describe, expect, it } from 'vitest';
import { decideGpuAlarm } from '../../../../layers/core/gpu-alarm/decide-gpu-alarm';
import { aGpuAlarmInput, aGpuSignal, aLoad, aMemory, EVENT_ID, MINUTE_MS, NOW_MS } from '../../../helpers/gpu-alarm-factories';
import { FLEET_ID } from '../../../helpers/spot-factories';

describe('decideGpuAlarm on a low-utilization ALARM', () => {
  it('scales in by at most the step fraction and asks to be rechecked after the cooldown', () => {
    // Prepare: 800 QPS at 80% needs 1000 units; the critical tier sheds at most 10% (200 of 2000) per step
    const input = aGpuAlarmInput();

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'modify-fleet-capacity', fleetId: FLEET_ID, purpose: 'scale-in', fromTotal: 2000, toTotal: 1800 }),
    ]);
    expect(decision.actions[0]?.idempotencyKey).toBe(`gpu-alarm#${FLEET_ID}#${EVENT_ID}#scale-in`);
    expect(decision.actions[0]?.reason).toContain('need 1000 units at 80% utilization');
    expect(decision.recheckAtMs).toBe(NOW_MS + 300_000);
    expect(decision.memory.lastCapacityChange).toEqual({ atMs: NOW_MS, purpose: 'scale-in', fromUnits: 2000, toUnits: 1800, eventId: EVENT_ID });
    expect(decision.notices).toEqual([expect.objectContaining({ kind: 'capacity-change', purpose: 'scale-in', fromUnits: 2000, toUnits: 1800 })]);
  });

  it('stops at the need (load plus backlog drain) and needs no recheck there', () => {
    // Prepare: 800 QPS + 30000 queued / 300 s = 900 QPS -> 1125 units; 10% of 1200 would go to 1080
    const input = aGpuAlarmInput({ targetUnits: 1200, fulfilledUnits: 1200, load: aLoad({ backlog: 30_000 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions[0]).toMatchObject({ fromTotal: 1200, toTotal: 1125 });
    expect(decision.recheckAtMs).toBeUndefined();
  });

  it('never goes below the forecast lead need when it is above the load need', () => {
    // Prepare
    const input = aGpuAlarmInput({ targetUnits: 1550, forecastLeadUnits: 1500 });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions[0]).toMatchObject({ fromTotal: 1550, toTotal: 1500 });
    expect(decision.actions[0]?.reason).toContain('the forecast needs 1500 units within the launch lead');
  });

  it('never goes below the fleet minimum', () => {
    // Prepare: 100 QPS needs 125 units; the minimum is 400
    const input = aGpuAlarmInput({ targetUnits: 420, fulfilledUnits: 420, load: aLoad({ arrivalQps: 100 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions[0]).toMatchObject({ fromTotal: 420, toTotal: 400 });
  });

  it('asks the rebalancer for a smaller type when the fleet is at its minimum and still idle', () => {
    // Prepare
    const input = aGpuAlarmInput({ targetUnits: 400, fulfilledUnits: 400, load: aLoad({ arrivalQps: 100 }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.rebalance).toMatchObject({ reason: 'oversized-at-minimum', fleetId: FLEET_ID });
    expect(decision.reasons[0]).toContain('at the fleet minimum of 400 units while the load needs 125');
    expect(decision.memory.rebalanceRequestedAtMs['oversized-at-minimum']).toBe(NOW_MS);
  });

  it('does not ask the rebalancer again within the repeat interval', () => {
    // Prepare
    const memory = { ...aMemory(), rebalanceRequestedAtMs: { 'oversized-at-minimum': NOW_MS - 60 * MINUTE_MS } };
    const input = aGpuAlarmInput({ targetUnits: 400, load: aLoad({ arrivalQps: 100 }), memory });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.rebalance).toBeUndefined();
    expect(decision.reasons[0]).toContain('the rebalancer was already asked');
  });

  it('holds when the target does not exceed the need', () => {
    // Act
    const decision = decideGpuAlarm(aGpuAlarmInput({ targetUnits: 1000 }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.rebalance).toBeUndefined();
    expect(decision.reasons[0]).toContain('not above the 1000 units needed');
  });

  it('waits until the low alarm has lasted the tier\'s sustain time, and asks to be rechecked then', () => {
    // Prepare: in ALARM for 10 minutes; the critical tier waits 30
    const since = NOW_MS - 10 * MINUTE_MS;
    const input = aGpuAlarmInput({ signal: aGpuSignal({ stateChangedAtMs: since }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.recheckAtMs).toBe(since + 30 * MINUTE_MS);
    expect(decision.memory.kinds['gpu-low']).toMatchObject({ state: 'ALARM', sinceMs: since });
  });

  it('acts on a recheck once the alarm has lasted long enough', () => {
    // Prepare: the alarm entered ALARM 31 minutes ago (remembered), and a recheck re-reads the same state
    const since = NOW_MS - 31 * MINUTE_MS;
    const memory = aMemory({ 'gpu-low': 'ALARM' }, since);
    const recheck = aGpuSignal({ eventId: 'recheck-1', stateChangedAtMs: since, previousState: 'ALARM' });

    // Act
    const decision = decideGpuAlarm(aGpuAlarmInput({ signal: recheck, memory }));

    // Assess
    expect(decision.actions[0]).toMatchObject({ purpose: 'scale-in', toTotal: 1800 });
    expect(decision.actions[0]?.idempotencyKey).toContain('recheck-1');
  });

  it('does not scale in while the high alarm is in ALARM', () => {
    // Prepare
    const input = aGpuAlarmInput({ memory: aMemory({ 'gpu-high': 'ALARM' }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('high-utilization alarm is in ALARM too');
  });

  it('does not scale in within the quiet time after a high alarm', () => {
    // Prepare: high was in ALARM 20 minutes ago; the critical tier keeps 60 minutes of quiet
    const memory = { ...aMemory({ 'gpu-high': 'OK' }), lastHighAlarmAtMs: NOW_MS - 20 * MINUTE_MS };
    const input = aGpuAlarmInput({ memory });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.recheckAtMs).toBe(NOW_MS + 40 * MINUTE_MS);
  });

  it('does not scale in within the quiet time after an alarm scale-out', () => {
    // Act
    const decision = decideGpuAlarm(aGpuAlarmInput({ memory: { ...aMemory(), lastScaleOutAtMs: NOW_MS - 30 * MINUTE_MS } }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('an alarm scale-out at');
  });

  it('does not scale in during the cooldown of the previous change', () => {
    // Prepare
    const memory = { ...aMemory(), lastCapacityChange: { atMs: NOW_MS - 2 * MINUTE_MS, purpose: 'scale-in' as const, fromUnits: 2200, toUnits: 2000, eventId: 'e0' } };

    // Act
    const decision = decideGpuAlarm(aGpuAlarmInput({ memory }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.recheckAtMs).toBe(NOW_MS + 3 * MINUTE_MS);
    expect(decision.reasons[0]).toContain('cooldown after the scale-in 2200 -> 2000 units');
  });

  it('does not scale in during an open Spot incident', () => {
    // Prepare
    const input = aGpuAlarmInput({ openIncidentIds: ['spot-i-0a1b2c3d4e5f60718-x'] });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('open incident spot-i-0a1b2c3d4e5f60718-x');
  });

  it('does not scale in without an observed arrival rate', () => {
    // Prepare
    const input = aGpuAlarmInput({ load: aLoad({ arrivalQps: undefined }) });

    // Act
    const decision = decideGpuAlarm(input);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('no scale-in without knowing the load');
  });
});
