// The agent as a consumer: serve, reply, delete; heartbeat; poison and Triton failures.
import { describe, expect, it } from 'vitest';
import { AgentHarness, MODEL } from './agent-harness';

describe('runAgent serving', () => {
  it('sends the result to the reply queue named in the message, and deletes the message only after that', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('r1');
    agent.request('r2');

    // Act
    agent.start();
    await agent.clock.until(() => agent.callsOf('delete').length === 2);

    // Assess
    expect(agent.replies().sort()).toEqual(['r1', 'r2']);
    expect(await agent.depth()).toMatchObject({ visibleMessages: 0, inFlightMessages: 0 });
    const requestOf: Record<string, string> = { 'msg-1': 'r1', 'msg-2': 'r2' };
    for (const del of agent.callsOf('delete')) {
      const id = requestOf[del.handles?.[0]?.split('#')[0] ?? ''];
      const replyIndex = agent.queue.calls.findIndex((c) => c.op === 'send' && c.body?.includes(`"id":"${id}"`));
      expect(replyIndex).toBeGreaterThanOrEqual(0);
      expect(replyIndex).toBeLessThan(agent.queue.calls.indexOf(del));
    }
    expect((await agent.stop()).exitCode).toBe(0);
  });

  it('does not delete a message whose reply could not be sent: it hands it back and serves it again', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('r1');
    agent.queue.twin.failNext('unavailable', { operation: 'send' });

    // Act
    agent.start();
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(agent.logged('reply not delivered; message released for another try')).toHaveLength(1);
    expect(agent.callsOf('changeVisibility').some((c) => c.seconds === 0 && c.handles?.[0] === 'msg-1#1')).toBe(true);
    expect(agent.callsOf('delete').map((c) => c.handles?.[0])).toEqual(['msg-1#2']);
    expect(agent.replies()).toEqual(['r1']);
    await agent.stop();
  });

  it('serves a message that names no reply queue, logging that the result goes nowhere', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('r1', { reply: false });

    // Act
    agent.start();
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(agent.callsOf('send')).toHaveLength(0);
    expect(agent.logged('no reply queue in the message; result not sent')[0]?.extra).toMatchObject({ messageId: 'msg-1' });
    await agent.stop();
  });

  it('keeps a long request invisible with heartbeats, so it is served once', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('long');
    agent.triton.setLatency(150_000);

    // Act
    agent.start({ visibilityTimeoutSeconds: 60, heartbeatSeconds: 20, tritonTimeoutMs: 300_000 });
    await agent.clock.advance(120_000);
    const midway = await agent.depth();
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(midway).toMatchObject({ visibleMessages: 0, inFlightMessages: 1 });
    const extensions = agent.callsOf('changeVisibility').filter((c) => c.seconds === 60 && c.handles?.includes('msg-1#1'));
    expect(extensions.length).toBeGreaterThanOrEqual(7);
    expect(agent.triton.calls.infer).toBe(1);
    expect(agent.replies()).toEqual(['long']);
    await agent.stop();
  });

  it('releases a request Triton rejects (4xx) with the reason and its receive count, until the redrive policy moves it to the DLQ', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('bad');
    agent.triton.failNext(3, 400, "unexpected shape for input 'input_ids'");

    // Act
    agent.start();
    await agent.clock.until(() => agent.triton.calls.infer === 3);
    await agent.clock.advance(2_000);

    // Assess
    const poison = agent.logged('poison message released toward the DLQ');
    expect(poison.map((l) => l.extra?.receiveCount)).toEqual([1, 2, 3]);
    expect(String(poison[0]?.extra?.reason)).toContain("Triton answered 400: unexpected shape for input 'input_ids'");
    expect(await agent.depth(agent.dlqUrl)).toMatchObject({ visibleMessages: 1 });
    expect(await agent.depth()).toMatchObject({ visibleMessages: 0, inFlightMessages: 0 });
    expect(agent.replies()).toEqual([]);
    expect(agent.callsOf('delete')).toHaveLength(0);
    await agent.stop();
    expect(agent.metricLines.map((l) => JSON.parse(l) as { PoisonReleased?: number }).reduce((n, d) => n + (d.PoisonReleased ?? 0), 0)).toBe(3);
  });

  it('does not take a 400 for poison when the model is not loaded: it hands the message back and waits for the model', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('r1');
    agent.triton.setLatency(1_000);
    agent.start({ tritonReadyPollSeconds: 60 });
    await agent.clock.until(() => agent.triton.calls.infer === 1);

    // Act
    agent.triton.setModelReady(MODEL, false);
    await agent.clock.advance(5_000);
    const whileUnloaded = { depth: await agent.depth(), status: agent.status() };
    agent.triton.setModelReady(MODEL, true);
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(agent.logged('poison message released toward the DLQ')).toHaveLength(0);
    expect(String(agent.logged('message released after Triton failed')[0]?.extra?.reason)).toContain(`model ${MODEL} not ready`);
    expect(whileUnloaded.depth).toMatchObject({ visibleMessages: 1, inFlightMessages: 0 });
    expect(whileUnloaded.status).toMatchObject({ ready: false, reason: 'Triton is not ready' });
    expect(agent.replies()).toEqual(['r1']);
    await agent.stop();
  });

  it('retries a request Triton answers 5xx with backoff, and serves it when Triton recovers', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('flaky');
    agent.triton.failNext(2, 503);

    // Act
    agent.start();
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(agent.triton.calls.infer).toBe(3);
    expect(agent.callsOf('changeVisibility').filter((c) => c.seconds === 0)).toHaveLength(0);
    expect(agent.replies()).toEqual(['flaky']);
    await agent.stop();
  });

  it('hands back a request still failing 5xx after the retries, and serves it on a later receive', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('down');
    agent.triton.failNext(4, 503);

    // Act
    agent.start({ tritonRetries: 3 });
    await agent.clock.until(() => agent.callsOf('delete').length === 1);

    // Assess
    expect(agent.triton.calls.infer).toBe(5);
    const failure = agent.logged('message released after Triton failed')[0];
    expect(failure?.extra).toMatchObject({ messageId: 'msg-1', receiveCount: 1 });
    expect(String(failure?.extra?.reason)).toContain('after 4 attempts');
    expect(agent.replies()).toEqual(['down']);
    await agent.stop();
  });
});
