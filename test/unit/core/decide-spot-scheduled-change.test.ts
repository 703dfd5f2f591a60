import { describe, expect, it } from 'vitest';
import { decideSpot } from '../../../layers/core/decide-spot';
import { perInstance } from '../../../layers/core/signals';
import type { Signal } from '../../../layers/core/signals';
import { aContext, aRebalance, aScheduledChange, aScheduledChangeFor, aStateChange, aWarning, INSTANCE_ID, settled, T0_MS } from '../../helpers/spot-factories';

const NOW_MS = T0_MS + 1_500;
/** Launch lead time 240 s + margin 600 s of the default fleet and policy. */
const PREPARE_AHEAD_MS = (240 + 600) * 1000;
/** The policy's scheduled-change margin: the stand-down comes this long after the change. */
const MARGIN_MS = 600_000;

describe('decideSpot on a scheduled change', () => {
  it('only schedules the preparation at start - lead time - margin when the change is far ahead', () => {
    // Prepare
    const signal = aScheduledChangeFor();

    // Act
    const decision = decideSpot(signal, aContext());

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'prepare-scheduled-change', atMs: signal.startMs - PREPARE_AHEAD_MS }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-timeout', atMs: signal.startMs + MARGIN_MS }),
    ]);
    expect(decision.incident).toMatchObject({ phase: 'scheduled-change', deadlineMs: signal.startMs, signals: [{ detail: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED' }] });
    expect(decision.atRiskPools).toEqual([]);
    expect(decision.reasons[0]).toContain('replacement will be prepared at');
  });

  it('surges now and drains once the replacement serves when the change starts within lead time + margin', () => {
    // Act: starts in 10 min; the replacement serves in 4 min, well before start - grace
    const decision = decideSpot(aScheduledChangeFor({ startMs: NOW_MS + 600_000 }), aContext());

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'modify-fleet-capacity', purpose: 'surge', fromTotal: 2000, toTotal: 2400 }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-after-replacement', atMs: NOW_MS + 240_000 }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-timeout', atMs: NOW_MS + 600_000 + MARGIN_MS }),
    ]);
  });

  it('prepares at once when the preparation time is exactly now', () => {
    // Act
    const decision = decideSpot(aScheduledChangeFor({ startMs: NOW_MS + PREPARE_AHEAD_MS }), aContext());

    // Assess
    expect(decision.actions[0]).toMatchObject({ type: 'modify-fleet-capacity', purpose: 'surge' });
  });

  it('surges and drains now when the replacement would not serve before start - grace', () => {
    // Prepare: starts in 5 min, replacement serves in 4, grace 2
    const startMs = NOW_MS + 300_000;

    // Act
    const decision = decideSpot(aScheduledChangeFor({ startMs }), aContext());

    // Assess
    expect(decision.actions.map((a) => a.type)).toEqual(['modify-fleet-capacity', 'tag-drain', 'schedule-follow-up']);
    expect(decision.actions[1]).toMatchObject({ deadlineMs: startMs, drainReason: 'scheduled-change' });
    expect(decision.actions[2]).toMatchObject({ purpose: 'drain-timeout', atMs: startMs + MARGIN_MS });
  });

  it('drains now, without surging, when no surge is needed', () => {
    // Act
    const decision = decideSpot(aScheduledChangeFor({ startMs: NOW_MS + 600_000 }), aContext({ demand: { arrivalQps: 500, backlog: 0 } }));

    // Assess
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'tag-drain', deadlineMs: NOW_MS + 600_000 }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-timeout' }),
    ]);
  });

  it('is only recorded on an incident that already has a deadline', () => {
    // Prepare
    const warned = settled(decideSpot(aWarning(), aContext()), NOW_MS);

    // Act
    const decision = decideSpot(aScheduledChangeFor({ startMs: NOW_MS + 600_000 }), aContext({ incident: warned, nowMs: NOW_MS + 1_000 }));

    // Assess
    expect(decision.actions).toEqual([]);
    expect(decision.incident).toMatchObject({ phase: 'interruption-warned', deadlineMs: T0_MS + 120_000 });
    expect(decision.reasons[0]).toContain('already under way: recorded');
  });

  it('gives a recommended instance the scheduled deadline', () => {
    // Prepare
    const recommended = settled(decideSpot(aRebalance(), aContext()), NOW_MS);
    const signal = aScheduledChangeFor();

    // Act
    const decision = decideSpot(signal, aContext({ incident: recommended, nowMs: NOW_MS + 60_000 }));

    // Assess
    expect(decision.incident?.incidentId).toBe(recommended.incidentId);
    expect(decision.incident?.deadlineMs).toBe(signal.startMs);
    expect(decision.actions).toEqual([
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'prepare-scheduled-change', atMs: signal.startMs - PREPARE_AHEAD_MS }),
      expect.objectContaining({ type: 'schedule-follow-up', purpose: 'drain-timeout', atMs: signal.startMs + MARGIN_MS }),
    ]);
  });

  it.each([
    ['far ahead', 14 * 24 * 3_600_000],
    ['soon', 300_000],
  ])('schedules the stand-down for the end of a change starting %s + margin, so an instance that outlives it is not left drained', (_when, inMs) => {
    // Prepare: a reboot of one hour
    const startMs = NOW_MS + inMs;
    const endMs = startMs + 3_600_000;

    // Act
    const decision = decideSpot(aScheduledChangeFor({ startMs, endMs, eventTypeCode: 'AWS_EC2_INSTANCE_REBOOT_MAINTENANCE_SCHEDULED' }), aContext());

    // Assess
    const standDowns = decision.actions.filter((a) => a.type === 'schedule-follow-up' && a.purpose === 'drain-timeout');
    expect(standDowns).toEqual([
      expect.objectContaining({ atMs: endMs + MARGIN_MS, incidentId: decision.incident?.incidentId, reason: 'stand down if the instance outlives the scheduled change' }),
    ]);
  });

  it('changes nothing when the same Health event is delivered twice', () => {
    // Prepare
    const first = settled(decideSpot(aScheduledChangeFor(), aContext()), NOW_MS);

    // Act
    const decision = decideSpot(aScheduledChangeFor(), aContext({ incident: first, nowMs: NOW_MS + 1_000 }));

    // Assess
    expect(decision.changed).toBe(false);
  });
});

describe('perInstance', () => {
  it('splits a Health event that names many instances into one signal per instance, once each', () => {
    // Prepare
    const event = aScheduledChange({ instanceIds: [INSTANCE_ID, 'i-0b662ef9931388ba0', INSTANCE_ID, 'i-0c0ffee0c0ffee000'] });

    // Act
    const signals = perInstance(event);

    // Assess
    const { instanceIds: _ids, ...rest } = event;
    expect(signals).toEqual([
      { ...rest, instanceId: INSTANCE_ID },
      { ...rest, instanceId: 'i-0b662ef9931388ba0' },
      { ...rest, instanceId: 'i-0c0ffee0c0ffee000' },
    ]);
  });

  it('passes an instance signal through and drops a no-op', () => {
    // Prepare
    const noop: Signal = { kind: 'noop', reason: 'EC2 issue, not a scheduled change', eventId: 'e', emittedAtMs: T0_MS, region: 'us-east-1', account: '123456789012' };

    // Act / Assess
    expect(perInstance(aWarning())).toEqual([aWarning()]);
    expect(perInstance(aStateChange())).toEqual([aStateChange()]);
    expect(perInstance(noop)).toEqual([]);
    expect(perInstance(aScheduledChange({ instanceIds: [] }))).toEqual([]);
  });
});
