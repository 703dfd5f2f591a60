import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { ActionStatus, Incident } from '../../../layers/core/incident';
import type { Action } from '../../../layers/core/plan';
import { undoPending } from '../../../layers/core/spot-incident';
import { aContext, aFleet, aFleetView, aFollowUpOf, aRebalance, aStateChange, aWarning, settled, T0_MS } from '../../helpers/spot-factories';

const WARNED_AT_MS = T0_MS + 1_500;
const GONE_AT_MS = T0_MS + 125_000;
const surged = aFleetView({ totalTargetCapacity: 2400, fulfilledCapacity: 2400 });
const restoreOf = (a: Action): boolean => a.type === 'modify-fleet-capacity' && a.purpose === 'restore';

/** Warned and surged, then terminated: the close's restore ended with `status`. */
const closedWith = (status: ActionStatus): Incident => {
  const warned = settled(decideSpot(aWarning(), aContext()), WARNED_AT_MS);
  return settled(decideSpot(aStateChange(), aContext({ incident: warned, fleetView: surged, nowMs: GONE_AT_MS })), GONE_AT_MS, () => status);
};

/** A surge-and-drain recommendation at R stood down at R + 1800 s: the untag and the restore ended as given. */
const R_MS = T0_MS - 3_600_000;
const stoodDownWith = (untag: ActionStatus, restore: ActionStatus): Incident => {
  const ctx = aContext({ fleet: aFleet({ rebalancePolicy: 'surge-and-drain' }), nowMs: R_MS });
  const recommended = settled(decideSpot(aRebalance({ emittedAtMs: R_MS }), ctx), R_MS + 500);
  const standDown = decideSpot(aFollowUpOf(recommended, 'drain-timeout'), { ...ctx, incident: recommended, fleetView: surged, nowMs: R_MS + 1_800_000 });
  return settled(standDown, R_MS + 1_800_000, (a) => (a.type === 'untag-drain' ? untag : restore));
};

describe('undoPending', () => {
  it.each<[string, boolean, () => Incident]>([
    ['a closed incident whose restore failed', true, () => closedWith('failed')],
    ['a closed incident whose restore was blocked', true, () => closedWith('blocked')],
    ['a closed incident whose restore applied', false, () => closedWith('applied')],
    ['a stood-down incident whose untag failed', true, () => stoodDownWith('failed', 'applied')],
    ['a stood-down incident whose untag was blocked', true, () => stoodDownWith('blocked', 'applied')],
    ['a stood-down incident whose undo all applied', false, () => stoodDownWith('applied', 'applied')],
    ['an open incident whose surge failed', false, () => settled(decideSpot(aWarning(), aContext()), WARNED_AT_MS, () => 'failed')],
  ])('for %s: %s', (_name, expected, incident) => {
    // Act / Assess
    expect(undoPending(incident())).toBe(expected);
  });
});

describe('decideSpot on an ended incident whose undo did not apply', () => {
  it.each<ActionStatus>(['failed', 'blocked'])('retries a restore that %s when the closing state change is redelivered', (status) => {
    // Act
    const closed = closedWith(status);
    const decision = decideSpot(aStateChange(), aContext({ incident: closed, fleetView: surged, nowMs: GONE_AT_MS + 60_000 }));

    // Assess
    expect(decision.changed).toBe(true);
    expect(decision.actions).toEqual([expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'restore', fromTotal: 2400, toTotal: 2000, idempotencyKey: `${closed.incidentId}:restore` })]);
    expect(decision.incident).toMatchObject({ incidentId: closed.incidentId, phase: 'closed' });
  });

  it('retries the restore on any follow-up, even one scheduled for another purpose', () => {
    // Act: the stand-down follow-up of the warning's incident fires after the close
    const closed = closedWith('failed');
    const decision = decideSpot(aFollowUpOf(closed, 'drain-after-replacement'), aContext({ incident: closed, fleetView: surged, nowMs: GONE_AT_MS + 600_000 }));

    // Assess
    expect(decision.actions.map(restoreOf)).toEqual([true]);
    expect(decision.reasons[0]).toContain('retrying the restore that did not apply');
  });

  it('retries only the untag when the stand-down untag failed and its restore applied', () => {
    // Prepare
    const stoodDown = stoodDownWith('failed', 'applied');

    // Act: the stand-down follow-up is delivered again
    const decision = decideSpot(aFollowUpOf(stoodDown, 'drain-timeout'), aContext({ incident: stoodDown, fleetView: aFleetView(), nowMs: R_MS + 1_860_000 }));

    // Assess
    expect(decision.actions).toEqual([
      {
        type: 'untag-drain',
        instanceId: stoodDown.instanceId,
        incidentId: stoodDown.incidentId,
        idempotencyKey: `${stoodDown.incidentId}:undrain`,
        reason: 'retrying the drain undo that did not apply',
      },
    ]);
    expect(decision.incident?.phase).toBe('stood-down');
  });

  it('retries the untag, then the restore, when both were blocked', () => {
    // Act: the recommendation is redelivered after the stand-down
    const stoodDown = stoodDownWith('blocked', 'blocked');
    const decision = decideSpot(aRebalance({ emittedAtMs: R_MS }), aContext({ incident: stoodDown, fleetView: surged, nowMs: R_MS + 1_900_000 }));

    // Assess
    expect(decision.actions.map((a) => (restoreOf(a) ? 'restore' : a.type))).toEqual(['untag-drain', 'restore']);
  });

  it('says nothing is left to undo when the target is already back at the fleet minimum', () => {
    // Act: someone lowered the target to the minimum meanwhile
    const closed = closedWith('failed');
    const decision = decideSpot(aStateChange(), aContext({ incident: closed, fleetView: aFleetView({ totalTargetCapacity: 400 }), nowMs: GONE_AT_MS + 60_000 }));

    // Assess
    expect(decision).toMatchObject({ changed: false, actions: [], reasons: ['nothing left to undo'] });
  });

  it('does not reopen the incident or surge for a redelivered warning', () => {
    // Act
    const closed = closedWith('failed');
    const decision = decideSpot(aWarning(), aContext({ incident: closed, fleetView: surged, nowMs: GONE_AT_MS + 60_000 }));

    // Assess
    expect(decision.actions.map(restoreOf)).toEqual([true]);
    expect(decision.incident).toMatchObject({ incidentId: closed.incidentId, phase: 'closed' });
  });
});
