// The drain on instance metadata: the spot instance-action, the rebalance recommendation, the autopilot:drain tag.
import { describe, expect, it } from 'vitest';
import { DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG, DRAIN_TAG, DRAINED_TAG } from '../../../layers/core/drain-protocol';
import { iso, startBusyAgent as busyAgent } from './agent-harness';

describe('runAgent draining on instance metadata', () => {
  it('drains to the spot instance-action time', async () => {
    // Prepare
    const agent = await busyAgent({ safetyMarginSeconds: 10 });
    const interruptionAt = agent.clock.nowMs() + 40_000;

    // Act
    agent.imds.setSpotAction({ action: 'terminate', atMs: interruptionAt });
    await agent.clock.until(() => agent.result !== undefined);

    // Assess
    expect(agent.result).toEqual({ exitCode: 0 });
    expect(agent.replies()).toEqual(['quick']);
    const release = agent.callsOf('changeVisibility').find((c) => c.seconds === 0);
    expect(release?.atMs).toBe(interruptionAt - 10_000);
    expect(agent.tags.map((t) => t.tags)).toEqual([{ [DRAINED_TAG]: iso(interruptionAt - 10_000) }]);
  });

  it('hands everything back at once when a hibernation leaves no time', async () => {
    // Prepare
    const agent = await busyAgent();
    const noticeAt = agent.clock.nowMs();

    // Act
    agent.imds.setSpotAction({ action: 'hibernate', atMs: noticeAt });
    await agent.clock.until(() => agent.result !== undefined);

    // Assess
    const release = agent.callsOf('changeVisibility').find((c) => c.seconds === 0);
    expect(release?.handles?.sort()).toEqual(['msg-1#1', 'msg-2#1']);
    expect(release?.atMs).toBeLessThanOrEqual(noticeAt + 2_000);
    expect(agent.replies()).toEqual([]);
  });

  it('drains on a rebalance recommendation only when configured to, with 120 s to go', async () => {
    // Prepare
    const ignoring = await busyAgent({ drainOnRebalance: false });
    const draining = await busyAgent({ drainOnRebalance: true, safetyMarginSeconds: 10 }, 300_000);
    const seenAt = draining.clock.nowMs();

    // Act
    ignoring.imds.setRebalance(ignoring.clock.nowMs());
    draining.imds.setRebalance(seenAt);
    await ignoring.clock.advance(30_000);
    await draining.clock.until(() => draining.result !== undefined);

    // Assess
    expect(ignoring.result).toBeUndefined();
    expect(ignoring.status().ready).toBe(true);
    expect(draining.result).toEqual({ exitCode: 0 });
    expect(draining.replies()).toEqual(['quick']);
    const release = draining.callsOf('changeVisibility').find((c) => c.seconds === 0);
    expect(release?.atMs).toBeGreaterThanOrEqual(seenAt + 110_000);
    expect(release?.atMs).toBeLessThanOrEqual(seenAt + 110_000 + 2_000);
    await ignoring.stop();
  });

  it('drains on the autopilot:drain tag, acknowledges, and waits (not ready) instead of ending', async () => {
    // Prepare
    const agent = await busyAgent({ safetyMarginSeconds: 10 });
    const deadline = agent.clock.nowMs() + 60_000;

    // Act
    agent.setTags({ [DRAIN_TAG]: iso(deadline), [DRAIN_INCIDENT_TAG]: 'inc-42', [DRAIN_REASON_TAG]: 'spot-interruption' });
    await agent.clock.until(() => agent.tags.length === 1);
    await agent.clock.advance(120_000);

    // Assess
    expect(agent.result).toBeUndefined();
    expect(agent.tags[0]?.tags).toEqual({ [DRAINED_TAG]: iso(deadline - 10_000) });
    expect(agent.replies()).toEqual(['quick']);
    expect(agent.status()).toMatchObject({ ready: false });
    expect(agent.status().reason).toMatch(/^drained: drain-tag until /);
    expect(agent.logged('drain notice')[0]?.extra).toMatchObject({ source: 'drain-tag', detail: 'spot-interruption (incident inc-42)' });
    await agent.stop();
    expect(agent.result).toEqual({ exitCode: 0 });
  });

  it('resumes receiving when the autopilot takes the drain tag away after the drain', async () => {
    // Prepare
    const agent = await busyAgent({ safetyMarginSeconds: 10 });
    agent.setTags({ [DRAIN_TAG]: iso(agent.clock.nowMs() + 30_000) });
    await agent.clock.until(() => agent.tags.length === 1);

    // Act
    agent.setTags({});
    agent.request('after');
    await agent.clock.until(() => agent.replies().includes('after'));

    // Assess
    expect(agent.status().ready).toBe(true);
    expect(agent.logged('drain tag removed: the autopilot stood down')).toHaveLength(1);
    await agent.stop();
  });

  it('resumes without handing anything back when the tag goes away before the deadline', async () => {
    // Prepare
    const agent = await busyAgent({ safetyMarginSeconds: 10 });
    agent.setTags({ [DRAIN_TAG]: iso(agent.clock.nowMs() + 300_000) });
    await agent.clock.advance(10_000);
    const receivesWhileDraining = agent.callsOf('receive').length;
    const statusWhileDraining = agent.status();

    // Act
    agent.setTags({});
    await agent.clock.until(() => agent.status().ready);
    agent.request('after');
    await agent.clock.until(() => agent.callsOf('delete').length === 3);

    // Assess
    expect(statusWhileDraining.reason).toMatch(/^draining: drain-tag until /);
    expect(agent.callsOf('receive').length).toBeGreaterThan(receivesWhileDraining);
    expect(agent.callsOf('changeVisibility').filter((c) => c.seconds === 0)).toHaveLength(0);
    expect(agent.tags).toHaveLength(0);
    expect(agent.replies().sort()).toEqual(['after', 'quick', 'slow']);
    await agent.stop();
  });

  it('hurries when a later notice brings the deadline forward', async () => {
    // Prepare
    const agent = await busyAgent({ safetyMarginSeconds: 10 });
    agent.setTags({ [DRAIN_TAG]: iso(agent.clock.nowMs() + 600_000) });
    await agent.clock.advance(10_000);
    const interruptionAt = agent.clock.nowMs() + 30_000;

    // Act
    agent.imds.setSpotAction({ action: 'terminate', atMs: interruptionAt });
    await agent.clock.until(() => agent.result !== undefined);

    // Assess
    const release = agent.callsOf('changeVisibility').find((c) => c.seconds === 0);
    expect(release?.atMs).toBe(interruptionAt - 10_000);
    expect(agent.result).toEqual({ exitCode: 0 });
  });
});
