// The agent serving on real protocols: local-aws-sqs (redrive to a DLQ, a reply queue), the fake Triton, the fake IMDS.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, RealAgentWorld } from './real-agent-world';
import { deletedHandles, receivedMessages, releasedHandles, sentReplies, sqsCalls } from './sqs-calls';

let world: RealAgentWorld;
afterEach(async () => {
  await world.stop();
});

/** Replies read so far, by request message id (the probe deletes each reply it reads). */
const collectReplies = (target: Map<string, { id: string; outputs: unknown }[]>) => async (): Promise<number> => {
  for (const reply of await world.takeVisible(world.replyUrl)) {
    const requestMessageId = reply.MessageAttributes?.RequestMessageId?.StringValue ?? '(none)';
    const body = JSON.parse(reply.Body ?? '{}') as { id: string; outputs: unknown };
    target.set(requestMessageId, [...(target.get(requestMessageId) ?? []), body]);
  }
  return target.size;
};

describe('the agent on real protocols, serving', () => {
  it('serves every request: one result per request on the reply queue, with its RequestMessageId, and the request deleted after it', async () => {
    // Prepare
    world = await RealAgentWorld.start();
    const sent = await Promise.all(Array.from({ length: 12 }, (_, i) => world.request(`r${i}`)));
    const replies = new Map<string, { id: string; outputs: unknown }[]>();
    const read = collectReplies(replies);

    // Act
    void world.startAgent();
    await eventually(async () => (await read()) === sent.length, 'a reply for each of the 12 requests');
    await eventually(async () => (await world.depth()).inFlight === 0, 'the work queue empties');
    const result = await world.stopAgent();

    // Assess
    expect(result).toEqual({ exitCode: 0 });
    expect([...replies.keys()].sort()).toEqual([...sent].sort());
    for (const messageId of sent) {
      expect(replies.get(messageId)).toEqual([
        { model_name: 'bert-large', model_version: '1', id: world.requestIdOf(messageId), outputs: [expect.objectContaining({ data: [101, 7592, 2088, 102] })] },
      ]);
    }
    expect(await world.depth()).toEqual({ visible: 0, inFlight: 0 });
    const calls = world.sqsProxy.requests;
    const handleOf = new Map(receivedMessages(calls).map((r) => [r.receiptHandle, r.messageId]));
    const replyAt = new Map(sentReplies(calls).map((r) => [r.requestMessageId, r.answeredAtMs]));
    const deletes = deletedHandles(calls);
    expect(deletes.map((d) => handleOf.get(d.receiptHandle)).sort()).toEqual([...sent].sort());
    for (const deleted of deletes) expect(deleted.arrivedAtMs).toBeGreaterThanOrEqual(replyAt.get(handleOf.get(deleted.receiptHandle) ?? '') ?? Infinity);
    expect(world.triton.maxInFlight).toBeLessThanOrEqual(world.config().concurrency);
  });

  it('lets a request Triton rejects (400, model ready) reach the DLQ after maxReceiveCount, logging why each time, and serves its neighbour', async () => {
    // Prepare
    world = await RealAgentWorld.start({ maxReceiveCount: 2 });
    const poison = await world.request('bad-shape', { poison: true });
    const good = await world.request('fine');
    const replies = new Map<string, { id: string; outputs: unknown }[]>();

    // Act
    void world.startAgent();
    await eventually(async () => (await world.depth(world.dlqUrl)).visible === 1, 'the poison request in the DLQ');
    await eventually(async () => (await collectReplies(replies)()) === 1, 'the good request served');
    await world.stopAgent();

    // Assess
    const [dead] = await world.takeVisible(world.dlqUrl);
    expect(dead).toMatchObject({ MessageId: poison, Body: expect.stringContaining('"bad-shape"') });
    expect([...replies.keys()]).toEqual([good]);
    const why = world.logged('poison message released toward the DLQ');
    expect(why.map((line) => line.extra)).toEqual([
      { messageId: poison, receiveCount: 1, reason: expect.stringMatching(/Triton answered 400: unexpected number of elements for input 'input_ids'/) },
      { messageId: poison, receiveCount: 2, reason: expect.stringMatching(/Triton answered 400/) },
    ]);
    expect(receivedMessages(world.sqsProxy.requests).filter((r) => r.messageId === poison).map((r) => r.receiveCount)).toEqual([1, 2]);
    expect(await world.depth()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('retries a Triton 5xx with backoff, then hands the request back, and serves it on its next receive', async () => {
    // Prepare
    world = await RealAgentWorld.start({ maxReceiveCount: 3 });
    world.triton.failNext(3, 503, 'Exceeds maximum queue size');
    const messageId = await world.request('overloaded');
    const replies = new Map<string, { id: string; outputs: unknown }[]>();

    // Act
    void world.startAgent({ tritonRetries: 2 });
    await eventually(async () => (await collectReplies(replies)()) === 1, 'the request served after Triton recovers');
    await eventually(async () => (await world.depth()).inFlight === 0, 'the request deleted');
    await world.stopAgent();

    // Assess
    expect(world.triton.inferRequests).toBe(4);
    expect(world.logged('message released after Triton failed').map((line) => line.extra)).toEqual([
      { messageId, receiveCount: 1, reason: expect.stringMatching(/Triton answered 503: Exceeds maximum queue size \(after 3 attempts\)/) },
    ]);
    const received = receivedMessages(world.sqsProxy.requests).filter((r) => r.messageId === messageId);
    expect(received.map((r) => r.receiveCount)).toEqual([1, 2]);
    expect(releasedHandles(world.sqsProxy.requests).map((r) => r.receiptHandle)).toEqual([received[0]?.receiptHandle]);
    expect(replies.get(messageId)).toHaveLength(1);
    expect(await world.depth(world.dlqUrl)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('does not receive while Triton is not ready, so no receive count is burned, and serves once it is', async () => {
    // Prepare
    world = await RealAgentWorld.start();
    world.triton.setModelReady('bert-large', false);
    const messageId = await world.request('waiting');
    const readyProbes = () => world.triton.requests.filter((r) => r.path === '/v2/models/bert-large/ready').length;
    void world.startAgent();

    // Act
    await eventually(() => readyProbes() >= 5, 'five readiness probes answered "not ready"');
    const receivesWhileNotReady = sqsCalls(world.sqsProxy.requests, 'ReceiveMessage').length;
    const depthWhileNotReady = await world.depth();
    world.triton.setModelReady('bert-large', true);
    const replies = new Map<string, { id: string; outputs: unknown }[]>();
    await eventually(async () => (await collectReplies(replies)()) === 1, 'the request served once Triton is ready');
    await world.stopAgent();

    // Assess
    expect(receivesWhileNotReady).toBe(0);
    expect(depthWhileNotReady).toEqual({ visible: 1, inFlight: 0 });
    expect(receivedMessages(world.sqsProxy.requests).map((r) => [r.messageId, r.receiveCount])).toEqual([[messageId, 1]]);
    expect(world.triton.inferRequests).toBe(1);
  });

  it('hands back what it holds when Triton stops being ready, and receives nothing until it is ready again', async () => {
    // Prepare
    world = await RealAgentWorld.start({ tritonLatencyMs: 3_000 });
    const messageId = await world.request('interrupted');
    void world.startAgent();
    await eventually(() => world.triton.inFlight === 1, 'Triton working on the request');

    // Act
    world.triton.setModelReady('bert-large', false);
    await eventually(() => releasedHandles(world.sqsProxy.requests).length === 1, 'the held request released');
    const releasedAt = releasedHandles(world.sqsProxy.requests)[0]?.answeredAtMs ?? 0;
    const visibleAfterRelease = await world.depth();
    const readyProbesAtRelease = world.triton.requests.filter((r) => r.path.endsWith('/ready')).length;
    await eventually(() => world.triton.requests.filter((r) => r.path.endsWith('/ready')).length >= readyProbesAtRelease + 6, 'three more readiness rounds');
    const readyAgainAt = Date.now();
    world.triton.setLatency(20);
    world.triton.setModelReady('bert-large', true);
    const replies = new Map<string, { id: string; outputs: unknown }[]>();
    await eventually(async () => (await collectReplies(replies)()) === 1, 'the request served once Triton is ready again');
    await world.stopAgent();

    // Assess
    expect(visibleAfterRelease).toEqual({ visible: 1, inFlight: 0 });
    const receivesWhileDown = sqsCalls(world.sqsProxy.requests, 'ReceiveMessage').filter((r) => r.arrivedAtMs > releasedAt && r.arrivedAtMs < readyAgainAt);
    expect(receivesWhileDown).toEqual([]);
    expect(receivedMessages(world.sqsProxy.requests).map((r) => [r.messageId, r.receiveCount])).toEqual([
      [messageId, 1],
      [messageId, 2],
    ]);
    expect(world.logged('releasing unfinished messages').map((l) => l.extra)).toEqual([{ why: 'Triton is not ready', messages: 1, messageIds: [messageId] }]);
  });
});
