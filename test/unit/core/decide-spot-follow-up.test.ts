import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { ActionStatus, Incident } from '../../../layers/core/incident';
import type { Action } from '../../../layers/core/plan';
import type { RebalancePolicy } from '../../../layers/core/fleet';
import { incidentIdFor } from '../../../layers/core/incident';
import { aContext, aFleet, aFleetView, aFollowUp, aFollowUpOf, aRebalance, aScheduledChangeFor, aStateChange, INSTANCE_ID, REBALANCE_EVENT_ID, settled, T0_MS } from '../../helpers/spot-factories';

/** The rebalance recommendation arrives at R; its surge (2000 -> 2400) applies 0.5 s later. */
const R_MS = T0_MS - 3_600_000;
const SURGED_AT_MS = R_MS + 500;
const surged = aFleetView({ totalTargetCapacity: 2400, fulfilledCapacity: 2400 });
const launching = aFleetView({ totalTargetCapacity: 2400, fulfilledCapacity: 2000 });

const recommended = (policy: RebalancePolicy = 'surge-then-drain', statusOf: (a: Action) => ActionStatus = () => 'applied'): Incident =>
  settled(decideSpot(aRebalance({ emittedAtMs: R_MS }), aContext({ fleet: aFleet({ rebalancePolicy: policy }), nowMs: R_MS })), SURGED_AT_MS, statusOf);

/** The follow-up the recommendation scheduled: it names the incident the recommendation opened. */
const drainAfter = aFollowUp('drain-after-replacement', { incidentId: incidentIdFor(INSTANCE_ID, R_MS, REBALANCE_EVENT_ID) });

describe('decideSpot on a drain-after-replacement follow-up', () => {
  it('drains at once when the replacement serves', () => {
    // Act
    const decision = decideSpot(drainAfter, aContext({ incident: recommended(), fleetView: surged, nowMs: R_MS + 240_500 }));

    // Assess
    expect(decision.actions).toEqual([expect.objectContaining({ type: 'tag-drain', reason: 'replacement launched and past its lead time' })]);
  });

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

  it('does not drain a recommended instance without its replacement when no interruption deadline is known, and leaves it to the stand-down', () => {
    // Act: the stand-down is due at R + 1800 s, less than one retry away, and the replacement is not there
    const decision = decideSpot(drainAfter, aContext({ incident: recommended(), fleetView: launching, nowMs: R_MS + 1_750_000 }));

    // Assess
    expect(decision).toMatchObject({
      changed: true,
      actions: [],
      reasons: ['fleet not fulfilled yet (2000/2400 units); no interruption deadline: not draining, the stand-down will undo the surge'],
    });
    expect(decision.incident?.drain).toBeUndefined();
    expect(decision.incident?.phase).toBe('rebalance-recommended');
  });

  it('drains now, without its replacement, when the scheduled change starts within one retry', () => {
    // Prepare: the change was prepared lead time + margin ahead (840 s) and starts in 50 s
    const nowMs = T0_MS;
    const prepared = settled(decideSpot(aScheduledChangeFor({ startMs: nowMs + 50_000 }), aContext({ nowMs: nowMs - 790_000 })), nowMs - 789_000);

    // Act
    const decision = decideSpot(aFollowUpOf(prepared, 'drain-after-replacement'), aContext({ incident: prepared, fleetView: launching, nowMs }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({
        type: 'tag-drain',
        deadlineMs: nowMs + 50_000,
        drainReason: 'scheduled-change',
        reason: 'fleet not fulfilled yet (2000/2400 units), but the deadline is near: draining now',
      }),
    ]);
  });

  it('looks again rather than drain while the next look still comes before the scheduled deadline', () => {
    // Prepare: announced at T0 - 60 s, starting at T0 + 400 s: surged, the drain waits for the replacement
    const nowMs = T0_MS;
    const prepared = settled(decideSpot(aScheduledChangeFor({ startMs: nowMs + 400_000 }), aContext({ nowMs: nowMs - 60_000 })), nowMs - 59_000);

    // Act
    const decision = decideSpot(aFollowUpOf(prepared, 'drain-after-replacement'), aContext({ incident: prepared, fleetView: launching, nowMs }));

    // Assess
    expect(prepared.drain).toBeUndefined();
    expect(decision.actions).toEqual([expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-after-replacement', atMs: nowMs + 60_000 })]);
  });

  it('does not drain a recommended instance that got no replacement: it keeps serving until a warning', () => {
    // Act: the surge failed, so nothing replaces the instance yet
    const incident = recommended('surge-then-drain', (a) => (a.type === 'modify-fleet-capacity' ? 'failed' : 'applied'));
    const decision = decideSpot(drainAfter, aContext({ incident, fleetView: launching, nowMs: R_MS + 240_000 }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.changed).toBe(true);
    expect(decision.reasons).toEqual(['no replacement was launched (none was needed): the instance keeps serving until an interruption warning']);
  });

  it('drains a scheduled-change instance even without a surge to wait for: it will go at the deadline', () => {
    // Prepare: a retirement prepared without a surge (none needed), its deadline 5 minutes away
    const start = R_MS + 600_000;
    const prepared = settled(
      decideSpot(aScheduledChangeFor({ emittedAtMs: R_MS, startMs: start }), aContext({ nowMs: R_MS, demand: { arrivalQps: 10, backlog: 0 } })),
      R_MS,
      (a) => (a.type === 'tag-drain' ? 'failed' : 'applied'),
    );
    // Act
    const decision = decideSpot(aFollowUpOf(prepared, 'drain-after-replacement'), aContext({ incident: prepared, nowMs: start - 300_000 }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
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

describe('decideSpot on a prepare-scheduled-change follow-up', () => {
  const startMs = T0_MS + 14 * 24 * 3_600_000;
  const prepareAtMs = startMs - 840_000;
  const announced = (): Incident => settled(decideSpot(aScheduledChangeFor({ startMs }), aContext()), T0_MS + 2_000);

  it('surges and schedules the drain for when the replacement serves', () => {
    // Act
    const incident = announced();
    const decision = decideSpot(aFollowUpOf(incident, 'prepare-scheduled-change'), aContext({ incident, nowMs: prepareAtMs }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'surge', fromTotal: 2000, toTotal: 2400 }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-after-replacement', atMs: prepareAtMs + 240_000 }),
    ]);
    expect(decision.incident?.phase).toBe('scheduled-change');
  });

  it('changes nothing when the change was already prepared', () => {
    // Prepare
    const incident = announced();
    const prepared = settled(decideSpot(aFollowUpOf(incident, 'prepare-scheduled-change'), aContext({ incident, nowMs: prepareAtMs })), prepareAtMs);

    // Act
    const decision = decideSpot(aFollowUpOf(prepared, 'prepare-scheduled-change'), aContext({ incident: prepared, nowMs: prepareAtMs + 1_000 }));

    // Assess
    expect(decision).toMatchObject({ changed: false, actions: [], reasons: ['scheduled change already prepared'] });
  });
});

describe('decideSpot on a follow-up of an earlier incident', () => {
  it('ignores it: the open incident of the same instance stays unchanged', () => {
    // Prepare: the first recommendation's incident stood down; a second recommendation at T0 opened another
    const first = recommended();
    const stoodDown = settled(decideSpot(aFollowUpOf(first, 'drain-timeout'), aContext({ incident: first, fleetView: surged, nowMs: R_MS + 1_800_000 })), R_MS + 1_800_000);
    const second = settled(decideSpot(aRebalance({ eventId: 'second-recommendation', emittedAtMs: T0_MS }), aContext({ incident: stoodDown, nowMs: T0_MS })), T0_MS + 500);

    // Act: a look-again the first incident scheduled fires now
    const stale = aFollowUpOf(first, 'drain-after-replacement', { eventId: 'stale-look-again' });
    const decision = decideSpot(stale, aContext({ incident: second, fleetView: surged, nowMs: T0_MS + 300_000 }));

    // Assess
    expect(stoodDown.phase).toBe('stood-down');
    expect(second.incidentId).not.toBe(first.incidentId);
    expect(decision).toEqual({
      incident: second,
      actions: [],
      atRiskPools: [],
      changed: false,
      reasons: [`follow-up drain-after-replacement of an earlier incident (${first.incidentId}): ignored`],
    });
  });

  it('acts on the same follow-up when it names the open incident', () => {
    // Act
    const incident = recommended();
    const decision = decideSpot(aFollowUpOf(incident, 'drain-after-replacement'), aContext({ incident, fleetView: surged, nowMs: R_MS + 300_000 }));

    // Assess
    expect(decision.changed).toBe(true);
    expect(decision.actions.map((a) => a.type)).toEqual(['tag-drain']);
  });
});
