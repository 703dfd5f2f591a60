/** What a simulated policy sees each step and how it steers its fleet. */
import type { FleetConfig, Market } from '../../layers/core/fleet';
import type { QueueStats } from '../../layers/core/observed';
import type { InMemoryFleet } from '../../layers/twins/in-memory-fleet';
import type { ManualClock } from '../../layers/twins/manual-clock';
import type { PriceBook } from './market';
import type { TimelineEvent } from './report';
import type { WarmupHistory } from './trace';

/** One pool a policy's fleet may launch into (an EC2 Fleet launch-template override and a market). */
export interface PoolChoice {
  instanceType: string;
  availabilityZone: string;
  /** The override's Priority (0 first) under the `prioritized` allocation strategy. */
  priority?: number;
}

/** The fleet under simulation: the fleets-file entry plus where it may run. */
export interface SimFleetSpec {
  config: FleetConfig;
  availabilityZones: string[];
  /** GPU time of one request at the chosen batch, seconds: a request meets the SLO when wait + this <= SLO. */
  serviceSeconds: number;
}

/** The observable state after a step, as CloudWatch and SQS would show it. */
export interface Observation {
  /** Start of the step just simulated (the engine's clock is already at its end when the policy acts). */
  nowMs: number;
  stepSeconds: number;
  /** Requests that arrived during the step just simulated. */
  arrivals: number;
  /** Requests waiting in the queue at the end of the step. */
  backlog: number;
  /** Age of the oldest waiting request, seconds (SQS ApproximateAgeOfOldestMessage). */
  oldestWaitSeconds: number;
  /** Capacity (QPS at the SLO) of the instances serving now, and of those still booting. */
  servingUnits: number;
  bootingUnits: number;
  /** Capacity of running instances that are draining (they serve no new work but still count in the fleet). */
  drainingUnits: number;
  /** The fleet's target capacity, units. */
  targetUnits: number;
  /** Share of the serving capacity used during the step, 0..1 (what nvidia_smi_utilization_gpu averages to). */
  gpuUtilization: number;
}

/** How a policy changes its maintain fleet (ModifyFleet semantics: target in units, on-demand part). */
export interface FleetControl {
  readonly targetUnits: number;
  readonly onDemandTargetUnits: number;
  setTarget(totalUnits: number, onDemandUnits?: number): Promise<void>;
}

export interface PolicySetup {
  /** The fleet's target and its on-demand part at the start. */
  totalUnits: number;
  onDemandUnits: number;
  /** Where the fleet may launch, and the market of capacity above the on-demand part. */
  pools: PoolChoice[];
  defaultMarket: Market;
  /**
   * How EC2 Fleet picks the pool of each launch: `lowest-price` (the default) by price per unit, `prioritized` by
   * the overrides' priorities (what the rebalancer steers: it rewrites them).
   */
  allocationStrategy?: 'lowest-price' | 'prioritized';
}

/** What the engine shares with a policy that acts through the real handlers (the autopilot). */
export interface SimWorld {
  /** The simulated EC2 Fleet and its instances: the same twin the handlers' FleetPort sees. */
  fleet: InMemoryFleet;
  clock: ManualClock;
  /** The work queue as SQS reports it. */
  queueStats: () => QueueStats;
  /** Put an action or signal on the report's timeline. */
  timeline: (event: TimelineEvent) => void;
  account: string;
  region: string;
  /** The run's prices (what the Spot market shows, DescribeSpotPriceHistory included). */
  prices: PriceBook;
  /** The demand before the run, when the scenario gives it (see WarmupHistory). */
  warmup?: WarmupHistory;
}

/**
 * A policy under test. Baselines act only through `onStep`; the autopilot also receives the EventBridge
 * events AWS would send (`onEvent`) and acts through its real handlers on the simulated fleet.
 */
export interface Policy {
  readonly name: string;
  setup(spec: SimFleetSpec, firstObservation: { nowMs: number; peakQps: number; demandQps?: number; prices?: PriceBook }): PolicySetup;
  onStep(observation: Observation, fleet: FleetControl): Promise<void> | void;
  onEvent?(event: unknown, nowMs: number): Promise<void>;
  /** Called once before the run, for policies that act through the real handlers. */
  attach?(world: SimWorld): void;
  /** Mutating actions taken by the policy's own machinery (the handlers' ledger), counted in the report. */
  actionCount?(): number;
}
