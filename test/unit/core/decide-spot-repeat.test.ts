import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import { incidentIdFor } from '../../../layers/core/incident';
import type { ActionStatus } from '../../../layers/core/incident';
import { DEFAULT_SPOT_POLICY } from '../../../layers/core/spot-policy';
import { actionOf, aContext, aFleet, aFleetView, aRebalance, aScheduledChangeFor, aStateChange, aWarning, INSTANCE_ID, settled, T0_MS, WARNING_EVENT_ID } from '../../helpers/spot-factories';

const NOW_MS = T0_MS + 1_500;

describe('decideSpot on repeated notices about one instance', () => {
  it('changes nothing for a redelivered event id', () => {
    // Prepare
    const first = decideSpot(aWarning(), aContext());
    const ctx = aContext({ incident: settled(first, NOW_MS), nowMs: NOW_MS + 5_000 });

    // Act
    const decision = decideSpot(aWarning(), ctx);

    // Assess
    expect(decision).toEqual({ incident: ctx.incident, actions: [], atRiskPools: [], changed: false, reasons: [`event ${aWarning().eventId} already handled`] });
  });

  it('retries a failed drain when the warning is redelivered while the incident is open', () => {
    // Prepare
    const first = decideSpot(aWarning(), aContext());
    const incident = settled(first, NOW_MS, (a) => (a.type === 'tag-drain' ? 'failed' : 'applied'));

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident, nowMs: NOW_MS + 5_000 }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(decision.incident?.incidentId).toBe(incident.incidentId);
    expect(decision.incident?.signals).toHaveLength(1);
  });

  it('does not reopen an ended incident for a redelivered warning whose drain had failed', () => {
    // Prepare: the drain failed, then the instance terminated and the surge was taken back
    const warned = settled(decideSpot(aWarning(), aContext()), NOW_MS, (a) => (a.type === 'tag-drain' ? 'failed' : 'applied'));
    const closing = decideSpot(aStateChange(), aContext({ incident: warned, fleetView: aFleetView({ totalTargetCapacity: 2400 }), nowMs: T0_MS + 125_000 }));
    const closed = settled(closing, T0_MS + 125_000);

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident: closed, nowMs: T0_MS + 130_000 }));

    // Assess
    expect(closed.phase).toBe('closed');
    expect(decision).toMatchObject({ incident: closed, actions: [], changed: false });
  });

  it.each<ActionStatus>(['applied', 'dry-run'])('does not surge again when the surge was %s', (status) => {
    // Prepare: an earlier rebalance surged and the drain follow-up has not run yet
    const rebalanced = decideSpot(aRebalance(), aContext({ nowMs: T0_MS - 60_000 }));
    const incident = settled(rebalanced, T0_MS - 59_000, () => status);

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
    expect(decision.incident?.incidentId).toBe(incident.incidentId);
    expect(decision.reasons).toContain(`surge already ${status} for this incident`);
  });

  it.each<ActionStatus>(['failed', 'blocked'])('retries a surge that %s on the rebalance', (status) => {
    // Prepare
    const rebalanced = decideSpot(aRebalance(), aContext({ nowMs: T0_MS - 60_000 }));
    const incident = settled(rebalanced, T0_MS - 59_000, (a) => (a.type === 'modify-fleet-capacity' ? status : 'applied'));

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity', 'tag-drain']);
    expect(decision.actions[0]?.idempotencyKey).toBe(`${incident.incidentId}:surge`);
  });

  it('does not tag the drain again when an earlier notice already drained the instance', () => {
    // Prepare: surge-and-drain drained at the rebalance
    const rebalanced = decideSpot(aRebalance(), aContext({ nowMs: T0_MS - 60_000, fleet: aFleet({ rebalancePolicy: 'surge-and-drain' }) }));
    const incident = settled(rebalanced, T0_MS - 59_000);

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident?.phase).toBe('interruption-warned');
    expect(decision.reasons).toContain('drain already requested');
  });

  it('opens a new incident, named after the new warning and at version 0, on an instance whose last incident has ended', () => {
    // Prepare: the ended incident was saved several times
    const ended = { ...settled(decideSpot(aWarning(), aContext({ nowMs: T0_MS + 200_000 })), T0_MS + 200_000), version: 7 };
    const laterNow = T0_MS + 86_400_000;

    // Act
    const decision = decideSpot(aWarning({ eventId: 'second-warning', emittedAtMs: laterNow - 1_000 }), aContext({ incident: ended, nowMs: laterNow }));

    // Assess
    expect(ended.phase).toBe('closed');
    expect(decision.incident?.incidentId).toBe(incidentIdFor(INSTANCE_ID, laterNow - 1_000, 'second-warning'));
    expect(decision.incident?.version).toBe(0);
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity', 'tag-drain']);
  });

  it("names a new incident after its opening signal's emission, not the clock, so a retry at another time finds the same incident", () => {
    // Act: the same warning decided when first received and, after a crash before anything was saved, 40 s later
    const first = decideSpot(aWarning(), aContext({ nowMs: NOW_MS }));
    const retried = decideSpot(aWarning(), aContext({ nowMs: NOW_MS + 40_000 }));

    // Assess
    expect(first.incident?.incidentId).toBe(incidentIdFor(INSTANCE_ID, T0_MS, WARNING_EVENT_ID));
    expect(retried.incident?.incidentId).toBe(first.incident?.incidentId);
    expect(retried.actions.map((a) => a.idempotencyKey)).toEqual(first.actions.map((a) => a.idempotencyKey));
    expect(first.incident?.version).toBe(0);
  });

  it('re-plans the follow-ups of a redelivered rebalance whose follow-up could not be scheduled, under the same keys', () => {
    // Prepare: the surge applied, the stand-down follow-up failed to schedule
    const first = decideSpot(aRebalance(), aContext());
    const incident = settled(first, NOW_MS, (a) => (a.type === 'schedule-follow-up' && a.purpose === 'drain-timeout' ? 'failed' : 'applied'));

    // Act
    const decision = decideSpot(aRebalance(), aContext({ incident, fleetView: aFleetView({ totalTargetCapacity: 2400 }), nowMs: NOW_MS + 5_000 }));

    // Assess
    expect(incident.failedFollowUps).toEqual(['drain-timeout']);
    expect(decision.changed).toBe(true);
    const keysOf = (actions: typeof first.actions) => actions.filter((a) => a.type === 'schedule-follow-up').map((a) => a.idempotencyKey);
    expect(keysOf(decision.actions)).toEqual(keysOf(first.actions));
    expect(keysOf(decision.actions)).toContain(`${incident.incidentId}:drain-timeout`);
    expect(decision.actions.some((a) => a.type === 'modify-fleet-capacity')).toBe(false);
    expect(decision.incident?.signals).toHaveLength(1);
  });

  it('changes nothing for a redelivered rebalance once its failed follow-up was scheduled after all', () => {
    // Prepare: the follow-up failed, then a retry scheduled it, clearing the failure
    const first = decideSpot(aRebalance(), aContext());
    const failing = settled(first, NOW_MS, (a) => (a.type === 'schedule-follow-up' ? 'failed' : 'applied'));
    const retry = decideSpot(aRebalance(), aContext({ incident: failing, nowMs: NOW_MS + 5_000 }));
    const scheduled = settled(retry, NOW_MS + 5_000);

    // Act
    const decision = decideSpot(aRebalance(), aContext({ incident: scheduled, nowMs: NOW_MS + 10_000 }));

    // Assess
    expect(scheduled.failedFollowUps).toBeUndefined();
    expect(decision).toMatchObject({ changed: false, actions: [] });
  });
});

describe('decideSpot on a warning after an earlier drain', () => {
  it('brings the drain deadline forward when a scheduled change drained with a later deadline', () => {
    // Prepare: a retirement announced at T0 - 60 s, starting too soon to wait for the replacement, was drained with its start as deadline
    const startMs = NOW_MS + 200_000;
    const prepared = settled(decideSpot(aScheduledChangeFor({ startMs, emittedAtMs: T0_MS - 60_000 }), aContext({ nowMs: T0_MS - 60_000 })), T0_MS - 59_000);
    const warning = aWarning();

    // Act
    const decision = decideSpot(warning, aContext({ incident: prepared }));

    // Assess
    expect(prepared.drain).toMatchObject({ status: 'applied', deadlineMs: startMs });
    expect(actionOf(decision.actions, 'tag-drain')).toMatchObject({
      deadlineMs: warning.deadlineMs,
      drainReason: 'spot-interruption',
      idempotencyKey: `${prepared.incidentId}:drain:${warning.deadlineMs}`,
      reason: 'bring the drain deadline forward to the interruption',
    });
  });

  it("brings forward a rebalance drain whose grace ends after the warning's deadline", () => {
    // Prepare: surge-and-drain with a 10-minute grace drained at R = T0 - 60 s, deadline R + 600 s
    const policy = { ...DEFAULT_SPOT_POLICY, drainGraceSeconds: 600 };
    const fleet = aFleet({ rebalancePolicy: 'surge-and-drain' });
    const rebalanced = settled(decideSpot(aRebalance(), aContext({ fleet, policy, nowMs: T0_MS - 60_000 })), T0_MS - 59_000);

    // Act
    const decision = decideSpot(aWarning(), aContext({ fleet, policy, incident: rebalanced }));

    // Assess
    expect(decision.actions).toEqual([expect.objectContaining({ type: 'tag-drain', deadlineMs: T0_MS + 120_000, idempotencyKey: `${rebalanced.incidentId}:drain:${T0_MS + 120_000}` })]);
  });

  it('does not tag again when the earlier drain has the same deadline', () => {
    // Prepare: an earlier delivery of a warning with the same deadline under another event id drained
    const warned = settled(decideSpot(aWarning({ eventId: 'first-copy' }), aContext()), NOW_MS);

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident: warned, nowMs: NOW_MS + 1_000 }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.reasons).toContain('drain already requested');
  });
});
