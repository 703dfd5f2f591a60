import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import {
  actionOf,
  aContext,
  aFleetView,
  aRebalance,
  aWarning,
  INCIDENT_ID,
  INSTANCE_ID,
  settled,
  T0_MS,
} from '../../helpers/spot-factories';

const NOW_MS = T0_MS + 1_500;

describe('decideSpot on a spot interruption warning', () => {
  it('surges from the fleet total to total + the instance units before it tags the drain', () => {
    // Act
    const decision = decideSpot(aWarning(), aContext());

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity', 'tag-drain']);
    expect(decision.actions[0]).toMatchObject({ purpose: 'surge', fromTotal: 2000, toTotal: 2400 });
    expect(decision.changed).toBe(true);
  });

  it("gives the drain the warning's deadline and opens an interruption-warned incident", () => {
    // Act
    const decision = decideSpot(aWarning(), aContext());

    // Assess: the incident is named after the warning's emission (T0), not after the clock (T0 + 1.5 s)
    const incidentId = INCIDENT_ID;
    expect(actionOf(decision.actions, 'tag-drain')).toEqual({
      type: 'tag-drain',
      instanceId: INSTANCE_ID,
      incidentId,
      deadlineMs: T0_MS + 120_000,
      drainReason: 'spot-interruption',
      idempotencyKey: `${incidentId}:drain:${T0_MS + 120_000}`,
      reason: 'drain before the 2-minute deadline',
    });
    expect(decision.incident).toMatchObject({
      incidentId,
      phase: 'interruption-warned',
      spotAction: 'terminate',
      deadlineMs: T0_MS + 120_000,
      capacityUnits: 400,
      fleetUnitsAtOpen: 2000,
      openedAtMs: NOW_MS,
      signals: [{ kind: 'spot-interruption-warning', eventId: aWarning().eventId, late: false, receivedAtMs: NOW_MS }],
    });
  });

  it("remembers the instance's pool as at risk and records the interruption when it was emitted", () => {
    // Act
    const decision = decideSpot(aWarning(), aContext());

    // Assess
    expect(decision.atRiskPools).toEqual([
      { poolKey: 'g5.xlarge:us-east-1a:spot', untilMs: NOW_MS + 30 * 60_000, reason: 'spot interruption warning (terminate)' },
    ]);
    expect(decision.interruption).toEqual({ poolKey: 'g5.xlarge:us-east-1a:spot', atMs: T0_MS });
  });

  it('surges but does not drain a hibernating instance', () => {
    // Act
    const decision = decideSpot(aWarning({ action: 'hibernate' }), aContext());

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity']);
    expect(decision.incident?.phase).toBe('interruption-warned');
    expect(decision.reasons.join(' ')).toContain('no drain request');
  });

  it('drains a stop warning like a terminate warning', () => {
    // Act
    const decision = decideSpot(aWarning({ action: 'stop' }), aContext());

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity', 'tag-drain']);
  });

  it('records a warning received after its deadline as missed: closed, missed-notice, no actions', () => {
    // Prepare
    const ctx = aContext({ nowMs: T0_MS + 125_000 });

    // Act
    const decision = decideSpot(aWarning(), ctx);

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.changed).toBe(true);
    expect(decision.incident).toMatchObject({
      phase: 'closed',
      outcome: { finalState: 'missed-notice', closedAtMs: T0_MS + 125_000, lostUnits: 400 },
      signals: [{ late: true }],
    });
    expect(decision.reasons[0]).toMatch(/^notice received 5 s after its deadline: recorded as missed/);
    expect(decision.interruption).toEqual({ poolKey: 'g5.xlarge:us-east-1a:spot', atMs: T0_MS });
  });

  it('acts on a warning received exactly at its deadline', () => {
    // Act
    const decision = decideSpot(aWarning(), aContext({ nowMs: T0_MS + 120_000 }));

    // Assess
    expect(decision.incident?.phase).toBe('interruption-warned');
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity', 'tag-drain']);
  });

  it('takes back the surge of an earlier rebalance when the warning came too late to act on', () => {
    // Prepare: the rebalance surged 2000 -> 2400; the warning is delivered after the instance is gone
    const rebalanced = decideSpot(aRebalance(), aContext({ nowMs: T0_MS - 600_000 }));
    const incident = settled(rebalanced, T0_MS - 599_000);
    const ctx = aContext({ incident, nowMs: T0_MS + 130_000, fleetView: aFleetView({ totalTargetCapacity: 2400 }) });

    // Act
    const decision = decideSpot(aWarning(), ctx);

    // Assess
    expect(decision.incident?.outcome?.finalState).toBe('missed-notice');
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'restore', fromTotal: 2400, toTotal: 2000 }),
    ]);
  });
});
