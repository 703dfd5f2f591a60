/** A world of twins behind every port of the autopilot's use cases: the replay, the simulator and tests run on it. */
import type { ForecastDeps, ForecastRunSettings } from '../layers/app/forecast-deps';
import type { GpuAlarmDeps } from '../layers/app/gpu-alarm-deps';
import type { RebalanceDeps, RebalanceRunSettings } from '../layers/app/rebalance-deps';
import type { SpotDeps } from '../layers/app/spot-deps';
import type { FleetConfig } from '../layers/core/fleet';
import type { SpotPolicy } from '../layers/core/spot-policy';
import { spotSettings } from '../layers/platform/spot-settings';
import { InMemoryAlarmRechecks } from '../layers/twins/in-memory-alarm-rechecks';
import { InMemoryDemandHistory } from '../layers/twins/in-memory-demand-history';
import { InMemoryFleet, type FleetSeed, type InstanceSeed } from '../layers/twins/in-memory-fleet';
import { InMemoryLedger } from '../layers/twins/in-memory-ledger';
import { InMemoryMetricPublisher } from '../layers/twins/in-memory-metric-publisher';
import { InMemoryMetrics } from '../layers/twins/in-memory-metrics';
import { InMemoryNotifier } from '../layers/twins/in-memory-notifier';
import { InMemoryQueue } from '../layers/twins/in-memory-queue';
import { InMemoryReplacementChecks } from '../layers/twins/in-memory-replacement-checks';
import { InMemoryScheduler } from '../layers/twins/in-memory-scheduler';
import { InMemorySettings } from '../layers/twins/in-memory-settings';
import { InMemorySpotPrices } from '../layers/twins/in-memory-spot-prices';
import { InMemoryStepScheduler } from '../layers/twins/in-memory-step-scheduler';
import { ManualClock } from '../layers/twins/manual-clock';
import { RecordingLogger } from '../layers/twins/recording-logger';
import type { ClockPort } from '../layers/ports/clock-port';
import type { QueuePort } from '../layers/ports/queue-port';
import type { SpotPricePort } from '../layers/ports/spot-price-port';

/** `C`: the clock the world runs on; a ManualClock unless the caller brings another (a VirtualClock, say). */
export interface TwinWorldOptions<C extends ClockPort = ManualClock> {
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
  clock?: C;
  /** Report the work queue from here (the simulator's queue) instead of the SQS twin. */
  queuePort?: QueuePort;
  /** The forecast scaler's run settings over the deployment's defaults (5-minute runs and steps, 10-minute scale-in cooldown). */
  forecast?: Partial<Omit<ForecastRunSettings, 'fleets' | 'globalDryRun'>>;
  /** The Spot market the rebalancer reads (the simulator's price book); an empty InMemorySpotPrices by default. */
  spotPrices?: SpotPricePort;
  /** The rebalancer's run settings over the deployment's defaults (15-minute runs, hourly plans, 300-s drains). */
  rebalance?: Partial<Omit<RebalanceRunSettings, 'fleets' | 'globalDryRun'>>;
  /** The stack's `${service}-${stage}`, first part of the GPU alarms' names (default SIM_ALARM_PREFIX). */
  alarmPrefix?: string;
}

export interface TwinWorld<C extends ClockPort = ManualClock> {
  deps: SpotDeps;
  /** The forecast scaler's ports: the same fleet, queue, metrics, ledger, notifier, settings and clock as `deps`. */
  forecastDeps: ForecastDeps;
  clock: C;
  fleet: InMemoryFleet;
  ledger: InMemoryLedger;
  notifier: InMemoryNotifier;
  scheduler: InMemoryScheduler;
  metrics: InMemoryMetrics;
  queue: InMemoryQueue;
  settings: InMemorySettings;
  logger: RecordingLogger;
  /** CloudWatch GetMetricData over the same datapoints as `metrics` (SQS sends), and custom metrics. */
  history: InMemoryDemandHistory;
  publisher: InMemoryMetricPublisher;
  /** EventBridge Scheduler one-time schedules of forecast steps. */
  steps: InMemoryStepScheduler;
  /** The gpu-alarm handler's ports: the same fleet, queue, metrics, ledger, notifier, settings and clock. */
  gpuAlarmDeps: GpuAlarmDeps;
  /** EventBridge Scheduler one-time schedules of gpu-alarm rechecks. */
  rechecks: InMemoryAlarmRechecks;
  /** The rebalancer's ports: the same fleet, ledger, notifier, settings and clock, and the Spot market. */
  rebalanceDeps: RebalanceDeps;
  /** EventBridge Scheduler one-time schedules of the rebalancer's replacement steps. */
  checks: InMemoryReplacementChecks;
}

/** The deployment's defaults (serverless.yml and layers/platform/config.ts). */
const FORECAST_RUN_DEFAULTS = { runIntervalSeconds: 300, stepSeconds: 300, scaleInCooldownSeconds: 600, lockLeaseMs: 30_000 };
/** serverless.yml: rebalancerRunIntervalMinutes '15'; layers/platform/config.ts: hourly plans, 300-s drains. */
const REBALANCE_RUN_DEFAULTS = { runIntervalSeconds: 900, planIntervalSeconds: 3_600, drainSeconds: 300 };
/** `${service}-${stage}` of a stage named `sim`: the simulator's alarms are named as a deployed stack's would be. */
export const SIM_ALARM_PREFIX = 'gpu-fleet-autopilot-sim';

/** A world on a new (or the given) ManualClock, or on the clock the caller brings. */
export function twinWorld(options: TwinWorldOptions): TwinWorld;
export function twinWorld<C extends ClockPort>(options: TwinWorldOptions<C> & { clock: C }): TwinWorld<C>;
export function twinWorld(options: TwinWorldOptions<ClockPort>): TwinWorld<ClockPort> {
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
  const history = new InMemoryDemandHistory(metrics);
  const publisher = new InMemoryMetricPublisher(clock);
  const steps = new InMemoryStepScheduler();
  const deps: SpotDeps = {
    fleet, queue: options.queuePort ?? queue, metrics, ledger, notifier, scheduler, settings, clock, logger,
    config: spotSettings({
      fleets: options.fleets,
      globalDryRun: options.globalDryRun ?? false,
      maxSurgeUnitsPerEvent: options.maxSurgeUnitsPerEvent ?? 1000,
      ...(options.policy ? { policy: options.policy } : {}),
    }),
  };
  const forecastDeps: ForecastDeps = {
    fleet, queue: deps.queue, metrics, history, publisher, ledger, notifier, steps, settings, clock, logger,
    config: { ...FORECAST_RUN_DEFAULTS, ...options.forecast, fleets: options.fleets, globalDryRun: options.globalDryRun ?? false },
  };
  const globalDryRun = options.globalDryRun ?? false;
  const rechecks = new InMemoryAlarmRechecks();
  const { stepSeconds, scaleInCooldownSeconds, runIntervalSeconds } = forecastDeps.config;
  const gpuAlarmDeps: GpuAlarmDeps = {
    fleet, queue: deps.queue, metrics, ledger, notifier, rechecks, settings, clock, logger,
    config: { fleets: options.fleets, globalDryRun, alarmPrefix: options.alarmPrefix ?? SIM_ALARM_PREFIX, stepSeconds, scaleInCooldownSeconds, forecastRunIntervalSeconds: runIntervalSeconds },
  };
  const checks = new InMemoryReplacementChecks();
  const rebalanceDeps: RebalanceDeps = {
    fleet, prices: options.spotPrices ?? new InMemorySpotPrices(), ledger, notifier, checks, settings, clock, logger,
    config: { ...REBALANCE_RUN_DEFAULTS, ...options.rebalance, fleets: options.fleets, globalDryRun },
  };
  return { deps, forecastDeps, gpuAlarmDeps, rebalanceDeps, clock, fleet, ledger, notifier, scheduler, metrics, queue, settings, logger, history, publisher, steps, rechecks, checks };
}
