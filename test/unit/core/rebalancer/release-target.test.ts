import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseTarget } from '../../../../layers/core/rebalancer/release-target';
import type { ReplacementMove } from '../../../../layers/core/rebalancer/replacement-move';

const move = (overrides: Partial<ReplacementMove>): ReplacementMove => ({
  moveId: 'm',
  fleetId: 'fleet-1',
  instanceId: 'i-0',
  from: { instanceType: 'p3.2xlarge', availabilityZone: 'us-east-1a', market: 'on-demand' },
  oldUnits: 246,
  launches: [],
  surgeUnits: 776,
  surgeOnDemandUnits: 0,
  usdPerHourBefore: 3.06,
  usdPerHourAfter: 0.78,
  reason: 'r',
  demandUnits: 1_000,
  startTotal: 1_000,
  startedAtMs: 0,
  phase: 'releasing',
  check: 0,
  knownInstanceIds: [],
  ...overrides,
});

describe('releaseTarget', () => {
  it("lowers the old instance's market by its units after a surge", () => {
    // Act
    const result = releaseTarget(move({}), { total: 1_776, onDemand: 1_000, spot: 776 });
    // Assess
    expect(result).toEqual({ to: { total: 1_530, onDemand: 754, spot: 776 }, addedUnits: 530 });
  });

  it('lowers a move without a surge only by what earlier moves added, never below the demand', () => {
    // Act
    const spare = releaseTarget(move({ surgeUnits: 0, startTotal: 1_160 }), { total: 1_160, onDemand: 16, spot: 1_144 });
    const none = releaseTarget(move({ surgeUnits: 0, startTotal: 1_000 }), { total: 1_000, onDemand: 1_000, spot: 0 });
    // Assess
    expect(spare).toEqual({ to: { total: 1_144, onDemand: 0, spot: 1_144 }, addedUnits: 144 });
    expect(none).toEqual({ to: { total: 1_000, onDemand: 1_000, spot: 0 }, addedUnits: 0 });
  });

  it('follows what others did to the target since the move started', () => {
    // Act: the forecast raised the target by 200 during the move
    const result = releaseTarget(move({}), { total: 1_976, onDemand: 1_200, spot: 776 });
    // Assess
    expect(result).toEqual({ to: { total: 1_730, onDemand: 954, spot: 776 }, addedUnits: 530 });
  });

  it('never raises the target, never lowers it by more than the old units, and keeps its parts adding up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000 }), fc.integer({ min: 0, max: 4_000 }), fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 1, max: 800 }), (onDemand, spot, demand, oldUnits) => {
        const current = { total: onDemand + spot, onDemand, spot };
        const { to, addedUnits } = releaseTarget(move({ oldUnits, demandUnits: demand, startTotal: current.total, surgeUnits: 0 }), current);
        expect(to.total).toBeLessThanOrEqual(current.total);
        expect(current.total - to.total).toBeLessThanOrEqual(oldUnits);
        expect(to.onDemand + to.spot).toBe(to.total);
        expect(addedUnits).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
