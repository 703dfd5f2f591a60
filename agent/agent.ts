/** The worker agent: wires the consumer, readiness, heartbeat, drain, health and metrics, and runs until drained. */
import type { ClockPort } from '../layers/ports/clock-port';
import type { FleetPort } from '../layers/ports/fleet-port';
import type { InferencePort } from '../layers/ports/inference-port';
import type { InstanceMetadataPort } from '../layers/ports/instance-metadata-port';
import type { LoggerPort } from '../layers/ports/logger-port';
import type { WorkQueuePort } from '../layers/ports/work-queue-port';
import { queueNameOf, type AgentConfig } from './agent-config';
import { Drainer } from './drain';
import { DrainWatcher, type TerminationSignals } from './drain-sources';
import { startHealthServer, type HealthStatus, type StartHealthServer } from './health-server';
import { runHeartbeat } from './heartbeat';
import { interruptibleSleep } from './interruptible-sleep';
import { AgentMetrics } from './metrics';
import { TritonReadiness } from './triton-readiness';
import { VisibilityKeeper } from './visibility-keeper';
import { Worker } from './worker';

export interface AgentDeps {
  queue: WorkQueuePort;
  imds: InstanceMetadataPort;
  inference: InferencePort;
  /** Tags this instance `autopilot:drained` (Ec2FleetAdapter in production). */
  tagger: Pick<FleetPort, 'createTags'>;
  clock: ClockPort;
  logger: LoggerPort;
  signals: TerminationSignals;
  /** Where the EMF metric lines go; default: stdout. */
  emitMetrics?: (line: string) => void;
  /** Default: {@link startHealthServer} on `config.healthPort`. */
  startHealth?: StartHealthServer;
}

export interface AgentResult {
  /** 0 after a drain that ends the agent; 1 when a loop failed unexpectedly (held messages were handed back). */
  exitCode: number;
}

/**
 * Runs the agent until a drain that ends it (spot instance-action, rebalance when configured, SIGTERM) has
 * handed back or finished every message and acknowledged; a drain tag alone only pauses it.
 *
 * @example
 * const { exitCode } = await runAgent(config, { queue, imds, inference, tagger, clock: systemClock, logger, signals: processSignals });
 * process.exit(exitCode);
 */
export const runAgent = async (config: AgentConfig, deps: AgentDeps): Promise<AgentResult> => {
  const { clock, logger } = deps;
  const stop = new AbortController();
  const metrics = new AgentMetrics();
  const visibility = new VisibilityKeeper({ queue: deps.queue, queueUrl: config.queueUrl, clock, logger });
  const instanceId = rememberInstanceId(deps.imds);
  // Not receiving until Triton says it is ready; the readiness loop lifts this pause.
  const worker = new Worker({ ...deps, config, metrics, visibility, onTritonSuspect: () => readiness.recheck() });
  worker.pause('triton-not-ready');
  const readiness = new TritonReadiness({
    ...deps,
    model: config.model,
    pollSeconds: config.tritonReadyPollSeconds,
    onChange: (ready) => {
      if (ready) return worker.resume('triton-not-ready');
      // Receiving now would only burn receive counts toward the DLQ: stop, and hand back what Triton cannot finish,
      // once the open long poll has answered (released earlier, a message could be taken again by that very poll).
      worker.pause('triton-not-ready');
      void worker.whenPollIdle().then(() => (readiness.isReady() ? 0 : worker.releaseWorking('Triton is not ready')));
    },
  });
  const drainer = new Drainer({ ...deps, worker, instanceId: instanceId.get, safetyMarginSeconds: config.safetyMarginSeconds });
  const watcher = new DrainWatcher({
    ...deps,
    imdsPollSeconds: config.imdsPollSeconds,
    drainOnRebalance: config.drainOnRebalance,
    sigtermGraceSeconds: config.sigtermGraceSeconds,
    onNotice: (notice) => drainer.notice(notice),
    onDrainTagRemoved: () => drainer.drainTagRemoved(),
  });
  const status = (): HealthStatus => {
    const details = { state: drainer.state(), tritonReady: readiness.isReady(), inFlight: worker.inFlight() };
    if (drainer.state() !== 'serving') {
      const deadline = drainer.deadlineMs();
      const until = deadline === undefined ? '' : ` until ${new Date(deadline).toISOString()}`;
      return { ready: false, reason: `${drainer.state()}: ${drainer.sources().join(', ') || 'stood down'}${until}`, details };
    }
    if (!readiness.isReady()) return { ready: false, reason: 'Triton is not ready', details };
    return { ready: true, details };
  };
  const emit = deps.emitMetrics ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const publishMetrics = () => {
    if (instanceId.known() === undefined) void instanceId.get();
    const dimensions = { QueueName: queueNameOf(config.queueUrl), ...(instanceId.known() === undefined ? {} : { InstanceId: instanceId.known() }) };
    for (const line of metrics.flush({ namespace: config.metricsNamespace, timestampMs: clock.nowMs(), dimensions, inFlight: worker.inFlight() })) emit(line);
  };

  const health = await (deps.startHealth ?? startHealthServer)(config.healthPort, status);
  void instanceId.get();
  logger.info('agent started', { queueUrl: config.queueUrl, model: config.model, concurrency: config.concurrency, healthPort: health.port });

  let failed = false;
  const loops: Promise<void>[] = [];
  const failure = new Promise<void>((resolve) => {
    const guard = (name: string, loop: Promise<void>) =>
      loop.catch((error: unknown) => {
        logger.error(`agent loop ${name} failed`, { error: String(error) });
        failed = true;
        resolve();
      });
    loops.push(
      guard('receive', worker.run(stop.signal)),
      guard('readiness', readiness.run(stop.signal)),
      guard('drain watcher', watcher.run(stop.signal)),
      guard('heartbeat', runHeartbeat({ clock, visibility, receiptHandles: () => worker.receiptHandles(), heartbeatSeconds: config.heartbeatSeconds, visibilityTimeoutSeconds: config.visibilityTimeoutSeconds }, stop.signal)),
      guard('metrics', runEvery(clock, config.metricsIntervalSeconds, publishMetrics, stop.signal)),
    );
  });
  await Promise.race([drainer.whenFinal(), failure]);

  if (failed) {
    worker.pause('draining');
    await worker.releaseWorking('the agent is stopping after a failure');
    await worker.whenPollIdle();
  }
  stop.abort();
  await Promise.allSettled(loops);
  try {
    publishMetrics();
  } catch (error) {
    logger.error('writing the last metrics failed', { error: String(error) });
  }
  await health.close();
  logger.info('agent stopped', { exitCode: failed ? 1 : 0, served: metrics.total('Served'), released: metrics.total('Released') });
  return { exitCode: failed ? 1 : 0 };
};

const runEvery = async (clock: ClockPort, seconds: number, task: () => void, stop: AbortSignal): Promise<void> => {
  while (!stop.aborted) {
    await interruptibleSleep(clock, seconds * 1000, { signal: stop });
    if (!stop.aborted) task();
  }
};

/** The instance id from IMDS, asked again until it answers (it is needed for the acknowledgement and the metrics). */
const rememberInstanceId = (imds: InstanceMetadataPort) => {
  let id: string | undefined;
  return {
    known: () => id,
    get: async (): Promise<string | undefined> => {
      if (id !== undefined) return id;
      try {
        id = await imds.instanceId();
      } catch {
        return undefined;
      }
      return id;
    },
  };
};
