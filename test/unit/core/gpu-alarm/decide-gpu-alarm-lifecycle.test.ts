// The alarm's life by example: incidents opened and closed, missing data alerted once, redeliveries and late events.
import { describe, expect, it } from 'vitest';
import { decideGpuAlarm } from '../../../../layers/core/gpu-alarm/decide-gpu-alarm';
import { alarmIncidentIdFor } from '../../../../layers/core/gpu-alarm/gpu-alarm-incident';
import type { GpuAlarmMemory } from '../../../../layers/core/gpu-alarm/gpu-alarm-memory';
import type { GpuAlarmKind, GpuAlarmSignal } from '../../../../layers/core/gpu-alarm/gpu-alarm-signal';
import { aGpuAlarmInput, aGpuSignal, aLoad, aMemory, EVENT_ID, MINUTE_MS, NOW_MS } from '../../../helpers/gpu-alarm-factories';
import { FLEET_ID } from '../../../helpers/spot-factories';

const missing = (kind: GpuAlarmKind, eventId: string, atMs: number): GpuAlarmSignal =>
  aGpuSignal({ kind, state: 'INSUFFICIENT_DATA', previousState: 'OK', eventId, stateChangedAtMs: atMs, value: undefined });

describe('decideGpuAlarm through an alarm\'s life', () => {
  it('opens an incident on ALARM and closes it on OK', () => {
    // Prepare
    const opened = decideGpuAlarm(aGpuAlarmInput({ targetUnits: 1000 }));
    const ok = aGpuSignal({ state: 'OK', previousState: 'ALARM', eventId: 'ok-1', stateChangedAtMs: NOW_MS + 10 * MINUTE_MS });

    // Act
    const closed = decideGpuAlarm(aGpuAlarmInput({ signal: ok, memory: opened.memory, nowMs: NOW_MS + 10 * MINUTE_MS }));

    // Assess
    const incidentId = alarmIncidentIdFor('bert-large-search', 'gpu-low', NOW_MS - 120 * MINUTE_MS, EVENT_ID);
    expect(opened.incident).toMatchObject({ type: 'open', incidentId, fleetId: FLEET_ID, kind: 'gpu-low' });
    expect(opened.memory.kinds['gpu-low']?.incidentId).toBe(incidentId);
    expect(closed.incident).toEqual({ type: 'close', incidentId, closedAtMs: NOW_MS + 10 * MINUTE_MS, summary: expect.stringContaining('back to OK') });
    expect(closed.memory.kinds['gpu-low']).toEqual({ state: 'OK', sinceMs: NOW_MS + 10 * MINUTE_MS, eventId: 'ok-1' });
    expect(closed.actions).toEqual([]);
  });

  it('updates the open incident on a recheck instead of opening another', () => {
    // Prepare
    const opened = decideGpuAlarm(aGpuAlarmInput({ targetUnits: 1000 }));
    const recheck = aGpuSignal({ eventId: 'recheck-1', previousState: 'ALARM' });

    // Act
    const again = decideGpuAlarm(aGpuAlarmInput({ signal: recheck, memory: opened.memory, targetUnits: 1000, nowMs: NOW_MS + MINUTE_MS }));

    // Assess
    expect(again.incident).toMatchObject({ type: 'update', incidentId: opened.memory.kinds['gpu-low']?.incidentId, state: 'ALARM' });
  });

  it('alerts once when the fleet stops reporting, never scaling', () => {
    // Prepare: the three alarms of the fleet go to INSUFFICIENT_DATA one after another
    let memory: GpuAlarmMemory = aMemory({ 'gpu-low': 'OK', 'gpu-high': 'OK', 'gpu-memory-high': 'OK' });
    const decisions = (['gpu-low', 'gpu-high', 'gpu-memory-high'] as const).map((kind, i) => {
      const decision = decideGpuAlarm(aGpuAlarmInput({ signal: missing(kind, `missing-${kind}`, NOW_MS + i * 1000), memory, nowMs: NOW_MS + i * 1000 }));
      memory = decision.memory;
      return decision;
    });

    // Assess
    expect(decisions.flatMap((d) => d.actions)).toEqual([]);
    expect(decisions.flatMap((d) => d.notices)).toEqual([
      expect.objectContaining({ kind: 'data-missing', fleetName: 'bert-large-search', alarmKind: 'gpu-low', targetUnits: 2000, fulfilledUnits: 2000 }),
    ]);
    expect(decisions[1]?.reasons).toContain(`missing GPU datapoints were already reported at ${new Date(NOW_MS).toISOString()}`);
    expect(memory.dataMissingAlertedAtMs).toBe(NOW_MS);
  });

  it('says when the datapoints are back, once no alarm of the fleet misses data', () => {
    // Prepare
    const memory: GpuAlarmMemory = { ...aMemory({ 'gpu-low': 'INSUFFICIENT_DATA', 'gpu-high': 'INSUFFICIENT_DATA' }), dataMissingAlertedAtMs: NOW_MS - 30 * MINUTE_MS };
    const lowBack = aGpuSignal({ state: 'OK', previousState: 'INSUFFICIENT_DATA', eventId: 'low-ok', stateChangedAtMs: NOW_MS });
    const highBack = aGpuSignal({ kind: 'gpu-high', state: 'OK', previousState: 'INSUFFICIENT_DATA', eventId: 'high-ok', stateChangedAtMs: NOW_MS + 1000 });

    // Act
    const first = decideGpuAlarm(aGpuAlarmInput({ signal: lowBack, memory }));
    const second = decideGpuAlarm(aGpuAlarmInput({ signal: highBack, memory: first.memory, nowMs: NOW_MS + 1000 }));

    // Assess
    expect(first.notices).toEqual([]);
    expect(second.notices).toEqual([
      { kind: 'data-restored', fleetName: 'bert-large-search', alarmKind: 'gpu-high', missingSinceMs: NOW_MS - 30 * MINUTE_MS, restoredAtMs: NOW_MS + 1000 },
    ]);
    expect(second.memory.dataMissingAlertedAtMs).toBeUndefined();
  });

  it('expects no datapoints from a fleet at 0 units', () => {
    // Act
    const decision = decideGpuAlarm(aGpuAlarmInput({ signal: missing('gpu-low', 'missing', NOW_MS), targetUnits: 0, fulfilledUnits: 0 }));

    // Assess
    expect(decision.notices).toEqual([]);
    expect(decision.reasons).toEqual(['no GPU datapoints and a target of 0 units: expected, nothing runs']);
  });

  it('keeps the incident open, updated, when an alarm in ALARM loses its data', () => {
    // Prepare
    const opened = decideGpuAlarm(aGpuAlarmInput({ targetUnits: 1000 }));

    // Act
    const lost = decideGpuAlarm(aGpuAlarmInput({ signal: missing('gpu-low', 'lost', NOW_MS + MINUTE_MS), memory: opened.memory, nowMs: NOW_MS + MINUTE_MS }));

    // Assess
    expect(lost.incident).toMatchObject({ type: 'update', state: 'INSUFFICIENT_DATA' });
    expect(lost.memory.kinds['gpu-low']?.incidentId).toBe(opened.memory.kinds['gpu-low']?.incidentId);
    expect(lost.actions).toEqual([]);
  });

  it('changes nothing for a redelivered event', () => {
    // Prepare
    const first = decideGpuAlarm(aGpuAlarmInput());

    // Act
    const redelivered = decideGpuAlarm(aGpuAlarmInput({ memory: first.memory }));

    // Assess
    expect(first.actions).toHaveLength(1);
    expect(redelivered.actions).toEqual([]);
    expect(redelivered.memory).toBe(first.memory);
    expect(redelivered.reasons[0]).toContain('already handled');
  });

  it('ignores an event older than the state already known', () => {
    // Prepare: OK seen at now; an ALARM of an hour ago arrives late
    const memory = aMemory({ 'gpu-low': 'OK' }, NOW_MS);
    const late = aGpuSignal({ eventId: 'late', stateChangedAtMs: NOW_MS - 60 * MINUTE_MS });

    // Act
    const decision = decideGpuAlarm(aGpuAlarmInput({ signal: late, memory }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident).toBeUndefined();
    expect(decision.memory).toBe(memory);
  });

  it('ignores an alarm about another fleet', () => {
    // Act
    const decision = decideGpuAlarm(aGpuAlarmInput({ signal: aGpuSignal({ fleetName: 'reranker' }) }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons[0]).toContain('not about fleet bert-large-search');
  });

  it('remembers when the high alarm left ALARM, and holds a scale-in within the quiet time after it', () => {
    // Prepare
    const highOk = aGpuSignal({ kind: 'gpu-high', state: 'OK', previousState: 'ALARM', eventId: 'high-ok', stateChangedAtMs: NOW_MS - 5 * MINUTE_MS });
    const afterHigh = decideGpuAlarm(aGpuAlarmInput({ signal: highOk, memory: aMemory({ 'gpu-high': 'ALARM' }) }));

    // Act
    const low = decideGpuAlarm(aGpuAlarmInput({ memory: afterHigh.memory, load: aLoad() }));

    // Assess
    expect(afterHigh.memory.lastHighAlarmAtMs).toBe(NOW_MS - 5 * MINUTE_MS);
    expect(low.actions).toEqual([]);
    expect(low.recheckAtMs).toBe(NOW_MS + 55 * MINUTE_MS);
  });
});
