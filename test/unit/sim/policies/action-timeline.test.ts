// The simulated autopilot's action count: changes to the fleet count, records that change nothing do not.
import { describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../../layers/ports/ledger-port';
import { InMemoryLedger } from '../../../../layers/twins/in-memory-ledger';
import type { TimelineEvent } from '../../../../sim/model/report';
import { ActionTimeline } from '../../../../sim/policies/action-timeline';

const record = (key: string, type: string, status: ActionRecord['status'], before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): ActionRecord => ({
  idempotencyKey: key, incidentId: `forecast#${key}`, fleetId: 'fleet-5c4e3bd2', type, reason: key, before, after, status, atMs: 1_000,
});

describe('ActionTimeline', () => {
  it('counts applied changes of the fleet once each, and neither plans nor alarm incidents nor failures', async () => {
    // Prepare
    const ledger = new InMemoryLedger();
    const events: TimelineEvent[] = [];
    const timeline = new ActionTimeline(ledger, (e) => events.push(e));
    await ledger.recordAction(record('a', 'modify-fleet-capacity', 'applied', { totalTargetCapacity: 100 }, { totalTargetCapacity: 200, purpose: 'scale-out' }));
    await ledger.recordAction(record('b', 'rebalance-plan', 'applied'));
    await ledger.recordAction(record('c', 'gpu-alarm-incident', 'applied'));
    // Act
    timeline.catchUp();
    await ledger.recordAction(record('d', 'set-fleet-overrides', 'applied'));
    await ledger.recordAction(record('e', 'tag-drain', 'failed'));
    timeline.catchUp();
    timeline.catchUp();
    // Assess
    expect(timeline.applied).toBe(2);
    expect(events.map((e) => e.kind)).toEqual(['scale']);
  });
});
