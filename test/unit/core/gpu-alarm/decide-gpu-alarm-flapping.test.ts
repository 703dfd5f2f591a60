// Hysteresis and cooldown as a property: alternating low/high alarms within the cooldown cannot make a fleet flap.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tier } from '../../../../layers/core/fleet';
import { decideGpuAlarm } from '../../../../layers/core/gpu-alarm/decide-gpu-alarm';
import type { GpuAlarmMemory } from '../../../../layers/core/gpu-alarm/gpu-alarm-memory';
import { capacityCooldownMs, gpuAlarmSettingsOf } from '../../../../layers/core/gpu-alarm/gpu-alarm-settings';
import type { AlarmStateValue } from '../../../../layers/core/gpu-alarm/gpu-alarm-signal';
import { aGpuAlarmInput, aGpuSignal, aLoad, NOW_MS } from '../../../helpers/gpu-alarm-factories';
import { aFleet, FLEET_ID } from '../../../helpers/spot-factories';

const TIERS: Tier[] = ['critical', 'standard', 'batch'];

describe('decideGpuAlarm under alternating alarms', () => {
  it('makes at most one capacity change per cooldown window under alternating alarms, never a scale-in right after a scale-out', () => {
    const eventArb = fc.record({
      gapPermille: fc.integer({ min: 0, max: 1000 }),
      /** One event in ten arrives late: its state change is older than the previous event (EventBridge does not order). */
      late: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      kind: fc.constantFrom('gpu-low' as const, 'gpu-high' as const),
      state: fc.constantFrom<AlarmStateValue>('ALARM', 'ALARM', 'ALARM', 'OK'),
      agoSeconds: fc.integer({ min: 0, max: 600 }),
      arrivalQps: fc.integer({ min: 0, max: 3000 }),
      backlog: fc.integer({ min: 0, max: 50_000 }),
      growing: fc.boolean(),
    });
    let runsWithTwoChanges = 0;
    let scaleInsAfterScaleOut = 0;
    fc.assert(
      fc.property(fc.constantFrom(...TIERS), fc.integer({ min: 30, max: 600 }), fc.integer({ min: 0, max: 1800 }), fc.array(eventArb, { minLength: 2, maxLength: 30 }), (tier, lead, quiet, events) => {
        // Prepare: short hysteresis so that changes do happen; each gap between events is within the cooldown
        const fleet = aFleet({ tier, launchLeadTimeSeconds: lead });
        const settings = gpuAlarmSettingsOf(fleet, { lowSustainSeconds: 60, quietAfterHighSeconds: quiet, maxScaleInFraction: 0.25 });
        const cooldownMs = capacityCooldownMs(fleet, settings);
        let memory: GpuAlarmMemory = { fleetId: FLEET_ID, version: 0, kinds: {}, rebalanceRequestedAtMs: {} };
        let target = 2000;
        let t = NOW_MS;
        const changes: { atMs: number; purpose: string }[] = [];

        // Act
        events.forEach((e, i) => {
          const gapMs = Math.floor((e.gapPermille / 1000) * cooldownMs);
          t += gapMs;
          const load = aLoad({ arrivalQps: e.arrivalQps, backlog: e.backlog, oldestMessageAgeSeconds: e.growing ? 60 : 1, oldestMessageAgeEarlierSeconds: 1 });
          const signal = aGpuSignal({ kind: e.kind, state: e.state, eventId: `event-${i}`, stateChangedAtMs: t - (e.late ? e.agoSeconds * 1000 : Math.min(e.agoSeconds * 1000, gapMs)) });
          const decision = decideGpuAlarm(aGpuAlarmInput({ fleet, settings, catalog: [], signal, load, nowMs: t, targetUnits: target, fulfilledUnits: target, memory }));
          memory = decision.memory;
          for (const action of decision.actions) {
            changes.push({ atMs: t, purpose: action.purpose });
            target = action.toTotal;
          }
        });

        // Assess
        if (changes.length >= 2) runsWithTwoChanges += 1;
        for (let i = 1; i < changes.length; i += 1) {
          const previous = changes[i - 1];
          const current = changes[i];
          if (!previous || !current) continue;
          expect(current.atMs - previous.atMs).toBeGreaterThanOrEqual(cooldownMs);
          if (previous.purpose === 'scale-out' && current.purpose === 'scale-in') {
            scaleInsAfterScaleOut += 1;
            expect(current.atMs - previous.atMs).toBeGreaterThanOrEqual(Math.max(cooldownMs, settings.quietAfterHighSeconds * 1000));
          }
        }
      }),
      { numRuns: 300 },
    );
    // The property is not vacuous: many sequences changed capacity more than once, some scaling in after a scale-out.
    expect(runsWithTwoChanges).toBeGreaterThanOrEqual(10);
    expect(scaleInsAfterScaleOut).toBeGreaterThan(0);
  });
});
