import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../../sim/model/policy';
import { PolicyConfigError } from '../../../../sim/policies/policy-config-error';
import { targetTrackingPolicy, type TargetTrackingOptions } from '../../../../sim/policies/target-tracking-policy';
import { aSpec, FakeFleet, MINUTE, runMinutes, T0, type TargetCall } from './policy-harness';

const at = (minutes: number): number => T0 + minutes * MINUTE;
const calls = (fleet: FakeFleet) => fleet.calls.map((c: TargetCall) => ({ ...c, atMs: (c.atMs - T0) / MINUTE }));

/** A reactive policy on g5.xlarge (100 units) sized for 600 QPS at 60%: 1000 units, serving from the start. */
const started = (options: Partial<TargetTrackingOptions> = {}, launchLeadTimeSeconds = 180) => {
  const spec = aSpec({ launchLeadTimeSeconds });
  const policy = targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge', 'g6.xlarge'], ...options });
  const fleet = new FakeFleet(policy.setup(spec, { nowMs: T0, peakQps: 600 }), launchLeadTimeSeconds * 1000);
  return { policy, fleet };
};

/** Demand by the minute: each [fromMinute, qps] holds until the next. */
const demand = (...phases: [number, number][]) => (tMs: number): number =>
  phases.filter(([from]) => tMs >= at(from)).at(-1)?.[1] ?? 0;

describe('targetTrackingPolicy', () => {
  it('sizes the fleet at setup for the demand at the target utilization, in every type and zone', () => {
    // Prepare
    const policy = targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge', 'g6.xlarge'] });

    // Act
    const setup = policy.setup(aSpec(), { nowMs: T0, peakQps: 600 });

    // Assess: 600 / 0.6 = 1000 units = 10 g5.xlarge
    expect(setup).toEqual({
      totalUnits: 1000,
      onDemandUnits: 1000,
      defaultMarket: 'on-demand',
      pools: [
        { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a' },
        { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1b' },
        { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1a' },
        { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b' },
      ],
    });
  });

  it('puts the share above the on-demand base on Spot when a Spot share is set', () => {
    // Prepare
    const policy = targetTrackingPolicy({ name: 'reactive + spot', instanceTypes: ['g5.xlarge'], spotShare: 0.7 });

    // Act
    const setup = policy.setup(aSpec(), { nowMs: T0, peakQps: 600 });

    // Assess: base 200 + 30% of the 800 above it = 440, rounded up to 5 instances
    expect(setup).toMatchObject({ totalUnits: 1000, onDemandUnits: 500, defaultMarket: 'spot' });
  });

  it('uses the first step demand rather than the peak when the engine passes it', () => {
    // Prepare
    const policy = targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge'] });

    // Act
    const setup = policy.setup(aSpec(), { nowMs: T0, peakQps: 900, demandQps: 300 } as { nowMs: number; peakQps: number });

    // Assess
    expect(setup.totalUnits).toBe(500);
  });

  it('scales out after 3 minutes above the target, not before, to serving x utilization / target', async () => {
    // Prepare
    const { policy, fleet } = started();

    // Act: utilization 60% for 10 minutes, then 90%
    await runMinutes(policy, fleet, T0, 30, demand([0, 600], [10, 900]));

    // Assess: one scale-out at 13:00 to 1000 x 0.9 / 0.6; warm-up capacity counted, so no second one
    expect(calls(fleet)).toEqual([{ atMs: 13, totalUnits: 1500, onDemandUnits: 1500 }]);
  });

  it('keeps the Spot share of a scale-out above the on-demand base', async () => {
    // Prepare
    const { policy, fleet } = started({ spotShare: 0.7 });

    // Act
    await runMinutes(policy, fleet, T0, 20, demand([0, 600], [10, 900]));

    // Assess: 200 + 0.3 x 1300 = 590 -> 600
    expect(calls(fleet)).toEqual([{ atMs: 13, totalUnits: 1500, onDemandUnits: 600 }]);
  });

  it('scales in only after 15 minutes below 90% of the target', async () => {
    // Prepare
    const { policy, fleet } = started();

    // Act: utilization 60%, then 30% from minute 10
    await runMinutes(policy, fleet, T0, 24, demand([0, 600], [10, 300]));
    const before = calls(fleet);
    await runMinutes(policy, fleet, at(24), 6, demand([0, 600], [10, 300]));

    // Assess
    expect(before).toEqual([]);
    expect(calls(fleet)).toEqual([{ atMs: 25, totalUnits: 500, onDemandUnits: 500 }]);
  });

  it('blocks scale-in for the cooldown after a scale-out', async () => {
    // Prepare
    const { policy, fleet } = started({ cooldownSeconds: 1800 });

    // Act: a surge scales out at 13:00, then load falls at 14:00 (low alarm in ALARM from 29:00)
    await runMinutes(policy, fleet, T0, 60, demand([0, 600], [10, 900], [14, 300]));

    // Assess: scale-in waits for 13:00 + 30 minutes
    expect(calls(fleet)).toEqual([
      { atMs: 13, totalUnits: 1500, onDemandUnits: 1500 },
      { atMs: 43, totalUnits: 500, onDemandUnits: 500 },
    ]);
  });

  it('does not scale in while capacity is still warming up', async () => {
    // Prepare: an hour of lead time, no cooldown and no warm-up delay beyond it
    const { policy, fleet } = started({ cooldownSeconds: 0, warmupSeconds: 0 }, 3600);

    // Act
    await runMinutes(policy, fleet, T0, 80, demand([0, 600], [10, 900], [14, 300]));

    // Assess: the low alarm is in ALARM from 29:00, the new capacity serves from 73:00
    expect(calls(fleet)).toEqual([
      { atMs: 13, totalUnits: 1500, onDemandUnits: 1500 },
      { atMs: 74, totalUnits: 500, onDemandUnits: 500 },
    ]);
  });

  it('waits the cooldown between two scale-ins while the low alarm stays in ALARM', async () => {
    // Prepare
    const { policy, fleet } = started();

    // Act: 30% from minute 10, 10% of the original from minute 25
    await runMinutes(policy, fleet, T0, 40, demand([0, 600], [10, 300], [25, 100]));

    // Assess: 500 at 25:00; 500 x 0.2 / 0.6 = 167 -> 200 five minutes later, then nothing smaller is needed
    expect(calls(fleet)).toEqual([
      { atMs: 25, totalUnits: 500, onDemandUnits: 500 },
      { atMs: 30, totalUnits: 200, onDemandUnits: 200 },
    ]);
  });

  it('holds scale-in while an instance drains, and scales in once the drain is over', async () => {
    // Prepare
    const { policy, fleet } = started();

    // Act: demand falls to 30% at minute 10; an instance drains from minute 5 to minute 40
    await runMinutes(policy, fleet, T0, 60, demand([0, 600], [10, 300]), (t) => (t >= at(5) && t < at(40) ? 400 : 0));

    // Assess: the low alarm is in ALARM from 25:00, but nothing scales in before the drain ends at 40:00
    expect(calls(fleet).length).toBeGreaterThan(0);
    expect(calls(fleet).every((c) => c.atMs >= 40)).toBe(true);
  });

  it('never scales in when the fleet reports no utilization (INSUFFICIENT_DATA)', async () => {
    // Prepare
    const { policy, fleet } = started();

    // Act: nothing serves for an hour, so no instance publishes the metric
    for (let i = 1; i <= 360; i += 1) {
      const observation: Observation = {
        nowMs: T0 + i * 10_000, stepSeconds: 10, arrivals: 0, backlog: 0, oldestWaitSeconds: 0,
        servingUnits: 0, bootingUnits: 1000, drainingUnits: 0, targetUnits: 1000, gpuUtilization: 0,
      };
      await policy.onStep(observation, fleet);
    }

    // Assess
    expect(fleet.calls).toEqual([]);
  });

  it('keeps every target within [min, max] and whole instances, and the on-demand part within it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 20_000, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.3, max: 0.9, noNaN: true }),
        fc.constantFrom(0, 0.5, 1),
        fc.integer({ min: 0, max: 900 }),
        async (loads, targetUtilization, spotShare, cooldownSeconds) => {
          // Prepare
          const spec = aSpec({ minCapacityUnits: 300, maxCapacityUnits: 2500 });
          const policy = targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge'], targetUtilization, spotShare, cooldownSeconds });
          const fleet = new FakeFleet(policy.setup(spec, { nowMs: T0, peakQps: loads[0] ?? 0 }), 180_000);

          // Act: each load holds 20 minutes
          await runMinutes(policy, fleet, T0, loads.length * 20, (t) => loads[Math.floor((t - T0) / (20 * MINUTE))] ?? 0);

          // Assess
          for (const call of fleet.calls) {
            expect(call.totalUnits).toBeGreaterThanOrEqual(300);
            expect(call.totalUnits).toBeLessThanOrEqual(2500);
            expect(call.totalUnits % 100).toBe(0);
            expect(call.onDemandUnits).toBeLessThanOrEqual(call.totalUnits);
          }
        },
      ),
      { numRuns: 25, seed: 11 },
    );
  });

  it.each<[string, Partial<TargetTrackingOptions>]>([
    ['a target utilization above 1', { targetUtilization: 1.5 }],
    ['a Spot share below 0', { spotShare: -0.1 }],
    ['no instance type', { instanceTypes: [] }],
  ])('refuses %s', (_label, overrides) => {
    // Act
    const create = () => targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge'], ...overrides });

    // Assess
    expect(create).toThrow(PolicyConfigError);
  });

  it('refuses an instance type the fleet does not list', () => {
    // Prepare
    const policy = targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge', 'p5.48xlarge'] });

    // Act
    const setup = () => policy.setup(aSpec(), { nowMs: T0, peakQps: 600 });

    // Assess
    expect(setup).toThrow(PolicyConfigError);
  });
});
