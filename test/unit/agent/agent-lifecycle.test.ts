// The agent's life: metrics lines while it runs and at exit, and a failed loop ending it with exit code 1.
import { describe, expect, it } from 'vitest';
import { AgentHarness, INSTANCE_ID } from './agent-harness';

describe('runAgent lifecycle', () => {
  it('writes EMF lines every interval, with the queue and instance dimensions, and a last one at exit', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('r1');
    agent.start({ metricsIntervalSeconds: 60 });

    // Act
    await agent.clock.advance(125_000);
    const whileRunning = agent.metricLines.length;
    await agent.stop();

    // Assess
    expect(whileRunning).toBe(2);
    expect(agent.metricLines).toHaveLength(3);
    const [first] = agent.metricLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ QueueName: 'bert-large-work', InstanceId: INSTANCE_ID, Received: 1, Served: 1, InFlight: 0 });
    expect(first?._aws).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'GpuFleetAutopilot/Agent', Dimensions: [['QueueName'], ['QueueName', 'InstanceId']] }] });
  });

  it("writes a served request's end-to-end LatencyMs, from SentTimestamp to delete: its queue wait plus its service time", async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.triton.setLatency(2_000);
    agent.request('r1');
    await agent.clock.advance(7_000);

    // Act
    agent.start({ metricsIntervalSeconds: 60 });
    await agent.clock.until(() => agent.callsOf('delete').length === 1);
    await agent.stop();

    // Assess
    const [line] = agent.metricLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const [wait] = line?.QueueWaitMs as number[];
    const [service] = line?.ServiceTimeMs as number[];
    expect(wait).toBeGreaterThanOrEqual(7_000);
    expect(service).toBeGreaterThanOrEqual(2_000);
    expect(line?.LatencyMs).toEqual([(wait ?? 0) + (service ?? 0)]);
    expect(line?._aws).toMatchObject({ CloudWatchMetrics: [{ Metrics: expect.arrayContaining([{ Name: 'LatencyMs', Unit: 'Milliseconds' }]) }] });
  });

  it('ends with exit code 1, handing back what it holds, when one of its loops fails', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.request('slow');
    agent.triton.setLatency(600_000);
    agent.start({ metricsIntervalSeconds: 30, tritonTimeoutMs: 900_000 });
    await agent.clock.until(() => agent.triton.calls.infer === 1);

    // Act
    agent.metricLines.push = () => {
      throw new Error('EPIPE: stdout closed');
    };
    await agent.clock.until(() => agent.result !== undefined);

    // Assess
    expect(agent.result).toEqual({ exitCode: 1 });
    expect(agent.logged('agent loop metrics failed')).toHaveLength(1);
    expect(await agent.depth()).toMatchObject({ visibleMessages: 1, inFlightMessages: 0 });
    expect(agent.healthClosed).toBe(true);
  });

  it('reports not ready before Triton is, ready while serving, not ready while draining', async () => {
    // Prepare
    const agent = new AgentHarness();
    agent.triton.setServerReady(false);
    agent.start();
    await agent.clock.advance(3_000);
    const beforeTriton = agent.status();

    // Act
    agent.triton.setServerReady(true);
    await agent.clock.advance(3_000);
    const serving = agent.status();
    agent.signals.send('SIGTERM');
    await agent.clock.advance(0);
    const draining = agent.status();

    // Assess
    expect(beforeTriton).toMatchObject({ ready: false, reason: 'Triton is not ready' });
    expect(serving).toMatchObject({ ready: true, details: { state: 'serving', tritonReady: true } });
    expect(draining.ready).toBe(false);
    expect(draining.reason).toMatch(/^(draining|drained): sigterm until /);
  });
});
