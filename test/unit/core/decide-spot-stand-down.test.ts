import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { ActionStatus, Incident } from '../../../layers/core/incident';
import type { Action, ScheduleFollowUpAction } from '../../../layers/core/plan';
import type { RebalancePolicy } from '../../../layers/core/fleet';
import { aContext, aFleet, aFleetView, aFollowUpOf, aRebalance, aScheduledChangeFor, aWarning, settled, T0_MS } from '../../helpers/spot-factories';

/** The rebalance recommendation arrives at R; its surge (2000 -> 2400) applies 0.5 s later. */
const R_MS = T0_MS - 3_600_000;
const surged = aFleetView({ totalTargetCapacity: 2400, fulfilledCapacity: 2400 });

const recommended = (policy: RebalancePolicy = 'surge-then-drain', statusOf: (a: Action) => ActionStatus = () => 'applied'): Incident =>
  settled(decideSpot(aRebalance({ emittedAtMs: R_MS }), aContext({ fleet: aFleet({ rebalancePolicy: policy }), nowMs: R_MS })), R_MS + 500, statusOf);

describe('decideSpot on a drain-timeout follow-up', () => {
  it('stands a drained rebalance incident down: untag under the undrain key, then take back the surge', () => {
    // Prepare
    const incident = recommended('surge-and-drain');

    // Act
    const decision = decideSpot(aFollowUpOf(incident, 'drain-timeout'), aContext({ incident, fleetView: surged, nowMs: R_MS + 1_800_000 }));

    // Assess
    expect(decision.actions).toEqual([
      {
        type: 'untag-drain',
        instanceId: incident.instanceId,
        incidentId: incident.incidentId,
        idempotencyKey: `${incident.incidentId}:undrain`,
        reason: 'no interruption after the rebalance-recommended notice: the instance serves again',
      },
      expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'restore', fromTotal: 2400, toTotal: 2000 }),
    ]);
    expect(decision.incident?.phase).toBe('stood-down');
    expect(decision.reasons).toHaveLength(1);
    expect(decision.reasons[0]).toMatch(/^stood down: the .+ notice was not followed by an interruption$/);
  });

  it('only takes back the surge when the instance was never drained', () => {
    // Prepare
    const incident = recommended();

    // Act
    const decision = decideSpot(aFollowUpOf(incident, 'drain-timeout'), aContext({ incident, fleetView: surged, nowMs: R_MS + 1_800_000 }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity']);
    expect(decision.incident?.phase).toBe('stood-down');
  });

  it('ends a notify-only incident, which neither surged nor drained, with nothing to undo', () => {
    // Prepare
    const incident = recommended('notify-only');
    const [standDown] = decideSpot(aRebalance({ emittedAtMs: R_MS }), aContext({ fleet: aFleet({ rebalancePolicy: 'notify-only' }), nowMs: R_MS })).actions;

    // Act
    const decision = decideSpot(aFollowUpOf(incident, 'drain-timeout'), aContext({ incident, nowMs: R_MS + 1_800_000 }));

    // Assess
    expect(standDown).toMatchObject({ type: 'schedule-follow-up', purpose: 'drain-timeout', atMs: R_MS + 1_800_000 });
    expect(decision).toMatchObject({ changed: true, actions: [] });
    expect(decision.incident?.phase).toBe('stood-down');
  });

  it('does not stand down an incident whose interruption was warned', () => {
    // Prepare
    const warned = settled(decideSpot(aWarning(), aContext({ incident: recommended(), fleetView: surged, nowMs: T0_MS + 1_500 })), T0_MS + 2_000);

    // Act
    const decision = decideSpot(aFollowUpOf(warned, 'drain-timeout'), aContext({ incident: warned, fleetView: surged, nowMs: T0_MS + 60_000 }));

    // Assess
    expect(decision).toMatchObject({ changed: false, actions: [], reasons: ['interruption warned: the drain stays'] });
  });

  it('does not stand down a recommended instance whose scheduled change has not started', () => {
    // Prepare: a retirement is announced after the recommendation, starting in 14 days
    const withChange = settled(decideSpot(aScheduledChangeFor(), aContext({ incident: recommended(), fleetView: surged, nowMs: R_MS + 60_000 })), R_MS + 60_000);

    // Act
    const decision = decideSpot(aFollowUpOf(withChange, 'drain-timeout'), aContext({ incident: withChange, fleetView: surged, nowMs: R_MS + 1_800_000 }));

    // Assess
    expect(withChange.phase).toBe('rebalance-recommended');
    expect(decision).toMatchObject({ changed: false, actions: [], reasons: ['scheduled change not started yet: the drain stays'] });
  });

  it('stands down an instance that outlived its scheduled reboot: untag and take back the surge', () => {
    // Prepare: a reboot from S to S + 1 h, announced 5 min ahead, surged and drained; the instance is still running after it
    const startMs = T0_MS + 300_000;
    const endMs = startMs + 3_600_000;
    const announced = decideSpot(aScheduledChangeFor({ startMs, endMs, eventTypeCode: 'AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED' }), aContext());
    const drained = settled(announced, T0_MS + 2_000);
    const standDownAt = announced.actions.find((a): a is ScheduleFollowUpAction => a.type === 'schedule-follow-up' && a.purpose === 'drain-timeout')?.atMs;

    // Act
    const decision = decideSpot(aFollowUpOf(drained, 'drain-timeout'), aContext({ incident: drained, fleetView: surged, nowMs: standDownAt ?? 0 }));

    // Assess
    expect(standDownAt).toBe(endMs + 600_000);
    expect(drained.drain?.status).toBe('applied');
    expect(decision.actions.map((a) => [a.type, a.idempotencyKey])).toEqual([
      ['untag-drain', `${drained.incidentId}:undrain`],
      ['modify-fleet-capacity', `${drained.incidentId}:restore`],
    ]);
    expect(decision.incident?.phase).toBe('stood-down');
  });
});
