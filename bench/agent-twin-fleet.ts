/** GPU hosts running the real agent on one SQS twin and a virtual clock, with seeded random traffic: the drain benches' world. */
import { GpuHost } from '../cli/replay/incident-host';
import { requestIdOf, Traffic, type TrafficTally } from '../cli/replay/incident-traffic';
import { InMemoryQueue } from '../layers/twins/in-memory-queue';
import { VirtualClock } from '../layers/twins/virtual-clock';
import { seededRandom, type Random } from '../sim/model/random';

const START_MS = Date.UTC(2026, 11, 2, 14, 0, 0);
const VISIBILITY_TIMEOUT_SECONDS = 60;
const MODEL = 'bert-large';
/** A long poll a stopping agent abandoned may still take a message this long after (hidden a visibility timeout). */
const LONG_POLL_SECONDS = 20;

export interface TwinFleetOptions {
  seed: string;
  hosts: number;
  /** Mean arrival rate (exponential gaps). */
  arrivalsPerSecond: number;
  /** Triton's service time of a request: the same request always takes the same time (re-served or not). */
  serviceMs: (uniform: number) => number;
  /** Agent settings over the defaults (concurrency 8, visibility 60 s, safety margin 10 s). */
  agent?: Record<string, unknown>;
  tickMs?: number;
}

/** Exponential gap for a Poisson stream of `perSecond` arrivals. */
const exponentialGapMs = (random: Random, perSecond: number) => () => (-Math.log(1 - random.next()) * 1000) / perSecond;

/**
 * The world moves in ticks: clients send and read replies between ticks, agents act at any time. Hosts are
 * numbered `i-bench0000000000N`; the first is the one the benches interrupt.
 */
export class AgentTwinFleet {
  readonly clock = new VirtualClock(START_MS);
  readonly sqs = new InMemoryQueue({ clock: this.clock });
  readonly dlqUrl = this.sqs.createQueue('bench-work-dlq');
  readonly queueUrl = this.sqs.createQueue('bench-work', {
    visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
    redrivePolicy: { deadLetterQueueUrl: this.dlqUrl, maxReceiveCount: 5 },
  });
  readonly replyUrl = this.sqs.createQueue('bench-replies');
  readonly traffic: Traffic;
  readonly hosts: GpuHost[] = [];
  /** The `autopilot:drained` acknowledgements the agents wrote. */
  readonly acknowledgements: { instanceId: string; atMs: number }[] = [];
  trafficOn = true;
  private readonly tickMs: number;

  constructor(options: TwinFleetOptions) {
    const random = seededRandom(options.seed);
    this.tickMs = options.tickMs ?? 250;
    this.traffic = new Traffic({
      sqs: this.sqs,
      queueUrl: this.queueUrl,
      replyUrl: this.replyUrl,
      dlqUrl: this.dlqUrl,
      startMs: START_MS,
      streams: [{ prefix: 'r', nextGapMs: exponentialGapMs(random.fork('arrivals'), options.arrivalsPerSecond) }],
    });
    const serviceMs = (json: string) => options.serviceMs(seededRandom(`${options.seed}:${requestIdOf(json)}`).next());
    for (let n = 1; n <= options.hosts; n += 1) {
      const instanceId = `i-bench${String(n).padStart(10, '0')}`;
      const host = new GpuHost({
        instanceId,
        sqs: this.sqs,
        queueUrl: this.queueUrl,
        model: MODEL,
        clock: this.clock,
        tagSource: () => undefined,
        tagger: { createTags: async (id) => void this.acknowledgements.push({ instanceId: id, atMs: this.clock.nowMs() }) },
        serviceMs,
        agent: { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS, ...options.agent },
      });
      this.hosts.push(host);
      host.start();
    }
  }

  /** Ticks until `done()` holds or `limitMs` of virtual time passed. */
  async runUntil(done: () => boolean, limitMs: number): Promise<void> {
    for (const end = this.clock.nowMs() + limitMs; !done() && this.clock.nowMs() < end; ) await this.tick();
  }

  async runFor(ms: number): Promise<void> {
    await this.runUntil(() => false, ms);
  }

  /** Stops the clients and the running agents (SIGTERM), waits until nothing can be hidden any more, and counts. */
  async finish(): Promise<TrafficTally> {
    this.trafficOn = false;
    const running = this.hosts.filter((h) => h.running());
    for (const host of running) host.sigterm();
    await this.runUntil(() => running.every((h) => !h.running()), 120_000);
    await this.clock.advance((VISIBILITY_TIMEOUT_SECONDS + LONG_POLL_SECONDS) * 1000 + 1_000);
    return this.traffic.tally();
  }

  private async tick(): Promise<void> {
    if (this.trafficOn) this.traffic.sendDue(this.clock.nowMs());
    this.traffic.collectReplies();
    await this.clock.advance(this.tickMs);
  }
}
