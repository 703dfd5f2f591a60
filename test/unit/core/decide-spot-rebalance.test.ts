import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { IncidentPhase } from '../../../layers/core/incident';
import { laterPhase } from '../../../layers/core/spot-incident';
import { aContext, aFleet, aFleetView, aRebalance, aScheduledChangeFor, aWarning, INSTANCE_ID, REBALANCE_EVENT_ID, settled, T0_MS } from '../../helpers/spot-factories';

const NOW_MS = T0_MS + 1_500;

describe('decideSpot on a rebalance recommendation', () => {
  it('surges, drains after the launch lead time and stands down after the drain timeout (surge-then-drain)', () => {
    // Act
    const decision = decideSpot(aRebalance(), aContext());

    // Assess
    const id = decision.incident?.incidentId ?? '';
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'surge', fromTotal: 2000, toTotal: 2400 }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-after-replacement', atMs: NOW_MS + 240_000, idempotencyKey: `${id}:drain-after-replacement` }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-timeout', atMs: NOW_MS + 1_800_000 }),
    ]);
    expect(decision.incident).toMatchObject({ phase: 'rebalance-recommended', signals: [{ kind: 'rebalance-recommendation' }] });
    expect(decision.incident?.deadlineMs).toBeUndefined();
  });

  it('marks the pool at risk but records no interruption', () => {
    // Act
    const decision = decideSpot(aRebalance(), aContext());

    // Assess
    expect(decision.atRiskPools).toEqual([{ poolKey: 'g5.xlarge:us-east-1a:spot', untilMs: NOW_MS + 1_800_000, reason: 'rebalance recommendation' }]);
    expect(decision.interruption).toBeUndefined();
  });

  it('drains at once, with the grace period as deadline, under surge-and-drain', () => {
    // Act
    const decision = decideSpot(aRebalance(), aContext({ fleet: aFleet({ rebalancePolicy: 'surge-and-drain' }) }));

    // Assess
    expect(decision.actions.map((a) => [a.type, 'purpose' in a ? a.purpose : undefined])).toEqual([
      ['modify-fleet-capacity', 'surge'],
      ['tag-drain', undefined],
      ['schedule-follow-up', 'drain-timeout'],
    ]);
    expect(decision.actions[1]).toMatchObject({ deadlineMs: NOW_MS + 120_000, drainReason: 'rebalance-recommendation' });
  });

  it('neither surges nor drains under notify-only, but schedules the stand-down so the incident ends', () => {
    // Act
    const decision = decideSpot(aRebalance(), aContext({ fleet: aFleet({ rebalancePolicy: 'notify-only' }) }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-timeout', atMs: NOW_MS + 1_800_000, idempotencyKey: `${decision.incident?.incidentId}:drain-timeout` }),
    ]);
    expect(decision.changed).toBe(true);
    expect(decision.incident?.phase).toBe('rebalance-recommended');
    expect(decision.reasons).toEqual(['fleet policy notify-only: waiting for an interruption warning before acting']);
  });

  it('names its incident in every follow-up it schedules', () => {
    // Act
    const decision = decideSpot(aRebalance(), aContext());

    // Assess
    const followUps = decision.actions.filter((a) => a.type === 'schedule-follow-up');
    expect(followUps).toHaveLength(2);
    const id = decision.incident?.incidentId;
    expect(id).toMatch(new RegExp(`^spot-${INSTANCE_ID}-\\d{8}T\\d{9}Z-${REBALANCE_EVENT_ID.slice(0, 8)}$`));
    expect(followUps.map((a) => a.incidentId)).toEqual([id, id]);
  });

  it("does not surge a fleet whose own capacity rebalancing launches the replacement, but still drains and stands down", () => {
    // Act
    const decision = decideSpot(aRebalance(), aContext({ fleetView: aFleetView({ capacityRebalance: 'launch-before-terminate' }) }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['schedule-follow-up', 'schedule-follow-up']);
    expect(decision.reasons[0]).toContain("the fleet's own capacity rebalancing (launch-before-terminate)");
  });

  it('still schedules the drain when no surge is needed', () => {
    // Act
    const decision = decideSpot(aRebalance(), aContext({ demand: { arrivalQps: 200, backlog: 0 } }));

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['schedule-follow-up', 'schedule-follow-up']);
  });

  it('is only recorded when it comes after an interruption warning', () => {
    // Prepare
    const warned = settled(decideSpot(aWarning(), aContext()), NOW_MS);

    // Act
    const decision = decideSpot(aRebalance(), aContext({ incident: warned, nowMs: NOW_MS + 3_000 }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident?.phase).toBe('interruption-warned');
    expect(decision.incident?.signals.map((s) => s.kind)).toEqual(['spot-interruption-warning', 'rebalance-recommendation']);
    expect(decision.reasons).toEqual(['rebalance recommendation after the interruption-warned notice: recorded, nothing more to do']);
  });

  it('is only recorded when it comes after a scheduled change', () => {
    // Prepare
    const scheduled = settled(decideSpot(aScheduledChangeFor(), aContext()), NOW_MS);

    // Act
    const decision = decideSpot(aRebalance(), aContext({ incident: scheduled, nowMs: NOW_MS + 3_000 }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident?.phase).toBe('scheduled-change');
  });

  it('changes nothing when the same recommendation is delivered twice', () => {
    // Prepare
    const first = settled(decideSpot(aRebalance(), aContext()), NOW_MS);

    // Act
    const decision = decideSpot(aRebalance(), aContext({ incident: first, nowMs: NOW_MS + 10_000 }));

    // Assess
    expect(decision.changed).toBe(false);
    expect(decision.actions).toEqual([]);
  });

  it('moves the incident forward to interruption-warned when the warning follows', () => {
    // Prepare
    const recommended = settled(decideSpot(aRebalance(), aContext({ nowMs: T0_MS - 60_000 })), T0_MS - 59_000);

    // Act
    const decision = decideSpot(aWarning(), aContext({ incident: recommended }));

    // Assess
    expect(decision.incident?.incidentId).toBe(recommended.incidentId);
    expect(decision.incident?.phase).toBe('interruption-warned');
  });
});

describe('laterPhase', () => {
  const phases: IncidentPhase[] = ['rebalance-recommended', 'scheduled-change', 'interruption-warned', 'closed', 'stood-down'];

  it('only moves a phase forward', () => {
    expect(laterPhase('rebalance-recommended', 'interruption-warned')).toBe('interruption-warned');
    expect(laterPhase('interruption-warned', 'rebalance-recommended')).toBe('interruption-warned');
    expect(laterPhase('closed', 'interruption-warned')).toBe('closed');
    expect(laterPhase('scheduled-change', 'rebalance-recommended')).toBe('scheduled-change');
  });

  it('never goes back from an ended phase', () => {
    for (const next of phases) {
      expect(laterPhase('closed', next)).toMatch(/^(closed|stood-down)$/);
      expect(laterPhase('stood-down', next)).toMatch(/^(closed|stood-down)$/);
    }
  });
});
