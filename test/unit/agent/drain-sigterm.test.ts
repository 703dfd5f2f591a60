// The drain on SIGTERM: stop receiving, finish what can finish before deadline minus margin, release the rest, exit 0.
import { describe, expect, it } from 'vitest';
import { DRAINED_TAG } from '../../../layers/core/drain-protocol';
import { AgentHarness, INSTANCE_ID, iso, startBusyAgent as busyAgent } from './agent-harness';

describe('runAgent draining on SIGTERM', () => {
  it('starts no receive, hands back what the open poll brings, finishes what can finish before deadline minus margin, releases the rest, tags drained, exits 0', async () => {
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
    // The long poll open at the notice answers with `late`, which goes straight back; `slow` goes back at the cutoff.
    const releases = agent.callsOf('changeVisibility').filter((c) => c.seconds === 0);
    expect(releases.map((c) => c.handles)).toEqual([['msg-3#1'], ['msg-2#1']]);
    expect(releases[0]?.atMs).toBeLessThan(noticeAt + 20_000);
    expect(releases[1]?.atMs).toBe(noticeAt + 20_000);
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

  it('ends as soon as everything held is served and the open long poll has answered, when that comes before the deadline', async () => {
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
    // Not before the poll open at the notice (20 s long) answers: SQS would fill it even if abandoned.
    expect(agent.tags[0]?.atMs).toBeLessThanOrEqual(noticeAt + agent.config().waitTimeSeconds * 1000);
    expect(agent.tags[0]?.atMs).toBeLessThan(noticeAt + 50_000);
    expect(agent.metricLines.length).toBeGreaterThan(0);
  });
});
