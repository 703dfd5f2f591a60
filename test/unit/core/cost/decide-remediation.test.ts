// Remediation decisions by example and by property: scale to need, back to Spot, undo stuck leftovers, or alert only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noEvidence, type FleetWindowEvidence } from '../../../../layers/core/cost/cost-evidence';
import { costRemediationPolicyOf } from '../../../../layers/core/cost/cost-remediation-policy';
import { decideRemediation, type FleetCostSnapshot } from '../../../../layers/core/cost/decide-remediation';
import type { FleetConfig } from '../../../../layers/core/fleet';
import { aFleet } from '../../../helpers/spot-factories';

const NOW = Date.UTC(2026, 10, 29, 9);
const MINUTE = 60_000;
const fleet = aFleet({ fleetId: 'fleet-0a', tier: 'standard', capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 100 }, minCapacityUnits: 200, onDemandBaseUnits: 200, drainTimeoutSeconds: 1800 });

/** 1,000 units (200 on-demand at $0.01/unit-h, 800 Spot at $0.004): $5.20/h. */
const aSnapshot = (overrides: Partial<FleetCostSnapshot> = {}, evidence: Partial<FleetWindowEvidence> = {}, fleetConfig: FleetConfig = fleet): FleetCostSnapshot => ({
  fleet: fleetConfig,
  nowMs: NOW,
  target: { total: 1000, onDemand: 200, spot: 800 },
  needUnits: 1000,
  onDemandUsdPerUnitHour: 0.01,
  spotUsdPerUnitHour: 0.004,
  spot: { calm: true, why: 'no Spot interruption in 6 h' },
  evidence: { ...noEvidence(fleetConfig.fleetId), ...evidence },
  ...overrides,
});
const standard = costRemediationPolicyOf('standard');

describe('decideRemediation', () => {
  it('scales capacity above the need down to it, hands-off on a standard fleet', () => {
    // Act
    const [r, ...rest] = decideRemediation(aSnapshot({ needUnits: 400 }), standard, 'a1');

    // Assess: 200 on-demand stay, 200 Spot remain: $2.80/h
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ kind: 'scale-to-need', mode: 'act', usdPerHourBefore: 5.2, action: { type: 'modify-fleet-capacity', fromTotal: 1000, toTotal: 400, idempotencyKey: 'cost#a1#fleet-0a#scale-to-need' } });
    expect(r?.usdPerHourAfter).toBeCloseTo(2.8);
  });

  it('leaves capacity within one instance of the need, and says there is nothing to undo', () => {
    // Act
    const result = decideRemediation(aSnapshot({ needUnits: 950 }), standard, 'a1');

    // Assess
    expect(result).toEqual([expect.objectContaining({ kind: 'alert-only', mode: 'recommend', reason: 'nothing to undo: capacity at need, on-demand at its base, no stuck surge or drain' })]);
  });

  it('asks the rebalancer to move on-demand above the base back to calm Spot', () => {
    // Prepare: a fallback left 800 units on on-demand
    const snapshot = aSnapshot({ target: { total: 1000, onDemand: 800, spot: 200 } });

    // Act
    const [r] = decideRemediation(snapshot, standard, 'a1');

    // Assess: $8.80/h -> $5.20/h
    expect(r).toMatchObject({ kind: 'rebalance-to-spot', mode: 'act' });
    expect(r?.rebalanceDetail).toBe('600 on-demand units above the 200-unit base with Spot calm (no Spot interruption in 6 h): $8.80/h -> $5.20/h');
  });

  it('keeps on-demand while Spot is not calm, and says so', () => {
    // Act
    const result = decideRemediation(aSnapshot({ target: { total: 1000, onDemand: 800, spot: 200 }, spot: { calm: false, why: '3 Spot interruptions in 6 h' } }), standard, 'a1');

    // Assess
    expect(result).toMatchObject([{ kind: 'alert-only', reason: 'nothing to undo: 600 on-demand units above the 200-unit base, but Spot is not calm: 3 Spot interruptions in 6 h' }]);
  });

  it('undoes a surge stuck for two hours before scaling the rest to need, and ignores a fresh one', () => {
    // Prepare
    const surges = [
      { incidentId: 'spot-i-0aaa-1', instanceId: 'i-0aaa', units: 100, atMs: NOW - 120 * MINUTE },
      { incidentId: 'spot-i-0bbb-1', instanceId: 'i-0bbb', units: 100, atMs: NOW - 10 * MINUTE },
    ];

    // Act
    const result = decideRemediation(aSnapshot({ needUnits: 600 }, { openSurges: surges }), standard, 'a1');

    // Assess
    expect(result.map((r) => [r.kind, r.action?.type === 'modify-fleet-capacity' ? [r.action.fromTotal, r.action.toTotal] : undefined])).toEqual([
      ['undo-surge', [1000, 900]],
      ['scale-to-need', [900, 600]],
    ]);
    expect(result[0]?.incident).toEqual({ incidentId: 'spot-i-0aaa-1', instanceId: 'i-0aaa' });
  });

  it('returns a drain stuck past its deadline and timeout to service', () => {
    // Prepare
    const drain = { incidentId: 'spot-i-0ccc-1', instanceId: 'i-0ccc', atMs: NOW - 90 * MINUTE, deadlineMs: NOW - 40 * MINUTE };

    // Act
    const [r] = decideRemediation(aSnapshot({}, { openDrains: [drain] }), standard, 'a1');

    // Assess
    expect(r).toMatchObject({ kind: 'undo-drain', mode: 'act', action: { type: 'untag-drain', instanceId: 'i-0ccc', incidentId: 'spot-i-0ccc-1' } });
  });

  it('only recommends what the tier does not run hands-off, and what changes more than the $/hour ceiling', () => {
    // Prepare
    const critical = aFleet({ ...fleet, tier: 'critical' });

    // Act
    const [onCritical] = decideRemediation(aSnapshot({ needUnits: 400 }, {}, critical), costRemediationPolicyOf('critical'), 'a1');
    const [expensive] = decideRemediation(aSnapshot({ needUnits: 400, onDemandUsdPerUnitHour: 0.5, spotUsdPerUnitHour: 0.2 }), standard, 'a1');

    // Assess
    expect(onCritical).toMatchObject({ kind: 'scale-to-need', mode: 'recommend' });
    expect(onCritical?.reason).toContain('(the critical tier only recommends scale-to-need)');
    expect(expensive).toMatchObject({ kind: 'scale-to-need', mode: 'recommend' });
    expect(expensive?.reason).toContain('($120.00/h is above the $50.00/h hands-off ceiling)');
  });

  it('leaves capacity as is without a recent forecast of the need', () => {
    // Act
    const { needUnits: _none, ...withoutNeed } = aSnapshot();
    const result = decideRemediation(withoutNeed, standard, 'a1');

    // Assess
    expect(result).toMatchObject([{ kind: 'alert-only', reason: 'nothing to undo: the need is unknown (no recent forecast, no arrivals observed): capacity left as is' }]);
  });

  it('never lowers a target below the fleet minimum or the need, nor raises one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 500 }), (total, need, surge) => {
        // Prepare
        const snapshot = aSnapshot({ target: { total, onDemand: Math.min(total, 200), spot: Math.max(0, total - 200) }, needUnits: need }, { openSurges: [{ incidentId: 'spot-i-0a-1', instanceId: 'i-0a', units: surge, atMs: NOW - 180 * MINUTE }] });

        // Act
        const actions = decideRemediation(snapshot, standard, 'p').flatMap((r) => (r.action?.type === 'modify-fleet-capacity' ? [r.action] : []));

        // Assess
        for (const a of actions) {
          expect(a.toTotal).toBeGreaterThanOrEqual(fleet.minCapacityUnits);
          expect(a.toTotal).toBeLessThan(a.fromTotal);
        }
        const last = actions.at(-1);
        if (last?.idempotencyKey.endsWith('scale-to-need')) expect(last.toTotal).toBeGreaterThanOrEqual(need);
      }),
    );
  });
});
