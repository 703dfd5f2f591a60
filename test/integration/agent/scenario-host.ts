// One GPU host of an agent scenario: the agent on its own IMDS and Triton twins and its own view of the shared queue.
import { runAgent, type AgentResult } from '../../../agent/agent';
import { parseAgentConfig } from '../../../agent/agent-config';
import type { ClockPort } from '../../../layers/ports/clock-port';
import type { InferencePort } from '../../../layers/ports/inference-port';
import type { InstanceMetadataPort } from '../../../layers/ports/instance-metadata-port';
import { InMemoryInference } from '../../../layers/twins/in-memory-inference';
import { InMemoryInstanceMetadata } from '../../../layers/twins/in-memory-instance-metadata';
import type { InMemoryQueue } from '../../../layers/twins/in-memory-queue';
import { InMemoryWorkQueue } from '../../../layers/twins/in-memory-work-queue';
import { RecordingLogger } from '../../../layers/twins/recording-logger';
import { ManualSignals } from '../../unit/agent/agent-harness';
import { PowerCut, TrackedWorkQueue, type ScenarioLedger } from './scenario-ledger';

export const SCENARIO_MODEL = 'bert-large';

/** What a host needs from the world it runs in. */
export interface HostWorld {
  sqs: InMemoryQueue;
  queueUrl: string;
  clock: ClockPort;
  ledger: ScenarioLedger;
  serviceTimesMs: number[];
  concurrency: number;
}

/**
 * The agent runs with the production defaults (20 s long polls, 60 s visibility, 10 s safety margin, 30 s Triton
 * timeout, 2 retries) except its concurrency. Twins of this host fail only when the scenario tells them to.
 */
export class ScenarioHost {
  readonly power = new PowerCut();
  readonly work: InMemoryWorkQueue;
  readonly imds: InMemoryInstanceMetadata;
  readonly triton: InMemoryInference;
  readonly logger = new RecordingLogger();
  readonly signals = new ManualSignals();
  result: AgentResult | undefined;
  endedAtMs: number | undefined;
  acknowledgedAtMs: number | undefined;
  started = false;
  /** Message ids this host still held when its power was cut (SQS shows them again only after their visibility timeout). */
  heldAtCut: string[] = [];

  constructor(
    readonly index: number,
    private readonly world: HostWorld,
  ) {
    this.work = new InMemoryWorkQueue({ queue: world.sqs, clock: world.clock, pollStepMs: 500 });
    this.imds = new InMemoryInstanceMetadata({ instanceId: `i-0scenario00000000${index}` });
    let next = 0;
    const times = world.serviceTimesMs;
    this.triton = new InMemoryInference({
      models: [SCENARIO_MODEL],
      latencyMs: () => times[next++ % times.length] ?? 0,
      sleep: (ms) => world.clock.sleep(ms),
    });
  }

  /** Running: started, not ended, not switched off. */
  get running(): boolean {
    return this.started && this.result === undefined && !this.power.cut;
  }

  start(settings: { sigtermGraceSeconds?: number } = {}): void {
    const { world, power } = this;
    this.started = true;
    const config = parseAgentConfig({ queueUrl: world.queueUrl, model: SCENARIO_MODEL, concurrency: world.concurrency, healthPort: 0, ...settings });
    const triton = this.triton;
    const inference: InferencePort = {
      ready: (model) => power.guard(() => triton.ready(model)),
      infer: (model, json, options) => power.guard(() => triton.infer(model, json, options)),
    };
    const imds = this.imds;
    const metadata: InstanceMetadataPort = {
      instanceId: () => power.guard(() => imds.instanceId()),
      spotInstanceAction: () => power.guard(() => imds.spotInstanceAction()),
      rebalanceRecommendationAtMs: () => power.guard(() => imds.rebalanceRecommendationAtMs()),
      tag: (key) => power.guard(() => imds.tag(key)),
    };
    void runAgent(config, {
      queue: new TrackedWorkQueue(this.work, this.index, world.ledger, power, world.clock),
      imds: metadata,
      inference,
      tagger: { createTags: () => power.guard(async () => void (this.acknowledgedAtMs ??= world.clock.nowMs())) },
      clock: power.clock(world.clock),
      logger: this.logger,
      signals: this.signals,
      emitMetrics: () => undefined,
      startHealth: async (port) => ({ port, close: async () => undefined }),
    }).then((result) => {
      this.result = result;
      this.endedAtMs = world.clock.nowMs();
    });
  }

  /** The instance is gone: whatever the agent still held comes back only at its visibility timeout. */
  cutPower(): void {
    if (this.power.cut) return;
    if (this.started) this.heldAtCut = this.world.ledger.stillHeldBy(this.index);
    this.power.cut = true;
  }

  /** The reasons the agent's logs give each time it handed this message back (or failed it), oldest first. */
  reasonsFor(messageId: string): string[] {
    return this.logger.lines
      .filter((line) => {
        const extra = line.extra ?? {};
        return extra.messageId === messageId || (Array.isArray(extra.messageIds) && extra.messageIds.includes(messageId));
      })
      .map((line) => {
        const why = line.extra?.reason ?? line.extra?.why;
        return why === undefined ? line.message : `${line.message}: ${String(why)}`;
      });
  }
}
