/** One GPU host on twins: the real worker agent beside its own IMDS and Triton twins, over a shared SQS twin. */
import { parseAgentConfig } from '../../agent/agent-config';
import { runAgent, type AgentResult } from '../../agent/agent';
import type { TerminationSignals } from '../../agent/drain-sources';
import type { HealthStatus, StartHealthServer } from '../../agent/health-server';
import type { ClockPort } from '../../layers/ports/clock-port';
import type { FleetPort } from '../../layers/ports/fleet-port';
import type { InferencePort } from '../../layers/ports/inference-port';
import type { LoggerPort } from '../../layers/ports/logger-port';
import type { WorkQueuePort } from '../../layers/ports/work-queue-port';
import { InMemoryInference } from '../../layers/twins/in-memory-inference';
import { InMemoryInstanceMetadata } from '../../layers/twins/in-memory-instance-metadata';
import type { InMemoryQueue } from '../../layers/twins/in-memory-queue';
import { InMemoryWorkQueue } from '../../layers/twins/in-memory-work-queue';

export interface GpuHostOptions {
  instanceId: string;
  sqs: InMemoryQueue;
  queueUrl: string;
  model: string;
  clock: ClockPort;
  /** The instance's tags as IMDS serves them (the fleet twin's, so the agent sees the drain tag). */
  tagSource: (key: string) => string | undefined;
  /** Where the agent's `autopilot:drained` acknowledgement goes (the fleet twin). */
  tagger: Pick<FleetPort, 'createTags'>;
  /** Triton's service time for one request body. */
  serviceMs: (requestJson: string) => number;
  /** Triton answers not-ready for this long after the agent starts (model load); default 0. */
  modelLoadMs?: number;
  /** Agent settings over the defaults (concurrency 8, visibility 60 s, safety margin 10 s). */
  agent?: Record<string, unknown>;
}

/** A log line of the agent, with when it was written and how many messages the agent held then. */
export interface HostLogLine {
  atMs: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  extra: Record<string, unknown>;
  inFlight: number;
}

/** A process that is gone answers nothing: its calls never settle. */
const gone = <T>(): Promise<T> => new Promise<T>(() => undefined);

class ManualSignals implements TerminationSignals {
  private listeners: ((signal: string) => void)[] = [];
  onTerminate(listener: (signal: string) => void): () => void {
    this.listeners.push(listener);
    return () => void (this.listeners = this.listeners.filter((l) => l !== listener));
  }
  send(signal: string): void {
    for (const listener of [...this.listeners]) listener(signal);
  }
}

/**
 * The agent runs as it does on EC2, with every port a twin: `sigterm()` is systemd stopping it, `powerOff()` is
 * the instance disappearing under it (its calls never return; what it held reappears at the visibility timeout).
 *
 * @example
 * const host = new GpuHost({ instanceId, sqs, queueUrl, model: 'bert-large', clock, tagSource, tagger, serviceMs: () => 150 });
 * host.start();
 * host.imds.setSpotAction({ action: 'terminate', atMs: clock.nowMs() + 120_000 });
 */
export class GpuHost {
  readonly instanceId: string;
  readonly imds: InMemoryInstanceMetadata;
  readonly triton: InMemoryInference;
  /** The SQS twin as this agent's client sees it: tell it to fail (throttling) here. */
  readonly work: InMemoryWorkQueue;
  readonly lines: HostLogLine[] = [];
  result: AgentResult | undefined;
  startedAtMs: number | undefined;
  poweredOff = false;
  private readonly signals = new ManualSignals();
  private readonly power = new AbortController();
  private readonly inference: InferencePort;
  private status: () => HealthStatus = () => ({ ready: false, reason: 'not started' });

  constructor(private readonly options: GpuHostOptions) {
    this.instanceId = options.instanceId;
    this.imds = new InMemoryInstanceMetadata({ instanceId: options.instanceId, tagSource: options.tagSource });
    let nextServiceMs = 0;
    this.triton = new InMemoryInference({ models: [options.model], latencyMs: () => nextServiceMs, sleep: (ms) => options.clock.sleep(ms) });
    this.work = new InMemoryWorkQueue({ queue: options.sqs, clock: options.clock });
    this.inference = {
      ready: (model) => (this.poweredOff ? gone() : this.triton.ready(model)),
      // The twin reads its latency before its first await, so the value set here is this request's.
      infer: (model, requestJson, callOptions) => {
        if (this.poweredOff) return gone();
        nextServiceMs = options.serviceMs(requestJson);
        return this.triton.infer(model, requestJson, callOptions);
      },
    };
  }

  /** Starts the agent (Triton first loads its model for `modelLoadMs`). */
  start(): void {
    const { clock, modelLoadMs = 0 } = this.options;
    this.startedAtMs = clock.nowMs();
    if (modelLoadMs > 0) {
      this.triton.setServerReady(false);
      void clock.sleep(modelLoadMs).then(() => this.triton.setServerReady(true));
    }
    const startHealth: StartHealthServer = async (port, status) => {
      this.status = status;
      return { port, close: async () => undefined };
    };
    const config = parseAgentConfig({
      queueUrl: this.options.queueUrl,
      model: this.options.model,
      healthPort: 0,
      tritonTimeoutMs: 600_000,
      ...this.options.agent,
    });
    void runAgent(config, {
      queue: this.poweredWorkQueue(),
      imds: this.imds,
      inference: this.inference,
      tagger: { createTags: (id, tags) => (this.poweredOff ? gone() : this.options.tagger.createTags(id, tags)) },
      clock,
      logger: this.logger(),
      signals: this.signals,
      emitMetrics: () => undefined,
      startHealth,
    }).then((result) => (this.result = result));
  }

  /** Started, not ended, not powered off. */
  running(): boolean {
    return this.startedAtMs !== undefined && this.result === undefined && !this.poweredOff;
  }

  /** Messages the agent holds now (received, neither deleted nor handed back). */
  inFlight(): number {
    return Number(this.status().details?.inFlight ?? 0);
  }

  sigterm(): void {
    this.signals.send('SIGTERM');
  }

  powerOff(): void {
    this.poweredOff = true;
    this.power.abort();
  }

  logged(message: string): HostLogLine[] {
    return this.lines.filter((l) => l.message === message);
  }

  private logger(): LoggerPort {
    const line = (level: HostLogLine['level']) => (message: string, extra: Record<string, unknown> = {}) =>
      void this.lines.push({ atMs: this.options.clock.nowMs(), level, message, extra, inFlight: this.inFlight() });
    return { debug: () => undefined, info: line('info'), warn: line('warn'), error: line('error') };
  }

  private poweredWorkQueue(): WorkQueuePort {
    const work = this.work;
    return {
      // A long poll in progress ends with the instance, receiving nothing more.
      receive: async (url, request) => {
        if (this.poweredOff) return gone();
        const abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal, this.power.signal]) : this.power.signal;
        const messages = await work.receive(url, { ...request, abortSignal });
        return this.poweredOff ? gone() : messages;
      },
      delete: (url, handle) => (this.poweredOff ? gone() : work.delete(url, handle)),
      changeVisibility: (url, handle, seconds) => (this.poweredOff ? gone() : work.changeVisibility(url, handle, seconds)),
      changeVisibilityBatch: (url, handles, seconds) => (this.poweredOff ? gone() : work.changeVisibilityBatch(url, handles, seconds)),
      send: (url, body, attributes) => (this.poweredOff ? gone() : work.send(url, body, attributes)),
    };
  }
}
