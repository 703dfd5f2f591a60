// Properties of the gpu-alarm decision over any fleet, load, memory and alarm sequence: bounds, no flapping, determinism.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tier } from '../../../../layers/core/fleet';
import { decideGpuAlarm } from '../../../../layers/core/gpu-alarm/decide-gpu-alarm';
import type { GpuAlarmMemory } from '../../../../layers/core/gpu-alarm/gpu-alarm-memory';
import { gpuAlarmSettingsOf, type GpuAlarmSettings } from '../../../../layers/core/gpu-alarm/gpu-alarm-settings';
import { GPU_ALARM_KINDS, type AlarmStateValue } from '../../../../layers/core/gpu-alarm/gpu-alarm-signal';
import type { GpuAlarmInput } from '../../../../layers/core/gpu-alarm/gpu-alarm-types';
import { gpuTypeOptionsFor } from '../../../../layers/core/gpu-alarm/gpu-type-options';
import { aGpuAlarmInput, aGpuSignal, aLoad, MINUTE_MS, NOW_MS } from '../../../helpers/gpu-alarm-factories';
import { aFleet, FLEET_ID } from '../../../helpers/spot-factories';

const STATES: AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const TIERS: Tier[] = ['critical', 'standard', 'batch'];

const settingsArb = (tier: Tier): fc.Arbitrary<Partial<GpuAlarmSettings>> =>
  fc.record({
    targetUtilization: fc.double({ min: 0.3, max: 1, noNaN: true }),
    backlogDrainSeconds: fc.integer({ min: 30, max: 3600 }),
    lowSustainSeconds: fc.integer({ min: 0, max: tier === 'critical' ? 3600 : 1200 }),
    quietAfterHighSeconds: fc.integer({ min: 0, max: 7200 }),
    maxScaleInFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    capacityCooldownSeconds: fc.integer({ min: 0, max: 1800 }),
    minQueueAgeGrowthSeconds: fc.integer({ min: 0, max: 30 }),
  });

const optionalMs = fc.option(fc.integer({ min: NOW_MS - 4 * 60 * MINUTE_MS, max: NOW_MS }), { nil: undefined });

const memoryArb: fc.Arbitrary<GpuAlarmMemory> = fc
  .record({
    states: fc.array(fc.constantFrom(...STATES), { minLength: 3, maxLength: 3 }),
    known: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    sinceMs: fc.integer({ min: NOW_MS - 4 * 60 * MINUTE_MS, max: NOW_MS }),
    lastHighAlarmAtMs: optionalMs,
    lastScaleOutAtMs: optionalMs,
    change: fc.option(fc.record({ atMs: fc.integer({ min: NOW_MS - 60 * MINUTE_MS, max: NOW_MS }), purpose: fc.constantFrom('scale-out' as const, 'scale-in' as const) }), { nil: undefined }),
  })
  .map((r) => {
    const memory: GpuAlarmMemory = { fleetId: FLEET_ID, version: 3, kinds: {}, rebalanceRequestedAtMs: {} };
    GPU_ALARM_KINDS.forEach((kind, i) => {
      if (r.known[i]) memory.kinds[kind] = { state: r.states[i] ?? 'OK', sinceMs: r.sinceMs, eventId: `earlier-${kind}` };
    });
    if (r.lastHighAlarmAtMs !== undefined) memory.lastHighAlarmAtMs = r.lastHighAlarmAtMs;
    if (r.lastScaleOutAtMs !== undefined) memory.lastScaleOutAtMs = r.lastScaleOutAtMs;
    if (r.change !== undefined) memory.lastCapacityChange = { ...r.change, fromUnits: 1000, toUnits: 1100, eventId: 'e0' };
    return memory;
  });

/** The catalog view does not depend on the generated sizes; computed once. */
const CATALOG = gpuTypeOptionsFor(aFleet());

const inputArb: fc.Arbitrary<GpuAlarmInput> = fc
  .record({
    tier: fc.constantFrom(...TIERS),
    minUnits: fc.integer({ min: 0, max: 2000 }),
    span: fc.integer({ min: 0, max: 4000 }),
    lead: fc.integer({ min: 30, max: 1200 }),
    kind: fc.constantFrom(...GPU_ALARM_KINDS),
    state: fc.constantFrom(...STATES),
    agoMs: fc.integer({ min: 0, max: 4 * 60 * MINUTE_MS }),
    arrivalQps: fc.option(fc.double({ min: 0, max: 6000, noNaN: true }), { nil: undefined }),
    backlog: fc.integer({ min: 0, max: 200_000 }),
    ageNow: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    ageEarlier: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    target: fc.integer({ min: 0, max: 7000 }),
    fulfilled: fc.integer({ min: 0, max: 7000 }),
    forecastLeadUnits: fc.option(fc.integer({ min: 0, max: 6000 }), { nil: undefined }),
    incident: fc.boolean(),
    memory: memoryArb,
    value: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  })
  .chain((r) => settingsArb(r.tier).map((s) => ({ r, s })))
  .map(({ r, s }) => {
    const fleet = aFleet({ tier: r.tier, minCapacityUnits: r.minUnits, maxCapacityUnits: r.minUnits + r.span, launchLeadTimeSeconds: r.lead });
    return aGpuAlarmInput({
      fleet,
      catalog: CATALOG,
      settings: gpuAlarmSettingsOf(fleet, s),
      signal: aGpuSignal({ kind: r.kind, state: r.state, stateChangedAtMs: NOW_MS - r.agoMs, eventId: 'event-under-test', value: r.value }),
      load: aLoad({ arrivalQps: r.arrivalQps, backlog: r.backlog, oldestMessageAgeSeconds: r.ageNow, oldestMessageAgeEarlierSeconds: r.ageEarlier }),
      targetUnits: r.target,
      fulfilledUnits: r.fulfilled,
      openIncidentIds: r.incident ? ['spot-i-0a1b2c3d4e5f60718-x'] : [],
      memory: r.memory,
      ...(r.forecastLeadUnits === undefined ? {} : { forecastLeadUnits: r.forecastLeadUnits }),
    });
  });

/** The need, computed here independently: (arrivals + backlog / drain time) / target utilization, rounded up. */
const loadNeed = (input: GpuAlarmInput): number => {
  const utilization = Math.min(1, input.settings.targetUtilization);
  const qps = (input.load.arrivalQps ?? 0) + input.load.backlog / Math.max(1, input.settings.backlogDrainSeconds);
  return Math.ceil(qps / utilization - 1e-9);
};

describe('decideGpuAlarm properties', () => {
  it('never scales in below the need or the minimum, nor out above the maximum, and only on the matching alarm', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // Act
        const decision = decideGpuAlarm(input);

        // Assess
        expect(decision.actions.length).toBeLessThanOrEqual(1);
        for (const action of decision.actions) {
          expect(action.fromTotal).toBe(input.targetUnits);
          if (action.purpose === 'scale-in') {
            expect(input.signal).toMatchObject({ kind: 'gpu-low', state: 'ALARM' });
            expect(input.openIncidentIds).toEqual([]);
            expect(action.toTotal).toBeLessThan(action.fromTotal);
            expect(action.toTotal).toBeGreaterThanOrEqual(Math.max(input.fleet.minCapacityUnits, loadNeed(input), input.forecastLeadUnits ?? 0));
            expect(action.fromTotal - action.toTotal).toBeLessThanOrEqual(Math.floor(input.targetUnits * input.settings.maxScaleInFraction + 1e-9));
          } else {
            expect(input.signal).toMatchObject({ kind: 'gpu-high', state: 'ALARM' });
            expect(action.purpose).toBe('scale-out');
            expect(action.toTotal).toBeGreaterThan(action.fromTotal);
            expect(action.toTotal).toBeLessThanOrEqual(input.fleet.maxCapacityUnits);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        // Prepare
        const before = structuredClone(input);

        // Act
        const first = decideGpuAlarm(input);
        const second = decideGpuAlarm(structuredClone(input));

        // Assess
        expect(second).toEqual(first);
        expect(input).toEqual(before);
        expect(first.memory.version).toBe(input.memory.version);
      }),
      { numRuns: 200 },
    );
  });

  it('never scales on missing data', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        // Prepare
        const input = { ...generated, signal: { ...generated.signal, state: 'INSUFFICIENT_DATA' as const } };

        // Act
        const decision = decideGpuAlarm(input);

        // Assess
        expect(decision.actions).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
