import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import { incidentIdFor } from '../../../layers/core/incident';
import type { ActionStatus } from '../../../layers/core/incident';
import { aContext, aFleet, aFleetView, aRebalance, aStateChange, aWarning, INSTANCE_ID, settled, T0_MS } from '../../helpers/spot-factories';

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

  it('opens a new incident for a warning on an instance whose last incident has ended', () => {
    // Prepare
    const ended = settled(decideSpot(aWarning(), aContext({ nowMs: T0_MS + 200_000 })), T0_MS + 200_000);
    const laterNow = T0_MS + 86_400_000;

    // Act
    const decision = decideSpot(aWarning({ eventId: 'second-warning', emittedAtMs: laterNow - 1_000 }), aContext({ incident: ended, nowMs: laterNow }));

    // Assess
    expect(ended.phase).toBe('closed');
    expect(decision.incident?.incidentId).toBe(incidentIdFor(INSTANCE_ID, laterNow));
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity', 'tag-drain']);
  });
});
