/**
 * The reactive baseline: AWS target tracking on GPU utilization, as an Auto Scaling group would run it.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html (instance warm-up),
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html (cooldowns).
 */
import type { Market } from '../../layers/core/fleet';
import { AlarmEvaluator } from '../alarms/alarm-evaluator';
import type { FleetControl, Observation, Policy, PolicySetup, SimFleetSpec } from '../model/policy';
import { clampUnits, onDemandUnits, poolsOf, roundUpToInstances, unitsPerInstance, type OnDemandShare } from './fleet-sizing';
import { PolicyConfigError } from './policy-config-error';
import { targetTrackingAlarms } from './target-tracking-alarms';

export interface TargetTrackingOptions {
  name: string;
  /** Average GPU utilization to keep, 0..1 (the policy's TargetValue). */
  targetUtilization?: number;
  /** Share of the capacity above the fleet's on-demand base that runs on Spot: 0 = all on-demand, 0.7 = 70%. */
  spotShare?: number;
  /** Types the fleet may launch; the first sets the whole-instance rounding of targets. */
  instanceTypes: string[];
  /** Scale-in cooldown, and how long after a scale-out scale-in stays blocked (Application Auto Scaling default 300). */
  cooldownSeconds?: number;
  /** Instance warm-up; defaults to the fleet's launch lead time (boot + engine load). */
  warmupSeconds?: number;
  /** Bounds of the target, units; default the fleet's minCapacityUnits / maxCapacityUnits. */
  minUnits?: number;
  maxUnits?: number;
}

/** The setup argument, plus the first step's demand when the engine provides it (else the peak is used). */
type FirstObservation = Parameters<Policy['setup']>[1] & { demandQps?: number };

interface Sizing {
  target: number;
  perInstance: number;
  minUnits: number;
  maxUnits: number;
  share: OnDemandShare;
}

/** One run's alarms and scaling memory; `setup` starts a fresh one. */
class TargetTrackingRun {
  private lastScaleOutMs = Number.NEGATIVE_INFINITY;
  private lastScaleInMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly high: AlarmEvaluator,
    private readonly low: AlarmEvaluator,
    private readonly startMs: number,
    private readonly sizing: Sizing,
    private readonly cooldownMs: number,
    private readonly warmupMs: number,
  ) {}

  /** Whole instances for the capacity that would bring `utilization` of `servingUnits` to the target. */
  desiredUnits(servingUnits: number, utilization: number): number {
    const { target, perInstance, minUnits, maxUnits } = this.sizing;
    return clampUnits(roundUpToInstances((servingUnits * utilization) / target, perInstance), minUnits, maxUnits);
  }

  onDemandFor(totalUnits: number): number {
    return onDemandUnits(totalUnits, this.sizing.share);
  }

  step(observation: Observation, fleet: FleetControl): Promise<void> | void {
    // Only serving instances publish the metric: booting ones are not utilization contributors (warm-up).
    if (observation.servingUnits > 0 && Number.isFinite(observation.gpuUtilization)) {
      const sampleMs = Math.max(this.startMs, observation.nowMs - observation.stepSeconds * 1000);
      const percent = observation.gpuUtilization * 100;
      this.high.add(sampleMs, percent);
      this.low.add(sampleMs, percent);
    }
    const evaluations = this.high.advanceTo(observation.nowMs);
    this.low.advanceTo(observation.nowMs);
    // An alarm in ALARM invokes its Auto Scaling action again at every evaluation, i.e. once per period.
    if (evaluations === 0) return;
    if (this.high.state === 'ALARM') return this.scaleOut(observation, fleet);
    if (this.low.state === 'ALARM') return this.scaleIn(observation, fleet);
  }

  private scaleOut(observation: Observation, fleet: FleetControl): Promise<void> | void {
    const utilization = this.high.latestDatapoint / 100;
    if (Number.isNaN(utilization)) return;
    const desired = this.desiredUnits(observation.servingUnits, utilization);
    // Warming-up capacity is part of the target already: scale out only beyond it, never twice for one need.
    if (desired <= fleet.targetUnits) return;
    this.lastScaleOutMs = observation.nowMs;
    return fleet.setTarget(desired, this.onDemandFor(desired));
  }

  private scaleIn(observation: Observation, fleet: FleetControl): Promise<void> | void {
    // "A scale-in activity can't start while a scale-out activity is in progress": not while instances warm up,
    // nor within the scale-out cooldown, nor within the cooldown of the previous scale-in.
    if (observation.bootingUnits > 0) return;
    // Nor while an instance drains: its capacity is leaving, and the utilization datapoints still include it, so
    // a scale-in now would count it twice (and could terminate the replacement the autopilot just launched).
    if (observation.drainingUnits > 0) return;
    if (observation.nowMs < this.lastScaleOutMs + Math.max(this.cooldownMs, this.warmupMs)) return;
    if (observation.nowMs < this.lastScaleInMs + this.cooldownMs) return;
    const utilization = this.low.latestDatapoint / 100;
    if (Number.isNaN(utilization)) return;
    // Rounding up removes fewer instances than the exact figure: AWS rounds toward availability.
    const desired = this.desiredUnits(observation.servingUnits, utilization);
    if (desired >= fleet.targetUnits) return;
    this.lastScaleInMs = observation.nowMs;
    return fleet.setTarget(desired, this.onDemandFor(desired));
  }
}

const checkOptions = (options: TargetTrackingOptions): void => {
  const target = options.targetUtilization ?? 0.6;
  const spotShare = options.spotShare ?? 0;
  if (!(target > 0 && target <= 1)) throw new PolicyConfigError(`${options.name}: targetUtilization ${target} must be in (0, 1]`);
  if (!(spotShare >= 0 && spotShare <= 1)) throw new PolicyConfigError(`${options.name}: spotShare ${spotShare} must be in [0, 1]`);
  if (options.instanceTypes.length === 0) throw new PolicyConfigError(`${options.name}: at least one instance type is needed`);
};

/**
 * Target tracking as AWS implements it, on the fleet's GPU utilization:
 * - the high alarm (Average, 60 s, 3 of 3 above the target) scales out to serving capacity x utilization / target,
 *   rounded up to whole instances; capacity still warming up counts toward the target, so a re-invocation
 *   during warm-up adds nothing unless the need grew;
 * - the low alarm (15 of 15 below 90% of the target) scales in the same way, but not while instances warm up,
 *   within the cooldown after a scale-out, or within the cooldown after the previous scale-in;
 * - no scale-in on INSUFFICIENT_DATA; the target stays within [minUnits, maxUnits] and at least one instance,
 *   since an empty fleet publishes no utilization to scale out on.
 *
 * @example
 * ```ts
 * const reactive = targetTrackingPolicy({ name: 'reactive', instanceTypes: ['g5.xlarge'] });
 * const mixed = targetTrackingPolicy({ name: 'reactive + spot', instanceTypes: ['g5.xlarge', 'g6.xlarge'], spotShare: 0.7 });
 * ```
 */
export const targetTrackingPolicy = (options: TargetTrackingOptions): Policy => {
  checkOptions(options);
  const target = options.targetUtilization ?? 0.6;
  const spotShare = options.spotShare ?? 0;
  let run: TargetTrackingRun | undefined;
  return {
    name: options.name,
    setup(spec: SimFleetSpec, firstObservation: FirstObservation): PolicySetup {
      const { config } = spec;
      const [primary = ''] = options.instanceTypes;
      options.instanceTypes.forEach((type) => unitsPerInstance(config, type));
      const perInstance = unitsPerInstance(config, primary);
      const maxUnits = options.maxUnits ?? config.maxCapacityUnits;
      const minUnits = Math.min(maxUnits, Math.max(perInstance, options.minUnits ?? config.minCapacityUnits));
      if (!(maxUnits > 0)) throw new PolicyConfigError(`${options.name}: maxUnits ${maxUnits} leaves no room for an instance`);
      const sizing: Sizing = { target, perInstance, minUnits, maxUnits, share: { spotShare, baseUnits: config.onDemandBaseUnits, perInstance } };
      const alarms = targetTrackingAlarms(config.name, options.name, target);
      const startMs = firstObservation.nowMs;
      const cooldownMs = (options.cooldownSeconds ?? 300) * 1000;
      const warmupMs = (options.warmupSeconds ?? config.launchLeadTimeSeconds) * 1000;
      const high = new AlarmEvaluator(alarms.high, { startMs });
      const low = new AlarmEvaluator(alarms.low, { startMs });
      run = new TargetTrackingRun(high, low, startMs, sizing, cooldownMs, warmupMs);
      // Demand in QPS is the capacity it uses at full utilization: size it at the target utilization.
      const totalUnits = run.desiredUnits(firstObservation.demandQps ?? firstObservation.peakQps, 1);
      const defaultMarket: Market = spotShare > 0 ? 'spot' : 'on-demand';
      return { totalUnits, onDemandUnits: run.onDemandFor(totalUnits), pools: poolsOf(options.instanceTypes, spec.availabilityZones), defaultMarket };
    },
    onStep(observation: Observation, fleet: FleetControl): Promise<void> | void {
      if (run === undefined) throw new PolicyConfigError(`${options.name}: onStep before setup`);
      return run.step(observation, fleet);
    },
  };
};
