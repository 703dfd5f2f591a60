// The agent while Triton is not ready: no receives, held messages handed back; and its concurrency bound.
import { describe, expect, it } from 'vitest';
import { AgentHarness } from './agent-harness';

describe('runAgent while Triton is not ready', () => {
  it('does not receive, and reports not ready, until Triton is ready', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.triton.setServerReady(false);
    agent.request('r1');

    // Act
    agent.start();
    await agent.clock.advance(30_000);
    const receivesWhileDown = agent.callsOf('receive').length;
    const statusWhileDown = agent.status();
    agent.triton.setServerReady(true);
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(receivesWhileDown).toBe(0);
    expect(statusWhileDown).toMatchObject({ ready: false, reason: 'Triton is not ready' });
    expect(agent.status().ready).toBe(true);
    expect(agent.replies()).toEqual(['r1']);
    await agent.stop();
  });

  it('hands back what it holds when Triton stops being ready, stops receiving, and drops the late result', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('held');
    agent.triton.setLatency(60_000);
    agent.start({ tritonTimeoutMs: 120_000 });
    await agent.clock.until(() => agent.triton.calls.infer === 1);

    // Act
    agent.triton.setServerReady(false);
    // Handed back once the long poll open at the outage (20 s) has answered, so that poll cannot take it again.
    await agent.clock.advance(25_000);
    const whileDown = await agent.depth();
    const receivesAtOutage = agent.callsOf('receive').length;
    await agent.clock.advance(70_000);
    const receivesLater = agent.callsOf('receive').length;
    agent.triton.setLatency(100);
    agent.triton.setServerReady(true);
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(agent.callsOf('changeVisibility').some((c) => c.seconds === 0 && c.handles?.includes('msg-1#1'))).toBe(true);
    expect(whileDown).toMatchObject({ visibleMessages: 1, inFlightMessages: 0 });
    expect(receivesLater).toBe(receivesAtOutage);
    expect(agent.callsOf('delete')[0]?.handles).toEqual(['msg-1#2']);
    expect(agent.triton.served).toBe(2);
    expect(agent.replies()).toEqual(['held']);
    await agent.stop();
  });

});

describe('runAgent concurrency', () => {
  it('never holds more messages than its concurrency', async () => {
    // Prepare
    const agent = new AgentHarness();
    for (let i = 0; i < 7; i += 1) agent.request();
    agent.triton.setLatency(10_000);
    const held: number[] = [];

    // Act
    agent.start({ concurrency: 3 });
    for (let t = 0; t < 40; t += 1) {
      await agent.clock.advance(1_000);
      held.push((await agent.depth()).inFlightMessages);
    }

    // Assess
    expect(Math.max(...held)).toBe(3);
    expect(agent.triton.maxInFlight).toBe(3);
    expect(agent.replies()).toHaveLength(7);
    await agent.stop();
  });
});
