/**
 * The agent's cost per request against calling the Triton twin directly, at 1, 8 and 32 requests in flight, in
 * real time. Triton answers at once (zero latency), so the difference is the agent's own work plus the SQS
 * twin's (receive, reply, delete), the part a request pays on top of its inference.
 */
import { performance } from 'node:perf_hooks';
import { parseAgentConfig } from '../agent/agent-config';
import { runAgent } from '../agent/agent';
import { systemClock } from '../layers/adapters/system-clock';
import type { WorkQueuePort } from '../layers/ports/work-queue-port';
import { InMemoryInference } from '../layers/twins/in-memory-inference';
import { InMemoryInstanceMetadata } from '../layers/twins/in-memory-instance-metadata';
import { InMemoryQueue } from '../layers/twins/in-memory-queue';
import { InMemoryWorkQueue } from '../layers/twins/in-memory-work-queue';

const MODEL = 'bert-large';

export interface OverheadPoint {
  concurrency: number;
  /** Microseconds per request, one value per round. */
  agentUs: number[];
  directUs: number[];
}

const body = (i: number): string =>
  JSON.stringify({ id: `r${i}`, inputs: [{ name: 'input_ids', datatype: 'INT64', shape: [1, 4], data: [101, 7592, 2088, 102] }] });

/** `concurrency` loops calling the twin back to back until `requests` are answered. */
const directRound = async (concurrency: number, requests: number): Promise<number> => {
  const triton = new InMemoryInference({ models: [MODEL] });
  const bodies = Array.from({ length: requests }, (_, i) => body(i));
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) await triton.infer(MODEL, bodies[i] as string);
    }),
  );
  return ((performance.now() - start) * 1000) / requests;
};

/** The agent serves `requests` queued messages; timed from its first receive that got messages to the last delete. */
const agentRound = async (concurrency: number, requests: number): Promise<{ usPerRequest: number; stopped: Promise<unknown> }> => {
  const sqs = new InMemoryQueue({ clock: systemClock });
  const queueUrl = sqs.createQueue('bench-work', { visibilityTimeoutSeconds: 60 });
  const replyUrl = sqs.createQueue('bench-replies');
  for (let i = 0; i < requests; i += 1) sqs.send(queueUrl, body(i), { attributes: { ReplyQueueUrl: replyUrl } });
  const work = new InMemoryWorkQueue({ queue: sqs, clock: systemClock });
  let firstAt: number | undefined;
  let deleted = 0;
  let finished: (atMs: number) => void = () => undefined;
  const lastDelete = new Promise<number>((resolve) => (finished = resolve));
  const queue: WorkQueuePort = {
    receive: async (url, request) => {
      const at = performance.now();
      const messages = await work.receive(url, request);
      if (messages.length > 0) firstAt ??= at;
      return messages;
    },
    delete: async (url, handle) => {
      await work.delete(url, handle);
      if (++deleted === requests) finished(performance.now());
    },
    changeVisibility: (url, handle, seconds) => work.changeVisibility(url, handle, seconds),
    changeVisibilityBatch: (url, handles, seconds) => work.changeVisibilityBatch(url, handles, seconds),
    send: (url, text, attributes) => work.send(url, text, attributes),
  };
  let terminate: (signal: string) => void = () => undefined;
  // Short periods so the timers a stopped agent leaves behind (real ones) run out within seconds.
  const config = parseAgentConfig({ queueUrl, model: MODEL, concurrency, healthPort: 0, waitTimeSeconds: 2, visibilityTimeoutSeconds: 6, metricsIntervalSeconds: 2 });
  const run = runAgent(config, {
    queue,
    imds: new InMemoryInstanceMetadata({ instanceId: 'i-0bench000000000001' }),
    inference: new InMemoryInference({ models: [MODEL] }),
    tagger: { createTags: async () => undefined },
    clock: systemClock,
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    signals: { onTerminate: (listener) => ((terminate = listener), () => undefined) },
    emitMetrics: () => undefined,
    startHealth: async (port) => ({ port, close: async () => undefined }),
  });
  const endAt = await lastDelete;
  // Stopping is not timed: the agent answers its open long poll first (up to waitTimeSeconds), then ends.
  terminate('SIGTERM');
  return { usPerRequest: ((endAt - (firstAt ?? endAt)) * 1000) / requests, stopped: run };
};

/** `rounds` timed rounds per concurrency (after one untimed warm-up round), `requests` each. */
export const benchAgentOverhead = async (options: { concurrencies: number[]; requests: number; rounds: number }): Promise<OverheadPoint[]> => {
  const points: OverheadPoint[] = [];
  const stopping: Promise<unknown>[] = [];
  for (const concurrency of options.concurrencies) {
    const point: OverheadPoint = { concurrency, agentUs: [], directUs: [] };
    for (let round = 0; round <= options.rounds; round += 1) {
      const agent = await agentRound(concurrency, options.requests);
      stopping.push(agent.stopped);
      const direct = await directRound(concurrency, options.requests);
      if (round === 0) continue;
      point.agentUs.push(agent.usPerRequest);
      point.directUs.push(direct);
    }
    points.push(point);
  }
  await Promise.all(stopping);
  return points;
};
