import { describe, expect, it } from 'vitest';
import { drainedTags, drainRequestTags } from '../../../../layers/core/drain-protocol';
import type { InstanceView } from '../../../../layers/core/observed';
import { drainVerdict, launchVerdict } from '../../../../layers/core/rebalancer/move-progress';
import { startMove, type ReplacementMove } from '../../../../layers/core/rebalancer/replacement-move';
import { fleetInstance, NOW, seedFleet } from '../../../helpers/rebalance-factories';

const fleet = seedFleet();
const OLD = fleetInstance(0, 'p3.2xlarge', 'us-east-1a', 'on-demand');
const REST = [1, 2, 3, 4].map((i) => fleetInstance(i, 'p3.2xlarge', 'us-east-1b', 'on-demand'));
const LEAD_MS = fleet.launchLeadTimeSeconds * 1000;

/** The seed's first move: one p3.2xlarge for one 776-unit g6e.xlarge, surged at NOW from a 1,000-unit target. */
const surged = (): ReplacementMove => ({
  ...startMove({
    fleet,
    replacement: { instanceId: OLD.instanceId, from: { instanceType: 'p3.2xlarge', availabilityZone: 'us-east-1a', market: 'on-demand' }, launches: [{ pool: { instanceType: 'g6e.xlarge', availabilityZone: 'us-east-1a', market: 'spot' }, count: 1 }], unitsAfter: 1_760, idempotencyKey: 'm-1' },
    usdPerHourOf: () => 1,
    reason: 'r',
    demandUnits: 1_000,
    startTotal: 1_000,
    nowMs: NOW,
  }),
  phase: 'launching',
  surge: { from: { total: 1_000, onDemand: 1_000, spot: 0 }, to: { total: 1_776, onDemand: 1_000, spot: 776 }, atMs: NOW },
  knownInstanceIds: [OLD.instanceId, ...REST.map((i) => i.instanceId)],
});
const launched = (atMs: number, state: InstanceView['state'] = 'running'): InstanceView => ({ ...fleetInstance(9, 'g6e.xlarge', 'us-east-1a'), launchTimeMs: atMs, state });

describe('launchVerdict', () => {
  const verdict = (instances: InstanceView[], nowMs: number) => launchVerdict(surged(), { fleet, instances, nowMs, maxWaitMs: 30 * 60_000 });

  it('waits while the new instance is pending or within its launch lead time', () => {
    // Act
    const pending = verdict([OLD, ...REST, launched(NOW + 60_000, 'pending')], NOW + 2 * 60_000);
    const warming = verdict([OLD, ...REST, launched(NOW + 60_000)], NOW + LEAD_MS);
    // Assess
    expect(pending).toMatchObject({ kind: 'wait', newUnits: 0 });
    expect(warming).toMatchObject({ kind: 'wait', newUnits: 0, why: '0 of 776 new units serving, 984 of 1000 units without i-00000000000000000' });
  });

  it('lets the drain start once the new units serve and the rest covers the target without the old instance', () => {
    // Act
    const result = verdict([OLD, ...REST, launched(NOW + 60_000)], NOW + 60_000 + LEAD_MS);
    // Assess
    expect(result).toEqual({ kind: 'serving', newUnits: 776 });
  });

  it('does not count an instance tagged for a drain as serving', () => {
    // Prepare
    const draining = { ...launched(NOW + 60_000), tags: drainRequestTags({ deadlineMs: NOW + 600_000, incidentId: 'other', reason: 'spot-interruption' }) };
    // Act
    const result = verdict([OLD, ...REST, draining], NOW + 60_000 + LEAD_MS);
    // Assess
    expect(result.kind).toBe('wait');
  });

  it('gives up after the longest wait, and reports an old instance that is gone', () => {
    // Act
    const late = verdict([OLD, ...REST], NOW + 30 * 60_000);
    const gone = verdict([{ ...OLD, state: 'shutting-down' }, ...REST, launched(NOW + 60_000)], NOW + 10 * 60_000);
    // Assess
    expect(late).toMatchObject({ kind: 'give-up', why: expect.stringMatching(/^after 30 min: 0 of 776 new units serving/) });
    expect(gone).toEqual({ kind: 'old-gone' });
  });
});

describe('drainVerdict', () => {
  const draining = (): ReplacementMove => ({ ...surged(), phase: 'draining', drain: { requestedAtMs: NOW + 600_000, deadlineMs: NOW + 900_000 } });

  it('releases once the agent acknowledged this drain, not an earlier one', () => {
    // Act
    const acked = drainVerdict(draining(), { ...OLD, tags: drainedTags(NOW + 660_000) }, NOW + 700_000, 60_000);
    const stale = drainVerdict(draining(), { ...OLD, tags: drainedTags(NOW + 300_000) }, NOW + 700_000, 60_000);
    // Assess
    expect(acked).toEqual({ kind: 'release', why: 'acknowledged' });
    expect(stale).toEqual({ kind: 'wait', untilMs: NOW + 760_000 });
  });

  it('releases at the deadline or when the instance is gone, and otherwise looks again by the deadline at the latest', () => {
    // Act
    const deadline = drainVerdict(draining(), OLD, NOW + 900_000, 60_000);
    const gone = drainVerdict(draining(), undefined, NOW + 700_000, 60_000);
    const near = drainVerdict(draining(), OLD, NOW + 880_000, 60_000);
    // Assess
    expect([deadline, gone, near]).toEqual([{ kind: 'release', why: 'deadline' }, { kind: 'release', why: 'gone' }, { kind: 'wait', untilMs: NOW + 900_000 }]);
  });
});
