/**
 * The autopilot in the simulation is the real one: the deployed handlers, built with their make-handler factories
 * on twins around the simulated fleet, fed the events AWS would send, retried as Lambda retries async invocations.
 * Capacity comes from the forecast scaler, run by a schedule rule and by the forecast steps it schedules; Spot
 * interruptions go to the spot-interruption handler.
 */
import { makeForecastHandler } from '../../functions/forecast-scaler/make-handler';
import { makeHandler } from '../../functions/spot-interruption/make-handler';
import { candidateTypes, type Market } from '../../layers/core/fleet';
import { followUpEvent } from '../../layers/core/follow-up-event';
import { forecastStepEvent } from '../../layers/core/forecast-step-event';
import { forecastSettingsOf } from '../../layers/core/forecast/forecast-settings';
import type { FleetControl, Observation, Policy, PolicySetup, SimFleetSpec, SimWorld } from '../model/policy';
import { silentLogger } from '../silent-logger';
import { twinWorld, type TwinWorld } from '../twin-world';
import { ActionTimeline } from './action-timeline';
import { ArrivalsMetric } from './arrivals-metric';
import { clampUnits, poolsOf } from './fleet-sizing';
import { PolicyConfigError } from './policy-config-error';
import { ScheduleRule } from './schedule-rule';
import { SimLambda } from './sim-lambda';
import { targetTrackingPolicy, type TargetTrackingOptions } from './target-tracking-policy';

export interface AutopilotOptions {
  name?: string;
  /**
   * Capacity by target tracking instead of the forecast scaler: the autopilot before forecasting, kept for the
   * interruption closed forms, where a forecast would only blur the effect measured.
   */
  sizing?: Omit<TargetTrackingOptions, 'name'>;
  /** How often the schedule rule runs the forecast scaler, seconds (serverless.yml: rate(5 minutes)). */
  runIntervalSeconds?: number;
  /** Resolution of the demand history and of the forecast, seconds (the CloudWatch period). */
  forecastStepSeconds?: number;
  /** Scale-in cooldown of the forecast scaler, seconds. */
  scaleInCooldownSeconds?: number;
  /**
   * Market of the capacity above the fleet's on-demand base: `spot` (the default: EC2 Fleet's DefaultTargetCapacityType)
   * or `on-demand`, to compare forecasting with reactive scaling on the same market.
   */
  market?: Market;
}

const DEFAULT_RUN_INTERVAL_SECONDS = 300;

/**
 * The fleet the forecast scaler steers: every candidate type in every zone as a launch-template override with
 * WeightedCapacity = its units (EC2 Fleet's lowest-price allocation then launches the cheapest per unit), the
 * fleet's on-demand base as OnDemandTargetCapacity, the rest on `market`; sized at the start for the first step's
 * demand at the tier's target utilization (the first scheduled run corrects it within minutes).
 */
const forecastFleetSetup = (spec: SimFleetSpec, demandQps: number, market: Market): PolicySetup => {
  const { config } = spec;
  const settings = forecastSettingsOf(config);
  const totalUnits = Math.ceil(clampUnits(demandQps / settings.targetUtilization, config.minCapacityUnits, config.maxCapacityUnits));
  return {
    totalUnits,
    onDemandUnits: market === 'on-demand' ? totalUnits : Math.min(totalUnits, config.onDemandBaseUnits),
    pools: poolsOf(candidateTypes(config), spec.availabilityZones),
    defaultMarket: market,
  };
};

export const autopilotPolicy = (options: AutopilotOptions = {}): Policy => {
  const name = options.name ?? 'autopilot';
  const market = options.market ?? 'spot';
  const sizing = options.sizing ? targetTrackingPolicy({ ...options.sizing, name }) : undefined;
  let spec: SimFleetSpec | undefined;
  let tw: TwinWorld | undefined;
  let sim: SimWorld | undefined;
  let spot: SimLambda | undefined;
  let forecast: SimLambda | undefined;
  let rule: ScheduleRule | undefined;
  let sent: ArrivalsMetric | undefined;
  let timeline: ActionTimeline | undefined;

  const invoke = async (fn: SimLambda, event: unknown, nowMs: number): Promise<void> => {
    await fn.invoke(event, nowMs);
    timeline?.catchUp();
  };

  return {
    name,
    setup: (s, first) => {
      spec = s;
      if (sizing) return sizing.setup(s, first);
      return forecastFleetSetup(s, first.demandQps ?? first.peakQps, market);
    },
    attach(world) {
      if (!spec) throw new PolicyConfigError(`${name}: attach before setup`);
      sim = world;
      const runIntervalSeconds = options.runIntervalSeconds ?? DEFAULT_RUN_INTERVAL_SECONDS;
      tw = twinWorld({
        startMs: world.clock.nowMs(),
        fleets: [spec.config],
        fleetSeeds: [],
        fleet: world.fleet,
        clock: world.clock,
        queuePort: { stats: async () => world.queueStats() },
        forecast: {
          runIntervalSeconds,
          ...(options.forecastStepSeconds ? { stepSeconds: options.forecastStepSeconds } : {}),
          ...(options.scaleInCooldownSeconds !== undefined ? { scaleInCooldownSeconds: options.scaleInCooldownSeconds } : {}),
        },
      });
      spot = new SimLambda('spot-interruption', makeHandler(tw.deps, silentLogger()));
      sent = new ArrivalsMetric(tw.metrics, spec.config.queueUrls[0] ?? '');
      if (world.warmup) sent.writeWarmup(world.warmup);
      timeline = new ActionTimeline(tw.ledger, world.timeline);
      if (!sizing) {
        forecast = new SimLambda('forecast-scaler', makeForecastHandler(tw.forecastDeps, silentLogger()));
        rule = new ScheduleRule({ ruleName: 'forecast-scaler-schedule', account: world.account, region: world.region, rateSeconds: runIntervalSeconds, fromMs: world.clock.nowMs() });
      }
    },
    async onEvent(event, nowMs) {
      if (spot) await invoke(spot, event, nowMs);
    },
    async onStep(observation: Observation, fleet: FleetControl) {
      if (!tw || !sim || !spec || !spot || !sent) return;
      // The engine's clock is at the end of the step: what happens now happens then.
      const nowMs = sim.clock.nowMs();
      sent.add(observation.nowMs, nowMs, observation.arrivals);
      for (const due of tw.scheduler.due(nowMs)) {
        await invoke(spot, followUpEvent({ name: due.name, atMs: due.atMs, account: sim.account, region: sim.region, detail: due.detail }), nowMs);
      }
      await spot.retryDue(nowMs);
      if (forecast && rule) {
        for (let tick = rule.next(nowMs); tick; tick = rule.next(nowMs)) await invoke(forecast, tick, nowMs);
        for (const due of tw.steps.due(nowMs)) {
          await invoke(forecast, forecastStepEvent({ name: due.name, atMs: due.atMs, account: sim.account, region: sim.region, detail: due.detail }), nowMs);
        }
        await forecast.retryDue(nowMs);
      }
      if (sizing) await sizing.onStep(observation, fleet);
    },
    actionCount: () => timeline?.applied ?? 0,
  };
};
