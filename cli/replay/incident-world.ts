/** The incident replay's world: the spot handler's twins, the fleet's GPU hosts and their traffic, on one virtual clock. */
import { replayLambdaContext } from './replay-lambda-context';
import { makeHandler } from '../../functions/spot-interruption/make-handler';
import type { FleetConfig } from '../../layers/core/fleet';
import { InMemoryFleet } from '../../layers/twins/in-memory-fleet';
import { InMemoryQueue } from '../../layers/twins/in-memory-queue';
import { VirtualClock, settle } from '../../layers/twins/virtual-clock';
import { silentLogger } from '../../sim/silent-logger';
import { twinWorld, type TwinWorld } from '../../sim/twin-world';
import { GpuHost } from './incident-host';
import * as scenario from './incident-scenario';
import { IncidentTimeline } from './incident-timeline';
import { requestIdOf, Traffic } from './incident-traffic';

/** The world moves in steps this long: traffic, EC2 and the observers act between them; the agents at any time. */
export const TICK_MS = 100;
/** The work queue's visibility timeout (the agents' default) and redrive policy. */
export const VISIBILITY_TIMEOUT_SECONDS = 60;
const MAX_RECEIVE_COUNT = 5;

const lambdaContext = replayLambdaContext(scenario.REGION, scenario.ACCOUNT, 'replay-incident');

/**
 * One SQS twin holds the work queue, its DLQ and the reply queue; the handler reads its depth and arrivals,
 * the agents consume it. EC2 Fleet keeps launched instances `pending` for the boot time, and a host's agent
 * starts when its instance is `running`.
 */
export class IncidentWorld {
  readonly clock = new VirtualClock(scenario.START_MS);
  readonly fleet = new InMemoryFleet({
    fleets: [scenario.fleetSeed()],
    instances: scenario.instanceSeeds(),
    pendingMs: scenario.BOOT_MS,
    modifying: { clock: this.clock, durationMs: 3_000 },
  });
  /** The SQS twin of the fleet's queues (the handler reads depth from it through `queuePort`). */
  readonly sqs = new InMemoryQueue({ clock: this.clock });
  readonly twins: TwinWorld<VirtualClock>;
  readonly fleetConfig: FleetConfig;
  readonly queueUrl: string;
  readonly replyUrl: string;
  readonly traffic: Traffic;
  readonly hosts = new Map<string, GpuHost>();
  readonly replacements = new Set<string>();
  readonly timeline = new IncidentTimeline();
  readonly handlerErrors: string[] = [];
  trafficOn = true;
  /** False once the incident is over: the final shutdown is not part of the timeline. */
  observing = true;
  private readonly handler: ReturnType<typeof makeHandler>;

  constructor() {
    const sqs = this.sqs;
    const urls = this.queues();
    this.queueUrl = urls.queueUrl;
    this.replyUrl = urls.replyUrl;
    this.fleetConfig = scenario.fleetConfig(this.queueUrl);
    this.twins = twinWorld({ startMs: scenario.START_MS, fleets: [this.fleetConfig], fleetSeeds: [], fleet: this.fleet, clock: this.clock, queuePort: sqs });
    this.handler = makeHandler(this.twins.deps, silentLogger());
    // The queue had the same traffic for the ten minutes before the replay (CloudWatch's arrival window).
    for (let t = scenario.START_MS - 600_000; t < scenario.START_MS; t += 60_000) this.twins.metrics.put(this.queueUrl, t, scenario.QUERIES_PER_SECOND * 60);
    this.traffic = new Traffic({
      sqs,
      ...urls,
      startMs: scenario.START_MS,
      metrics: this.twins.metrics,
      streams: [
        { prefix: 'q', nextGapMs: () => 1000 / scenario.QUERIES_PER_SECOND },
        { prefix: 'b', nextGapMs: () => scenario.BULK_EVERY_MS },
      ],
    });
    const seeded = this.fleet.instancesOf(scenario.FLEET_ID).map((i) => i.instanceId);
    this.timeline.knowInstances(seeded);
    for (const id of seeded) this.startHost(id, 0);
  }

  host(instanceId: string): GpuHost {
    const host = this.hosts.get(instanceId);
    if (!host) throw new Error(`no host ${instanceId} in the replay`);
    return host;
  }

  /** Invokes the spot-interruption function with `event` while the world keeps moving; records its actions. */
  async invoke(event: unknown): Promise<void> {
    const before = this.twins.ledger.actions().length;
    let done = false;
    const run = this.handler(event, lambdaContext).then(
      () => undefined,
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.handlerErrors.push(message);
        this.timeline.add(this.clock.nowMs(), 'handler-error', `spot-interruption function failed: ${message}`);
      },
    );
    void run.finally(() => (done = true));
    for (await settle(); !done; await settle()) await this.step();
    // Pending markers guard against a crash between ModifyFleet and its record: not actions of their own.
    this.timeline.actions(this.clock.nowMs(), this.twins.ledger.actions().slice(before).filter((a) => a.status !== 'pending'));
  }

  /** One tick: clients send and read replies, EC2 fulfils the fleet, new instances get their agent; then time moves. */
  async step(): Promise<void> {
    const now = this.clock.nowMs();
    if (this.trafficOn) this.traffic.sendDue(now);
    this.fleet.fulfil(now);
    const instances = this.fleet.instancesOf(scenario.FLEET_ID);
    if (this.observing) this.timeline.observeFleet(now, instances);
    for (const i of instances) {
      if (i.state !== 'running' || this.hosts.has(i.instanceId)) continue;
      this.replacements.add(i.instanceId);
      this.timeline.hostStarted(now, this.startHost(i.instanceId, scenario.MODEL_LOAD_MS));
    }
    this.traffic.collectReplies();
    if (this.observing) this.timeline.observeHosts(now, [...this.hosts.values()], this.replacements);
    await this.clock.advance(TICK_MS);
  }

  private startHost(instanceId: string, modelLoadMs: number): GpuHost {
    const host = new GpuHost({
      instanceId,
      sqs: this.sqs,
      queueUrl: this.queueUrl,
      model: scenario.MODEL,
      clock: this.clock,
      tagSource: (key) => this.tagOf(instanceId, key),
      tagger: this.fleet,
      serviceMs: (json) => (requestIdOf(json).startsWith('b') ? scenario.BULK_SERVICE_MS : scenario.QUERY_SERVICE_MS),
      modelLoadMs,
      agent: { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS },
    });
    this.hosts.set(instanceId, host);
    host.start();
    return host;
  }

  /** IMDS serves the instance's tags as EC2 holds them. */
  private tagOf(instanceId: string, key: string): string | undefined {
    let value: string | undefined;
    this.fleet.forEachInstance((i) => {
      if (i.instanceId === instanceId) value = i.tags[key];
    });
    return value;
  }

  private queues() {
    const sqs = this.sqs;
    const dlqUrl = sqs.createQueue(scenario.DLQ_NAME);
    const queueUrl = sqs.createQueue(scenario.QUEUE_NAME, {
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
      redrivePolicy: { deadLetterQueueUrl: dlqUrl, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    const replyUrl = sqs.createQueue(scenario.REPLY_QUEUE_NAME);
    return { queueUrl, replyUrl, dlqUrl };
  }
}
