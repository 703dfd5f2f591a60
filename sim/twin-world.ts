/** A world of twins behind every port of the spot use case: the replay, the simulator and tests run on it. */
import type { SpotDeps } from '../layers/app/spot-deps';
import type { FleetConfig } from '../layers/core/fleet';
import type { SpotPolicy } from '../layers/core/spot-policy';
import { spotSettings } from '../layers/platform/spot-settings';
import { InMemoryFleet, type FleetSeed, type InstanceSeed } from '../layers/twins/in-memory-fleet';
import { InMemoryLedger } from '../layers/twins/in-memory-ledger';
import { InMemoryMetrics } from '../layers/twins/in-memory-metrics';
import { InMemoryNotifier } from '../layers/twins/in-memory-notifier';
import { InMemoryQueue } from '../layers/twins/in-memory-queue';
import { InMemoryScheduler } from '../layers/twins/in-memory-scheduler';
import { InMemorySettings } from '../layers/twins/in-memory-settings';
import { ManualClock } from '../layers/twins/manual-clock';
import { RecordingLogger } from '../layers/twins/recording-logger';
import type { QueuePort } from '../layers/ports/queue-port';

export interface TwinWorldOptions {
  startMs: number;
  fleets: FleetConfig[];
  fleetSeeds: FleetSeed[];
  instanceSeeds?: InstanceSeed[];
  subnets?: Record<string, string>;
  globalDryRun?: boolean;
  maxSurgeUnitsPerEvent?: number;
  /** False makes the notifier behave like an incoming webhook (no updates, no threads). */
  slackUpdates?: boolean;
  policy?: Partial<SpotPolicy>;
  /** Run on this fleet and clock (the simulator's) instead of new ones. */
  fleet?: InMemoryFleet;
  clock?: ManualClock;
  /** Report the work queue from here (the simulator's queue) instead of the SQS twin. */
  queuePort?: QueuePort;
}

export interface TwinWorld {
  deps: SpotDeps;
  clock: ManualClock;
  fleet: InMemoryFleet;
  ledger: InMemoryLedger;
  notifier: InMemoryNotifier;
  scheduler: InMemoryScheduler;
  metrics: InMemoryMetrics;
  queue: InMemoryQueue;
  settings: InMemorySettings;
  logger: RecordingLogger;
}

export const twinWorld = (options: TwinWorldOptions): TwinWorld => {
  const clock = options.clock ?? new ManualClock(options.startMs);
  const fleet = options.fleet ?? new InMemoryFleet({
    fleets: options.fleetSeeds,
    instances: options.instanceSeeds ?? [],
    subnets: options.subnets ?? {},
    // EC2 finishes a ModifyFleet within seconds; the twin does in 3 s of its clock.
    modifying: { clock, durationMs: 3_000 },
  });
  const ledger = new InMemoryLedger();
  const notifier = new InMemoryNotifier({ supportsUpdates: options.slackUpdates ?? true, clock });
  const scheduler = new InMemoryScheduler();
  const metrics = new InMemoryMetrics();
  const queue = new InMemoryQueue({ clock });
  const settings = new InMemorySettings();
  const logger = new RecordingLogger();
  const deps: SpotDeps = {
    fleet, queue: options.queuePort ?? queue, metrics, ledger, notifier, scheduler, settings, clock, logger,
    config: spotSettings({
      fleets: options.fleets,
      globalDryRun: options.globalDryRun ?? false,
      maxSurgeUnitsPerEvent: options.maxSurgeUnitsPerEvent ?? 1000,
      ...(options.policy ? { policy: options.policy } : {}),
    }),
  };
  return { deps, clock, fleet, ledger, notifier, scheduler, metrics, queue, settings, logger };
};
