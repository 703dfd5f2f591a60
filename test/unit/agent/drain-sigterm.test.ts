// The drain on SIGTERM: stop receiving, finish what can finish before deadline minus margin, release the rest, exit 0.
import { describe, expect, it } from 'vitest';
import { DRAINED_TAG } from '../../../layers/core/drain-protocol';
import { AgentHarness, INSTANCE_ID, iso, startBusyAgent as busyAgent } from './agent-harness';

describe('runAgent draining on SIGTERM', () => {
  it('stops receiving at once, finishes what can finish before deadline minus margin, releases the rest, tags drained, exits 0', async () => {
    // Prepare
    const agent = await busyAgent({ sigtermGraceSeconds: 30, safetyMarginSeconds: 10 });
    const noticeAt = agent.clock.nowMs();
    const receivesBefore = agent.callsOf('receive').length;

    // Act
    agent.signals.send('SIGTERM');
    agent.request('late');
    await agent.clock.until(() => agent.result !== undefined);

    // Assess
    expect(agent.result).toEqual({ exitCode: 0 });
    expect(agent.callsOf('receive')).toHaveLength(receivesBefore);
    expect(agent.replies()).toEqual(['quick']);
    const release = agent.callsOf('changeVisibility').find((c) => c.seconds === 0);
    expect(release?.handles).toEqual(['msg-2#1']);
    expect(release?.atMs).toBe(noticeAt + 20_000);
    expect(await agent.depth()).toMatchObject({ visibleMessages: 2, inFlightMessages: 0 });
    expect(agent.tags).toEqual([{ instanceId: INSTANCE_ID, tags: { [DRAINED_TAG]: iso(noticeAt + 20_000) }, atMs: noticeAt + 20_000 }]);
    expect(agent.healthClosed).toBe(true);
  });

  it('never delivers nor deletes a released request whose result comes late', async () => {
    // Prepare
    const agent = await busyAgent({ sigtermGraceSeconds: 30, safetyMarginSeconds: 10 });

    // Act
    agent.signals.send('SIGTERM');
    await agent.clock.until(() => agent.result !== undefined);
    await agent.clock.advance(120_000);

    // Assess
    expect(agent.triton.served).toBe(2);
    expect(agent.replies()).toEqual(['quick']);
    expect(agent.callsOf('delete').map((c) => c.handles?.[0])).toEqual(['msg-1#1']);
    expect(await agent.depth()).toMatchObject({ visibleMessages: 1 });
  });

  it('ends as soon as everything held is served when that comes before the deadline', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('quick');
    agent.triton.setLatency(5_000);
    agent.start({ sigtermGraceSeconds: 60 });
    await agent.clock.until(() => agent.triton.calls.infer === 1);
    const noticeAt = agent.clock.nowMs();

    // Act
    agent.signals.send('SIGTERM');
    await agent.clock.until(() => agent.result !== undefined);

    // Assess
    expect(agent.replies()).toEqual(['quick']);
    expect(agent.callsOf('changeVisibility').filter((c) => c.seconds === 0)).toHaveLength(0);
    expect(agent.tags[0]?.atMs).toBeLessThan(noticeAt + 10_000);
    expect(agent.metricLines.length).toBeGreaterThan(0);
  });
});
