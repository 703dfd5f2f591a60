// The agent's drain on real protocols: spot instance-action on the fake IMDS, SIGTERM; what it finishes, releases, and when.
import { afterEach, describe, expect, it } from 'vitest';
import { DRAINED_TAG } from '../../../layers/core/drain-protocol';
import { drainTimeline } from './drain-timeline';
import { eventually, INSTANCE_ID, RealAgentWorld } from './real-agent-world';

let world: RealAgentWorld;
afterEach(async () => {
  await world.stop();
});

/** Two requests Triton finishes in 1.2 s, then two it would need 10 s for; the agent holds all four (concurrency 6). */
const busyWorld = async () => {
  world = await RealAgentWorld.start({ tritonLatencyMs: 1_200 });
  const quick = [await world.request('quick-1'), await world.request('quick-2')];
  void world.startAgent({ concurrency: 6 });
  await eventually(() => world.triton.inFlight === 2, 'Triton working on the quick requests');
  world.triton.setLatency(10_000);
  const slow = [await world.request('slow-1'), await world.request('slow-2')];
  await eventually(() => world.triton.inFlight === 4, 'Triton working on the slow requests too');
  return { quick, slow };
};

const replyIds = async (): Promise<string[]> =>
  (await world.takeVisible(world.replyUrl)).map((m) => m.MessageAttributes?.RequestMessageId?.StringValue ?? '(none)').sort();

const visibleIds = async (): Promise<string[]> => (await world.takeVisible(world.workUrl)).map((m) => m.MessageId ?? '').sort();

describe('the agent on real protocols, draining', () => {
  it('on the spot instance-action: stops receiving within one IMDS poll, finishes the quick ones, releases the rest before the deadline, tags drained, exits 0', async () => {
    // Prepare
    const { quick, slow } = await busyWorld();
    const noticeAt = Date.now();
    const deadlineMs = noticeAt + 3_000;

    // Act
    world.imds.setSpotAction({ action: 'terminate', time: new Date(deadlineMs).toISOString() });
    const late = await world.request('late');
    await eventually(() => world.result !== undefined, 'the agent ends');

    // Assess
    const timeline = drainTimeline(world, noticeAt, deadlineMs);
    expect(world.result).toEqual({ exitCode: 0 });
    expect(timeline.firstSpotReadAfterNotice?.status).toBe(200);
    expect(timeline.receivesAfterOnePoll).toEqual([]);
    expect(timeline.unfinished.sort()).toEqual([...slow, ...(timeline.received.includes(late) ? [late] : [])].sort());
    expect(timeline.unfinishedNotReleasedBeforeDeadline).toEqual([]);
    expect(await replyIds()).toEqual([...quick].sort());
    expect(await visibleIds()).toEqual([...slow, late].sort());
    expect(world.tags).toEqual([{ instanceId: INSTANCE_ID, tags: { [DRAINED_TAG]: expect.any(String) }, atMs: expect.any(Number) }]);
    expect(Date.parse(world.tags[0]?.tags[DRAINED_TAG] ?? '')).toBeLessThan(deadlineMs);
    // `late` may reach the agent before it reads the notice: then it is one of the requests released at the cutoff.
    expect(world.logged('releasing unfinished messages').map((l) => l.extra)).toEqual([
      { why: 'drain deadline minus safety margin reached', messages: expect.any(Number), messageIds: expect.arrayContaining(slow) },
    ]);
  });

  it('on SIGTERM: the same drain, to the deadline SIGTERM plus the grace period, with /readyz saying so meanwhile', async () => {
    // Prepare
    const { quick, slow } = await busyWorld();
    const healthPort = Number(world.logged('agent started')[0]?.extra?.healthPort);

    // Act
    const noticeAt = Date.now();
    world.signals.send('SIGTERM');
    const late = await world.request('late');
    const readiness = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    const readinessBody = (await readiness.json()) as { ready: boolean; reason: string };
    await eventually(() => world.result !== undefined, 'the agent ends');

    // Assess
    const deadlineMs = Date.parse(String(world.logged('drain notice')[0]?.extra?.deadline));
    expect(deadlineMs).toBeGreaterThanOrEqual(noticeAt + 3_000);
    const timeline = drainTimeline(world, noticeAt, deadlineMs);
    expect(world.result).toEqual({ exitCode: 0 });
    expect(readiness.status).toBe(503);
    expect(readinessBody).toMatchObject({ ready: false, reason: expect.stringMatching(/^draining: sigterm until /) });
    expect(timeline.receivesAfterOnePoll).toEqual([]);
    expect(timeline.unfinished.sort()).toEqual([...slow, ...(timeline.received.includes(late) ? [late] : [])].sort());
    expect(timeline.unfinishedNotReleasedBeforeDeadline).toEqual([]);
    expect(await replyIds()).toEqual([...quick].sort());
    expect(await visibleIds()).toEqual([...slow, late].sort());
    expect(Date.parse(world.tags[0]?.tags[DRAINED_TAG] ?? '')).toBeLessThan(deadlineMs);
  });

  it('under a steady stream of requests: no receive after one poll, and every message it did not serve is visible again before the deadline', async () => {
    // Prepare
    world = await RealAgentWorld.start({ tritonLatencyMs: 150 });
    const sent: string[] = [];
    let sending = true;
    const stream = (async () => {
      for (let i = 0; sending; i += 1) {
        sent.push(await world.request(`stream-${i}`));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    void world.startAgent({ concurrency: 3 });
    await eventually(() => world.triton.inferRequests >= 6, 'the agent serving the stream');
    const noticeAt = Date.now();
    const deadlineMs = noticeAt + 2_500;

    // Act
    world.imds.setSpotAction({ action: 'terminate', time: new Date(deadlineMs).toISOString() });
    await eventually(() => world.result !== undefined, 'the agent ends');
    sending = false;
    await stream;

    // Assess
    const timeline = drainTimeline(world, noticeAt, deadlineMs);
    expect(world.result).toEqual({ exitCode: 0 });
    expect(timeline.receivesAfterOnePoll).toEqual([]);
    expect(timeline.unfinishedNotReleasedBeforeDeadline).toEqual([]);
    const served = await replyIds();
    const visible = await visibleIds();
    expect(served).toEqual([...timeline.deleted].sort());
    expect([...served, ...visible].sort()).toEqual([...sent].sort());
    expect(await world.depth()).toEqual({ visible: 0, inFlight: visible.length });
  });
});
