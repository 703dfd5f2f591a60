import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActionOutcome } from '../../../layers/core/apply-outcomes';
import { applyOutcomes } from '../../../layers/core/apply-outcomes';
import { decideSpot } from '../../../layers/core/decide-spot';
import type { ActionStatus } from '../../../layers/core/incident';
import type { ModifyFleetCapacityAction } from '../../../layers/core/plan';
import { actionOf, aContext, aFleetView, anOverride, aRebalance, aStateChange, aWarning, T0_MS } from '../../helpers/spot-factories';

const AT_MS = T0_MS + 2_000;

/** The warning's decision: surge 2000 -> 2400 away from us-east-1a, then drain. */
const warned = () => {
  const ctx = aContext();
  const decision = decideSpot(aWarning(), ctx);
  const surge = actionOf(decision.actions, 'modify-fleet-capacity');
  const drain = actionOf(decision.actions, 'tag-drain');
  if (!decision.incident || !surge || !drain) throw new Error('the warning scenario must surge and drain');
  return { ctx, incident: decision.incident, surge, drain };
};

describe('applyOutcomes', () => {
  it('records an applied surge and drain with their before/after values', () => {
    // Prepare
    const { incident, surge, drain } = warned();

    // Act
    const next = applyOutcomes(incident, [
      { action: surge, status: 'applied', atMs: AT_MS },
      { action: drain, status: 'applied', atMs: AT_MS + 300 },
    ]);

    // Assess
    expect(next.surge).toEqual({
      units: 400,
      fromTotal: 2000,
      toTotal: 2400,
      status: 'applied',
      atMs: AT_MS,
      avoidedPools: ['g5.xlarge:us-east-1a:spot'],
      removedOverrides: [anOverride('g5.xlarge', 'us-east-1a', 400)],
    });
    expect(next.drain).toEqual({ deadlineMs: T0_MS + 120_000, status: 'applied', atMs: AT_MS + 300 });
  });

  it.each<ActionStatus>(['failed', 'blocked', 'dry-run', 'skipped'])('records a %s surge and drain as such, never as applied', (status) => {
    // Prepare
    const { incident, surge, drain } = warned();

    // Act
    const next = applyOutcomes(incident, [
      { action: surge, status, atMs: AT_MS, error: `${status} by the test` },
      { action: drain, status, atMs: AT_MS },
    ]);

    // Assess
    expect(next.surge).toMatchObject({ status, error: `${status} by the test` });
    expect(next.drain?.status).toBe(status);
    expect(next.drain).not.toHaveProperty('error');
  });

  it('takes the surge units from the effective (clamped) action, not the planned one', () => {
    // Prepare
    const { incident, surge } = warned();
    const effective: ModifyFleetCapacityAction = { ...surge, toTotal: surge.fromTotal + 250 };

    // Act
    const next = applyOutcomes(incident, [{ action: surge, effective, status: 'applied', atMs: AT_MS }]);

    // Assess
    expect(next.surge).toMatchObject({ units: 250, fromTotal: 2000, toTotal: 2250 });
  });

  it('records a restore as the undoing of the surge, keeping the surge itself', () => {
    // Prepare: surge applied, then the fleet is at 2400 when the instance terminates
    const { ctx, incident, surge, drain } = warned();
    const surged = applyOutcomes(incident, [
      { action: surge, status: 'applied', atMs: AT_MS },
      { action: drain, status: 'applied', atMs: AT_MS },
    ]);
    const closing = decideSpot(aStateChange(), { ...ctx, incident: surged, fleetView: aFleetView({ totalTargetCapacity: 2400 }) });
    const restore = actionOf(closing.actions, 'modify-fleet-capacity');
    if (!closing.incident || !restore) throw new Error('the state change must restore');

    // Act
    const next = applyOutcomes(closing.incident, [{ action: restore, status: 'failed', atMs: AT_MS + 200_000, error: 'Throttling' }]);

    // Assess
    expect(next.surge?.status).toBe('applied');
    expect(next.surge?.undone).toEqual({ atMs: AT_MS + 200_000, status: 'failed', fromTotal: 2400, toTotal: 2000, error: 'Throttling' });
  });

  it('never takes a forecast scale-in for the undoing of the surge', () => {
    // Prepare
    const { incident, surge } = warned();
    const surged = applyOutcomes(incident, [{ action: surge, status: 'applied', atMs: AT_MS }]);
    const scaleIn: ModifyFleetCapacityAction = { ...surge, purpose: 'scale-in', fromTotal: 2400, toTotal: 2100, avoidPools: [] };

    // Act
    const next = applyOutcomes(surged, [{ action: scaleIn, status: 'applied', atMs: AT_MS + 60_000 }]);

    // Assess
    expect(next.surge).toEqual(surged.surge);
  });

  it('records an untag as the undoing of the drain', () => {
    // Prepare
    const { incident, drain } = warned();
    const drained = applyOutcomes(incident, [{ action: drain, status: 'applied', atMs: AT_MS }]);

    // Act
    const next = applyOutcomes(drained, [
      {
        action: { type: 'untag-drain', instanceId: drained.instanceId, incidentId: drained.incidentId, idempotencyKey: 'k', reason: 'stand down' },
        status: 'dry-run',
        atMs: AT_MS + 1_800_000,
      },
    ]);

    // Assess
    expect(next.drain).toEqual({ deadlineMs: T0_MS + 120_000, status: 'applied', atMs: AT_MS, undone: { atMs: AT_MS + 1_800_000, status: 'dry-run' } });
  });

  it('notes a follow-up that could not be scheduled among the reasons, and nothing for one that was', () => {
    // Prepare
    const decision = decideSpot(aRebalance(), aContext());
    const [first, second] = decision.actions.filter((a) => a.type === 'schedule-follow-up');
    if (!decision.incident || !first || !second) throw new Error('the rebalance must schedule two follow-ups');

    // Act
    const next = applyOutcomes(decision.incident, [
      { action: first, status: 'applied', atMs: AT_MS },
      { action: second, status: 'failed', atMs: AT_MS, error: 'AccessDeniedException' },
    ]);

    // Assess
    expect(next.reasons.slice(decision.incident.reasons.length)).toEqual([
      'follow-up drain-timeout could not be scheduled: AccessDeniedException',
    ]);
    expect(next.failedFollowUps).toEqual(['drain-timeout']);
  });

  it('records each follow-up that failed to schedule once, and clears it when a later attempt applies', () => {
    // Prepare
    const decision = decideSpot(aRebalance(), aContext());
    const [drainAfter, timeout] = decision.actions.filter((a) => a.type === 'schedule-follow-up');
    if (!decision.incident || !drainAfter || !timeout) throw new Error('the rebalance must schedule two follow-ups');
    const failedTwice = applyOutcomes(decision.incident, [
      { action: drainAfter, status: 'failed', atMs: AT_MS, error: 'ThrottlingException' },
      { action: timeout, status: 'failed', atMs: AT_MS, error: 'ThrottlingException' },
      { action: timeout, status: 'failed', atMs: AT_MS + 1_000, error: 'ThrottlingException' },
    ]);

    // Act
    const oneScheduled = applyOutcomes(failedTwice, [{ action: drainAfter, status: 'applied', atMs: AT_MS + 5_000 }]);
    const bothScheduled = applyOutcomes(oneScheduled, [{ action: timeout, status: 'applied', atMs: AT_MS + 6_000 }]);

    // Assess
    expect(failedTwice.failedFollowUps).toEqual(['drain-after-replacement', 'drain-timeout']);
    expect(oneScheduled.failedFollowUps).toEqual(['drain-timeout']);
    expect(bothScheduled).not.toHaveProperty('failedFollowUps');
  });

  it('leaves the incident it was given untouched', () => {
    // Prepare
    const { incident, surge } = warned();
    const copy = structuredClone(incident);

    // Act
    applyOutcomes(incident, [{ action: surge, status: 'applied', atMs: AT_MS }]);

    // Assess
    expect(incident).toEqual(copy);
  });
});

describe('applyOutcomes properties', () => {
  it('records every surge and drain with exactly the status it ended with', () => {
    const status = fc.constantFrom<ActionStatus>('applied', 'dry-run', 'blocked', 'failed', 'skipped', 'pending');
    fc.assert(
      fc.property(status, status, fc.integer({ min: 0, max: 800 }), (surgeStatus, drainStatus, clampedUnits) => {
        const { incident, surge, drain } = warned();
        const outcomes: ActionOutcome[] = [
          { action: surge, effective: { ...surge, toTotal: surge.fromTotal + clampedUnits }, status: surgeStatus, atMs: AT_MS },
          { action: drain, status: drainStatus, atMs: AT_MS },
        ];
        const applied = applyOutcomes(incident, outcomes);
        expect(applied.surge?.status).toBe(surgeStatus);
        expect(applied.surge?.units).toBe(clampedUnits);
        expect(applied.drain?.status).toBe(drainStatus);
      }),
      { numRuns: 200 },
    );
  });
});
