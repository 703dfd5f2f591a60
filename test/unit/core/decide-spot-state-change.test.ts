import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { ActionStatus, Incident } from '../../../layers/core/incident';
import type { Action } from '../../../layers/core/plan';
import { actionOf, aContext, aFleet, aFleetView, anInstance, anOverride, aRebalance, aStateChange, aWarning, settled, T0_MS } from '../../helpers/spot-factories';

const WARNED_AT_MS = T0_MS + 1_500;
const GONE_AT_MS = T0_MS + 125_000;

/** The incident after the warning's surge (2000 -> 2400, g5 in us-east-1a left out) and drain ran at `atMs`. */
const warnedIncident = (statusOf: (a: Action) => ActionStatus = () => 'applied', atMs = WARNED_AT_MS + 500): Incident =>
  settled(decideSpot(aWarning(), aContext()), atMs, statusOf);

/** The fleet after the surge: 2400 units, the us-east-1a g5 override left out. */
const surgedView = aFleetView({
  totalTargetCapacity: 2400,
  fulfilledCapacity: 2400,
  overrides: [anOverride('g5.xlarge', 'us-east-1b', 400), anOverride('g6.xlarge', 'us-east-1a', 360), anOverride('g6.xlarge', 'us-east-1b', 360)],
});

describe('decideSpot on an instance state change', () => {
  it('closes the open incident with the final state and the units lost', () => {
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: surgedView, nowMs: GONE_AT_MS }));

    // Assess
    expect(decision.changed).toBe(true);
    expect(decision.incident).toMatchObject({
      phase: 'closed',
      outcome: { finalState: 'terminated', closedAtMs: GONE_AT_MS, lostUnits: 400, drainedBeforeDeadline: true },
    });
    expect(decision.incident?.signals.at(-1)).toMatchObject({ kind: 'instance-state-change', detail: 'terminated' });
  });

  it('lowers the target by exactly the surge units and puts back the overrides the surge left out', () => {
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: surgedView, nowMs: GONE_AT_MS }));

    // Assess
    const incidentId = decision.incident?.incidentId ?? '';
    expect(decision.actions).toEqual([
      {
        type: 'modify-fleet-capacity',
        fleetId: aFleet().fleetId,
        purpose: 'restore',
        fromTotal: 2400,
        toTotal: 2000,
        avoidPools: [],
        overrides: [...surgedView.overrides, anOverride('g5.xlarge', 'us-east-1a', 400)],
        idempotencyKey: `${incidentId}:restore`,
        reason: 'instance terminated: take back the 400-unit surge (the fleet keeps the replacement and does not launch another)',
      },
    ]);
  });

  it('does not list the overrides again when they are already back', () => {
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: aFleetView({ totalTargetCapacity: 2400 }), nowMs: GONE_AT_MS }));

    // Assess
    expect(decision.actions[0]).toMatchObject({ purpose: 'restore', fromTotal: 2400, toTotal: 2000 });
    expect(decision.actions[0]).not.toHaveProperty('overrides');
  });

  it('never restores below the fleet minimum', () => {
    // Prepare: someone lowered the target to 600 meanwhile
    const ctx = aContext({ incident: warnedIncident(), fleetView: aFleetView({ totalTargetCapacity: 600 }), nowMs: GONE_AT_MS });

    // Act
    const restore = actionOf(decideSpot(aStateChange({ state: 'stopped' }), ctx).actions, 'modify-fleet-capacity');

    // Assess
    expect(restore).toMatchObject({ fromTotal: 600, toTotal: 400 });
  });

  it('closes without a restore when the target is already at the fleet minimum', () => {
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: aFleetView({ totalTargetCapacity: 400 }), nowMs: GONE_AT_MS }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident?.phase).toBe('closed');
    expect(decision.reasons).toEqual(['instance terminated: incident closed']);
  });

  it.each<ActionStatus>(['dry-run', 'failed', 'blocked'])('takes nothing back for a surge that was %s', (status) => {
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(() => status), fleetView: surgedView, nowMs: GONE_AT_MS }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident?.phase).toBe('closed');
  });

  it('takes nothing back when the fleet is no longer described', () => {
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: undefined, nowMs: GONE_AT_MS }));

    // Assess
    expect(decision.actions).toEqual([]);
  });

  it('changes nothing when the instance has no open incident', () => {
    // Prepare
    const closed = settled(decideSpot(aStateChange({ state: 'stopping' }), aContext({ incident: warnedIncident(), fleetView: surgedView, nowMs: GONE_AT_MS })), GONE_AT_MS);

    // Act
    const none = decideSpot(aStateChange(), aContext({ nowMs: GONE_AT_MS }));
    const afterClose = decideSpot(aStateChange({ eventId: 'stopped-event', state: 'stopped' }), aContext({ incident: closed, nowMs: GONE_AT_MS + 5_000 }));

    // Assess
    expect(none).toMatchObject({ incident: undefined, actions: [], changed: false, reasons: ['state terminated with no open incident: nothing to close'] });
    expect(afterClose).toMatchObject({ incident: closed, actions: [], changed: false });
  });

  it('says the drain came after the deadline when it did', () => {
    // Act
    const late = warnedIncident(() => 'applied', T0_MS + 121_000);
    const decision = decideSpot(aStateChange(), aContext({ incident: late, fleetView: surgedView, nowMs: GONE_AT_MS }));

    // Assess
    expect(decision.incident?.outcome?.drainedBeforeDeadline).toBe(false);
  });

  it('does not count a drain that did not apply as drained before the deadline', () => {
    // Act
    const failedDrain = warnedIncident((a) => (a.type === 'tag-drain' ? 'failed' : 'applied'));
    const decision = decideSpot(aStateChange(), aContext({ incident: failedDrain, fleetView: surgedView, nowMs: GONE_AT_MS }));

    // Assess
    expect(decision.incident?.outcome?.drainedBeforeDeadline).toBe(false);
  });

  it('leaves drainedBeforeDeadline out when there was no drain or no deadline', () => {
    // Prepare
    const hibernated = settled(decideSpot(aWarning({ action: 'hibernate' }), aContext()), WARNED_AT_MS);
    const recommended = settled(decideSpot(aRebalance(), aContext({ fleet: aFleet({ rebalancePolicy: 'surge-and-drain' }) })), WARNED_AT_MS);

    // Act
    const afterHibernate = decideSpot(aStateChange({ state: 'stopped' }), aContext({ incident: hibernated, fleetView: surgedView, nowMs: GONE_AT_MS }));
    const afterRecommendation = decideSpot(aStateChange(), aContext({ incident: recommended, fleetView: surgedView, nowMs: GONE_AT_MS }));

    // Assess
    expect(afterHibernate.incident?.outcome).not.toHaveProperty('drainedBeforeDeadline');
    expect(afterRecommendation.incident?.outcome).not.toHaveProperty('drainedBeforeDeadline');
    expect(afterRecommendation.incident?.outcome?.finalState).toBe('terminated');
  });

  it('retries only the restore when the closing state change is redelivered after the restore failed', () => {
    // Prepare: the close ran, its restore failed (EC2 throttled)
    const close = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: surgedView, nowMs: GONE_AT_MS }));
    const closed = settled(close, GONE_AT_MS, () => 'failed');
    // Act: Lambda redelivers the same state change
    const retry = decideSpot(aStateChange(), aContext({ incident: closed, fleetView: surgedView, nowMs: GONE_AT_MS + 60_000 }));
    // Assess
    expect(retry.changed).toBe(true);
    expect(retry.actions.map((a) => [a.type, a.type === 'modify-fleet-capacity' ? a.purpose : ''])).toEqual([['modify-fleet-capacity', 'restore']]);
    expect(retry.incident?.phase).toBe('closed');
  });

  it('does nothing on a redelivered state change once the restore applied', () => {
    // Prepare
    const close = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: surgedView, nowMs: GONE_AT_MS }));
    const closed = settled(close, GONE_AT_MS);
    // Act
    const again = decideSpot(aStateChange(), aContext({ incident: closed, fleetView: aFleetView({ totalTargetCapacity: 2000 }), nowMs: GONE_AT_MS + 60_000 }));
    // Assess
    expect(again.changed).toBe(false);
    expect(again.actions).toEqual([]);
  });
});

describe('decideSpot on a state change, with the agent acknowledgement', () => {
  it("records when the agent said it drained, and judges the deadline by it", () => {
    // Prepare: the agent tagged itself drained 150 s after the warning: after the 120 s deadline
    const late = new Date(T0_MS + 150_000).toISOString();
    const instance = anInstance({ state: 'shutting-down', tags: { 'autopilot:drained': late } });
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: surgedView, nowMs: GONE_AT_MS, instance }));
    // Assess
    expect(decision.incident?.drain?.acknowledgedAtMs).toBe(T0_MS + 150_000);
    expect(decision.incident?.outcome?.drainedBeforeDeadline).toBe(false);
  });
});

describe('decideSpot on a state change, with a leftover acknowledgement', () => {
  it('ignores a drained tag older than this incident\'s drain request', () => {
    // Prepare: the tag says drained an hour before the warning (an earlier drain or an agent restart)
    const stale = new Date(T0_MS - 3_600_000).toISOString();
    const instance = anInstance({ state: 'shutting-down', tags: { 'autopilot:drained': stale } });
    // Act
    const decision = decideSpot(aStateChange(), aContext({ incident: warnedIncident(), fleetView: surgedView, nowMs: GONE_AT_MS, instance }));
    // Assess
    expect(decision.incident?.drain?.acknowledgedAtMs).toBeUndefined();
    expect(decision.incident?.outcome?.drainedBeforeDeadline).toBe(true);
  });
});
