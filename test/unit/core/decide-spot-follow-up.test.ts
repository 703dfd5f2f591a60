import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { ActionStatus, Incident } from '../../../layers/core/incident';
import type { Action } from '../../../layers/core/plan';
import type { RebalancePolicy } from '../../../layers/core/fleet';
import { aContext, aFleet, aFleetView, aFollowUp, aRebalance, aScheduledChangeFor, aStateChange, aWarning, settled, T0_MS } from '../../helpers/spot-factories';

/** The rebalance recommendation arrives at R; its surge (2000 -> 2400) applies 0.5 s later. */
const R_MS = T0_MS - 3_600_000;
const SURGED_AT_MS = R_MS + 500;
const surged = aFleetView({ totalTargetCapacity: 2400, fulfilledCapacity: 2400 });
const launching = aFleetView({ totalTargetCapacity: 2400, fulfilledCapacity: 2000 });

const recommended = (policy: RebalancePolicy = 'surge-then-drain', statusOf: (a: Action) => ActionStatus = () => 'applied'): Incident =>
  settled(decideSpot(aRebalance({ emittedAtMs: R_MS }), aContext({ fleet: aFleet({ rebalancePolicy: policy }), nowMs: R_MS })), SURGED_AT_MS, statusOf);

const drainAfter = aFollowUp('drain-after-replacement');
const timeout = aFollowUp('drain-timeout');

describe('decideSpot on a drain-after-replacement follow-up', () => {
  it('looks again later while the replacement is within its launch lead time', () => {
    // Act: the follow-up fires at R + lead, 0.5 s before the surge is past its lead time
    const nowMs = R_MS + 240_000;
    const decision = decideSpot(drainAfter, aContext({ incident: recommended(), fleetView: surged, nowMs }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-after-replacement', atMs: nowMs + 60_000, reason: 'replacement still within its launch lead time: look again' }),
    ]);
    expect(decision.incident?.drain).toBeUndefined();
  });

  it('looks again later while the fleet has not fulfilled the surge', () => {
    // Act
    const decision = decideSpot(drainAfter, aContext({ incident: recommended(), fleetView: launching, nowMs: R_MS + 300_000 }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'schedule-follow-up', reason: 'fleet not fulfilled yet (2000/2400 units): look again' }),
    ]);
  });

  it('drains once the replacement is fulfilled and past its lead time', () => {
    // Act
    const nowMs = R_MS + 300_000;
    const decision = decideSpot(drainAfter, aContext({ incident: recommended(), fleetView: surged, nowMs }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'tag-drain', deadlineMs: nowMs + 120_000, drainReason: 'rebalance-recommendation', reason: 'replacement launched and past its lead time' }),
    ]);
  });

  it('drains anyway when time runs out before the drain timeout', () => {
    // Act: the stand-down is due at R + 1800 s, less than one retry away
    const decision = decideSpot(drainAfter, aContext({ incident: recommended(), fleetView: launching, nowMs: R_MS + 1_750_000 }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'tag-drain', reason: 'fleet not fulfilled yet (2000/2400 units), but time is running out: draining now' }),
    ]);
  });

  it('drains anyway when a scheduled change starts within one retry', () => {
    // Prepare: the change was prepared lead time + margin ahead (840 s) and starts in 50 s
    const nowMs = T0_MS;
    const prepared = settled(decideSpot(aScheduledChangeFor({ startMs: nowMs + 50_000 }), aContext({ nowMs: nowMs - 790_000 })), nowMs - 789_000);

    // Act
    const decision = decideSpot(drainAfter, aContext({ incident: prepared, fleetView: launching, nowMs }));

    // Assess
    expect(decision.actions).toEqual([expect.objectContaining({ type: 'tag-drain', deadlineMs: nowMs + 50_000, drainReason: 'scheduled-change' })]);
  });

  it('drains without waiting when there is no applied surge to wait for', () => {
    // Act
    const incident = recommended('surge-then-drain', (a) => (a.type === 'modify-fleet-capacity' ? 'failed' : 'applied'));
    const decision = decideSpot(drainAfter, aContext({ incident, fleetView: launching, nowMs: R_MS + 240_000 }));

    // Assess
    expect(decision.actions).toEqual([expect.objectContaining({ type: 'tag-drain', reason: 'no surge to wait for' })]);
  });

  it('changes nothing when the instance is already drained or the incident has ended', () => {
    // Prepare
    const drained = recommended('surge-and-drain');
    const closed = settled(decideSpot(aStateChange(), aContext({ incident: recommended(), fleetView: surged, nowMs: R_MS + 60_000 })), R_MS + 60_000);

    // Act
    const whenDrained = decideSpot(drainAfter, aContext({ incident: drained, fleetView: surged, nowMs: R_MS + 300_000 }));
    const whenClosed = decideSpot(drainAfter, aContext({ incident: closed, fleetView: aFleetView(), nowMs: R_MS + 300_000 }));

    // Assess
    expect(whenDrained).toMatchObject({ changed: false, actions: [], reasons: ['drain already requested'] });
    expect(whenClosed).toMatchObject({ changed: false, actions: [], reasons: ['follow-up drain-after-replacement: incident no longer open'] });
  });
});

describe('decideSpot on a drain-timeout follow-up', () => {
  it('stands a drained rebalance incident down: untag, then take back the surge', () => {
    // Act
    const decision = decideSpot(timeout, aContext({ incident: recommended('surge-and-drain'), fleetView: surged, nowMs: R_MS + 1_800_000 }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['untag-drain', 'modify-fleet-capacity']);
    expect(decision.actions[1]).toMatchObject({ purpose: 'restore', fromTotal: 2400, toTotal: 2000 });
    expect(decision.incident?.phase).toBe('stood-down');
    expect(decision.reasons).toEqual(['stood down after 1800 s without an interruption']);
  });

  it('only takes back the surge when the instance was never drained', () => {
    // Act
    const decision = decideSpot(timeout, aContext({ incident: recommended(), fleetView: surged, nowMs: R_MS + 1_800_000 }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity']);
    expect(decision.incident?.phase).toBe('stood-down');
  });

  it('does not stand down an incident whose interruption was warned', () => {
    // Prepare
    const warned = settled(decideSpot(aWarning(), aContext({ incident: recommended(), fleetView: surged, nowMs: T0_MS + 1_500 })), T0_MS + 2_000);

    // Act
    const decision = decideSpot(timeout, aContext({ incident: warned, fleetView: surged, nowMs: T0_MS + 60_000 }));

    // Assess
    expect(decision).toMatchObject({ changed: false, actions: [], reasons: ['interruption warned: the drain stays'] });
  });

  it('does not stand down a recommended instance whose scheduled change has not started', () => {
    // Prepare: a retirement is announced after the recommendation, starting in 14 days
    const withChange = settled(decideSpot(aScheduledChangeFor(), aContext({ incident: recommended(), fleetView: surged, nowMs: R_MS + 60_000 })), R_MS + 60_000);

    // Act
    const decision = decideSpot(timeout, aContext({ incident: withChange, fleetView: surged, nowMs: R_MS + 1_800_000 }));

    // Assess
    expect(withChange.phase).toBe('rebalance-recommended');
    expect(decision).toMatchObject({ changed: false, actions: [], reasons: ['scheduled change not started yet: the drain stays'] });
  });
});

describe('decideSpot on a prepare-scheduled-change follow-up', () => {
  const startMs = T0_MS + 14 * 24 * 3_600_000;
  const prepareAtMs = startMs - 840_000;
  const announced = (): Incident => settled(decideSpot(aScheduledChangeFor({ startMs }), aContext()), T0_MS + 2_000);

  it('surges and schedules the drain for when the replacement serves', () => {
    // Act
    const decision = decideSpot(aFollowUp('prepare-scheduled-change'), aContext({ incident: announced(), nowMs: prepareAtMs }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'surge', fromTotal: 2000, toTotal: 2400 }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-after-replacement', atMs: prepareAtMs + 240_000 }),
    ]);
    expect(decision.incident?.phase).toBe('scheduled-change');
  });

  it('changes nothing when the change was already prepared', () => {
    // Prepare
    const prepared = settled(decideSpot(aFollowUp('prepare-scheduled-change'), aContext({ incident: announced(), nowMs: prepareAtMs })), prepareAtMs);

    // Act
    const decision = decideSpot(aFollowUp('prepare-scheduled-change'), aContext({ incident: prepared, nowMs: prepareAtMs + 1_000 }));

    // Assess
    expect(decision).toMatchObject({ changed: false, actions: [], reasons: ['scheduled change already prepared'] });
  });
});
