// The long poll open when a drain starts: SQS fills it even if abandoned, so the agent lets it answer and hands back what it brings.
import { describe, expect, it } from 'vitest';
import { runAgent } from '../../../agent/agent';
import type { ClockPort } from '../../../layers/ports/clock-port';
import type { ReceiveRequest, WorkMessage, WorkQueuePort } from '../../../layers/ports/work-queue-port';
import { AgentHarness, startBusyAgent as busyAgent } from './agent-harness';

/** The harness's queue, except that receives never answer (unless aborted), as over a connection that died. */
class SilentReceives implements WorkQueuePort {
  readonly startedAtMs: number[] = [];
  constructor(
    private readonly inner: WorkQueuePort,
    private readonly clock: ClockPort,
  ) {}
  receive(_queueUrl: string, request: ReceiveRequest): Promise<WorkMessage[]> {
    this.startedAtMs.push(this.clock.nowMs());
    return new Promise((resolve) => request.abortSignal?.addEventListener('abort', () => resolve([]), { once: true }));
  }
  delete = (queueUrl: string, handle: string) => this.inner.delete(queueUrl, handle);
  changeVisibility = (queueUrl: string, handle: string, seconds: number) => this.inner.changeVisibility(queueUrl, handle, seconds);
  changeVisibilityBatch = (queueUrl: string, handles: string[], seconds: number) => this.inner.changeVisibilityBatch(queueUrl, handles, seconds);
  send = (queueUrl: string, body: string, attributes?: Record<string, string>) => this.inner.send(queueUrl, body, attributes);
}

describe('runAgent draining with a long poll open', () => {
  it('lets the open poll answer, hands back the request it brings, and acknowledges only then: nothing is stranded', async () => {
    // Prepare
    const agent = await busyAgent({ sigtermGraceSeconds: 60, safetyMarginSeconds: 10 });
    const noticeAt = agent.clock.nowMs();

    // Act
    agent.signals.send('SIGTERM');
    await agent.clock.advance(1_000);
    agent.request('late');
    await agent.clock.until(() => agent.result !== undefined);

    // Assess
    const handBack = agent.callsOf('changeVisibility').find((c) => c.seconds === 0 && c.handles?.includes('msg-3#1'));
    expect(handBack?.atMs).toBeLessThan(noticeAt + 20_000);
    expect(agent.queue.twin.abandonedTakes).toBe(0);
    expect(agent.tags[0]?.atMs).toBeGreaterThanOrEqual(handBack?.atMs ?? Infinity);
    expect(agent.logged('poll answered after receiving paused; handing its messages back')).toHaveLength(1);
    expect(agent.result).toEqual({ exitCode: 0 });
  });

  it('gives up a long poll still unanswered 5 s after its wait ended, so the drain still ends before its deadline', async () => {
    // Prepare
    const agent = new AgentHarness();
    const queue = new SilentReceives(agent.queue, agent.clock);
    let ended = false;
    void runAgent(agent.config({ sigtermGraceSeconds: 60 }), {
      queue, imds: agent.imds, inference: agent.triton, clock: agent.clock, logger: agent.logger, signals: agent.signals,
      tagger: { createTags: async (instanceId, tags) => void agent.tags.push({ instanceId, tags, atMs: agent.clock.nowMs() }) },
      emitMetrics: () => undefined,
      startHealth: async (port) => ({ port, close: async () => undefined }),
    }).then(() => (ended = true));
    await agent.clock.advance(5_000);
    const pollStartedAt = queue.startedAtMs[0] ?? Infinity;

    // Act
    agent.signals.send('SIGTERM');
    await agent.clock.until(() => ended);

    // Assess
    expect(queue.startedAtMs).toHaveLength(1);
    expect(agent.logged('long poll unanswered past its wait; abandoning it')).toHaveLength(1);
    expect(agent.tags[0]?.atMs).toBeGreaterThan(pollStartedAt + 20_000);
    expect(agent.tags[0]?.atMs).toBeLessThanOrEqual(pollStartedAt + 26_000);
  });
});
