// Runs the agent on twins and a virtual clock, with the handles tests need to act and to look.
import { DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG, DRAIN_TAG } from '../../../layers/core/drain-protocol';
import { parseAgentConfig, type AgentConfig } from '../../../agent/agent-config';
import { runAgent, type AgentResult } from '../../../agent/agent';
import type { TerminationSignals } from '../../../agent/drain-sources';
import type { HealthStatus, StartHealthServer } from '../../../agent/health-server';
import { InMemoryInference } from '../../../layers/twins/in-memory-inference';
import { InMemoryInstanceMetadata } from '../../../layers/twins/in-memory-instance-metadata';
import { InMemoryQueue } from '../../../layers/twins/in-memory-queue';
import { InMemoryWorkQueue } from '../../../layers/twins/in-memory-work-queue';
import { RecordingLogger } from '../../../layers/twins/recording-logger';
import { RecordingWorkQueue } from './recording-work-queue';
import { VirtualClock } from '../../../layers/twins/virtual-clock';

/** SIGTERM and SIGINT on demand. */
export class ManualSignals implements TerminationSignals {
  private listeners: ((signal: string) => void)[] = [];
  onTerminate(listener: (signal: string) => void): () => void {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }
  send(signal = 'SIGTERM'): void {
    for (const listener of this.listeners) listener(signal);
  }
}

export const INSTANCE_ID = 'i-0abc1234def567890';
export const MODEL = 'bert-large';

/** One GPU host: the agent on the SQS, IMDS and Triton twins (with a DLQ after 3 receives) and a virtual clock. */
export class AgentHarness {
  readonly clock = new VirtualClock();
  readonly sqs = new InMemoryQueue({ clock: this.clock });
  readonly dlqUrl = this.sqs.createQueue('bert-large-work-dlq');
  readonly queueUrl = this.sqs.createQueue('bert-large-work', { visibilityTimeoutSeconds: 60, redrivePolicy: { deadLetterQueueUrl: this.dlqUrl, maxReceiveCount: 3 } });
  readonly replyUrl = this.sqs.createQueue('bert-large-replies');
  readonly queue = new RecordingWorkQueue(new InMemoryWorkQueue({ queue: this.sqs, clock: this.clock }), this.clock);
  readonly imds = new InMemoryInstanceMetadata({ instanceId: INSTANCE_ID });
  readonly triton = new InMemoryInference({ models: [MODEL], latencyMs: 100, sleep: (ms) => this.clock.sleep(ms) });
  readonly tags: { instanceId: string; tags: Record<string, string>; atMs: number }[] = [];
  readonly logger = new RecordingLogger();
  readonly signals = new ManualSignals();
  readonly metricLines: string[] = [];
  status: () => HealthStatus = () => ({ ready: false, reason: 'not started' });
  healthClosed = false;
  result: AgentResult | undefined;
  private sent = 0;

  config(overrides: Record<string, unknown> = {}): AgentConfig {
    return parseAgentConfig({ queueUrl: this.queueUrl, model: MODEL, healthPort: 0, tritonBackoffMs: 100, ...overrides });
  }

  /** Starts the agent; `run` settles when it ends. */
  start(overrides: Record<string, unknown> = {}): Promise<AgentResult> {
    const startHealth: StartHealthServer = async (port, status) => {
      this.status = status;
      return { port, close: async () => void (this.healthClosed = true) };
    };
    const tagger = { createTags: async (instanceId: string, tags: Record<string, string>) => void this.tags.push({ instanceId, tags, atMs: this.clock.nowMs() }) };
    const run = runAgent(this.config(overrides), {
      queue: this.queue,
      imds: this.imds,
      inference: this.triton,
      tagger,
      clock: this.clock,
      logger: this.logger,
      signals: this.signals,
      emitMetrics: (line) => this.metricLines.push(line),
      startHealth,
    });
    void run.then((result) => (this.result = result));
    return run;
  }

  /** SIGTERM, then time until the agent has ended (it drains first); returns its result. */
  async stop(): Promise<AgentResult> {
    this.signals.send('SIGTERM');
    await this.clock.until(() => this.result !== undefined);
    if (!this.result) throw new Error('the agent did not end');
    return this.result;
  }

  /** Sends a KServe v2 request (`{"id":...,"inputs":[...]}`) naming the reply queue, as a fleet's client would; returns its message id. */
  request(id = `r${++this.sent}`, options: { reply?: boolean } = {}): string {
    const attributes: Record<string, string> = options.reply === false ? {} : { ReplyQueueUrl: this.replyUrl };
    return this.sqs.send(this.queueUrl, JSON.stringify({ id, inputs: [{ name: 'input_ids', datatype: 'INT64', shape: [1, 4], data: [101, 7592, 2088, 102] }] }), { attributes });
  }

  /** Request ids whose results reached the reply queue (consumes them). */
  replies(): string[] {
    const ids: string[] = [];
    for (let batch = this.sqs.receive(this.replyUrl, { maxMessages: 10 }); batch.length > 0; batch = this.sqs.receive(this.replyUrl, { maxMessages: 10 })) {
      for (const message of batch) {
        ids.push((JSON.parse(message.body) as { id: string }).id);
        this.sqs.delete(this.replyUrl, message.receiptHandle);
      }
    }
    return ids;
  }

  async depth(queueUrl = this.queueUrl) {
    return this.sqs.stats(queueUrl);
  }

  callsOf(op: 'receive' | 'delete' | 'changeVisibility' | 'send') {
    return this.queue.calls.filter((c) => c.op === op);
  }

  /** Sets the drain tags as the spot-interruption function writes them (an empty record removes them). */
  setTags(tags: Record<string, string>): void {
    for (const key of [DRAIN_TAG, DRAIN_INCIDENT_TAG, DRAIN_REASON_TAG]) this.imds.setTag(key, tags[key]);
  }

  logged(message: string) {
    return this.logger.lines.filter((l) => l.message === message);
  }
}

/** ISO-8601 UTC, as the drain protocol writes times in tags. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** An agent serving two requests: `quick` (5 s on Triton) and `slow` (100 s unless told). */
export const startBusyAgent = async (overrides: Record<string, unknown> = {}, slowMs = 100_000) => {
  const agent = new AgentHarness();
  agent.triton.setLatency(5_000);
  agent.request('quick');
  agent.start({ tritonTimeoutMs: 600_000, ...overrides });
  await agent.clock.until(() => agent.triton.calls.infer === 1);
  agent.triton.setLatency(slowMs);
  agent.request('slow');
  await agent.clock.until(() => agent.triton.calls.infer === 2);
  return agent;
};
