/**
 * The autopilot's deployed functions in the simulation, each built by its make-handler factory on one twin world
 * around the simulated fleet and invoked as Lambda invokes it (SimLambda: retries), with what feeds them: the
 * schedule rules, the one-time schedules they set, the GPU alarms and the engine's Spot events.
 */
import { makeForecastHandler } from '../../functions/forecast-scaler/make-handler';
import { makeGpuAlarmHandler } from '../../functions/gpu-alarm/make-handler';
import { makeRebalanceHandler } from '../../functions/rebalancer/make-handler';
import { makeHandler } from '../../functions/spot-interruption/make-handler';
import { followUpEvent } from '../../layers/core/follow-up-event';
import { forecastStepEvent } from '../../layers/core/forecast-step-event';
import { gpuAlarmRecheckEvent } from '../../layers/core/gpu-alarm-recheck-event';
import { replacementStepEvent } from '../../layers/core/rebalancer/replacement-step-event';
import { GpuAlarmFeed } from '../alarms/gpu-fleet-alarms';
import type { Observation, SimFleetSpec, SimWorld } from '../model/policy';
import { PriceBookSpotPrices } from '../market/price-book-spot-prices';
import { silentLogger } from '../silent-logger';
import { SIM_ALARM_PREFIX, twinWorld, type TwinWorld } from '../twin-world';
import { ActionTimeline } from './action-timeline';
import { ArrivalsMetric } from './arrivals-metric';
import { gpuAlarmsOf, rebalancerOf, type AutopilotOptions } from './autopilot-options';
import { DEFAULT_DRAIN_ACK_MS, DrainAgents } from './drain-agents';
import { ScheduleRule } from './schedule-rule';
import { SimLambda } from './sim-lambda';

const DEFAULT_RUN_INTERVAL_SECONDS = 300;

interface Scheduled {
  fn: SimLambda;
  rule: ScheduleRule;
}

/**
 * Everything the autopilot runs for one simulated fleet. `onEvent` takes the engine's EC2 events (Spot); `onStep`
 * runs, at the end of each engine step, what is due: agents' drain acknowledgements, Spot follow-ups, the
 * forecast scaler's ticks and steps, the alarms' state changes and rechecks, the rebalancer's ticks and
 * replacement steps, and every Lambda retry due.
 */
export class AutopilotFunctions {
  readonly world: TwinWorld;
  readonly spot: SimLambda;
  readonly forecast: Scheduled | undefined;
  readonly gpuAlarm: { fn: SimLambda; feed: GpuAlarmFeed } | undefined;
  readonly rebalancer: Scheduled | undefined;
  readonly agents: DrainAgents;
  readonly timeline: ActionTimeline;
  private readonly sent: ArrivalsMetric;
  private readonly queueUrl: string;

  constructor(
    private readonly sim: SimWorld,
    spec: SimFleetSpec,
    options: AutopilotOptions,
  ) {
    const nowMs = sim.clock.nowMs();
    const runIntervalSeconds = options.runIntervalSeconds ?? DEFAULT_RUN_INTERVAL_SECONDS;
    const rebalance = rebalancerOf(options);
    const tw = twinWorld({
      startMs: nowMs,
      fleets: [spec.config],
      fleetSeeds: [],
      fleet: sim.fleet,
      clock: sim.clock,
      queuePort: { stats: async () => sim.queueStats() },
      forecast: {
        runIntervalSeconds,
        ...(options.forecastStepSeconds ? { stepSeconds: options.forecastStepSeconds } : {}),
        ...(options.scaleInCooldownSeconds !== undefined ? { scaleInCooldownSeconds: options.scaleInCooldownSeconds } : {}),
      },
      spotPrices: options.spotPrices ?? new PriceBookSpotPrices(sim.prices, { availabilityZones: spec.availabilityZones, region: sim.region }),
      ...(rebalance ? { rebalance } : {}),
    });
    this.world = tw;
    this.queueUrl = spec.config.queueUrls[0] ?? '';
    const rule = (name: string, rateSeconds: number) => new ScheduleRule({ ruleName: name, account: sim.account, region: sim.region, rateSeconds, fromMs: nowMs });
    this.spot = new SimLambda('spot-interruption', makeHandler(tw.deps, silentLogger()));
    this.sent = new ArrivalsMetric(tw.metrics, this.queueUrl);
    if (sim.warmup) this.sent.writeWarmup(sim.warmup);
    this.timeline = new ActionTimeline(tw.ledger, sim.timeline);
    this.agents = new DrainAgents(sim.fleet, spec.config.fleetId, (options.drainAckSeconds ?? DEFAULT_DRAIN_ACK_MS / 1000) * 1000);
    this.forecast = options.sizing || options.forecast === false
      ? undefined
      : { fn: new SimLambda('forecast-scaler', makeForecastHandler(tw.forecastDeps, silentLogger())), rule: rule('forecast-scaler-schedule', runIntervalSeconds) };
    this.gpuAlarm = gpuAlarmsOf(options)
      ? {
          fn: new SimLambda('gpu-alarm', makeGpuAlarmHandler(tw.gpuAlarmDeps, silentLogger())),
          feed: new GpuAlarmFeed({ prefix: SIM_ALARM_PREFIX, fleet: spec.config, startMs: nowMs, account: sim.account, region: sim.region }),
        }
      : undefined;
    this.rebalancer = rebalance
      ? { fn: new SimLambda('rebalancer', makeRebalanceHandler(tw.rebalanceDeps, silentLogger())), rule: rule('rebalancer-schedule', tw.rebalanceDeps.config.runIntervalSeconds) }
      : undefined;
  }

  /** An EC2 event (Spot warning, rebalance recommendation, state change) to the spot-interruption function. */
  async onEvent(event: unknown, nowMs: number): Promise<void> {
    await this.invoke(this.spot, event, nowMs);
  }

  /** What happens at the end of the step `observation` describes (the engine's clock is already there). */
  async onStep(observation: Observation): Promise<void> {
    const { sim, world: tw } = this;
    const nowMs = sim.clock.nowMs();
    const context = { account: sim.account, region: sim.region };
    this.sent.add(observation.nowMs, nowMs, observation.arrivals);
    await this.agents.tick(nowMs);
    for (const due of tw.scheduler.due(nowMs)) await this.invoke(this.spot, followUpEvent({ ...context, name: due.name, atMs: due.atMs, detail: due.detail }), nowMs);
    await this.spot.retryDue(nowMs);
    if (this.forecast) {
      await this.ticks(this.forecast, nowMs);
      for (const due of tw.steps.due(nowMs)) await this.invoke(this.forecast.fn, forecastStepEvent({ ...context, name: due.name, atMs: due.atMs, detail: due.detail }), nowMs);
      await this.forecast.fn.retryDue(nowMs);
    }
    if (this.gpuAlarm) {
      const { fn, feed } = this.gpuAlarm;
      // SQS's ApproximateAgeOfOldestMessage, which the high alarm's decision reads for the backlog's trend.
      tw.metrics.putOldestAge(this.queueUrl, observation.nowMs, observation.oldestWaitSeconds);
      // The agent publishes only from running GPU hosts: with none serving, the period has no datapoint.
      if (observation.servingUnits > 0) feed.sample(observation.nowMs, observation.gpuUtilization);
      for (const event of feed.due(nowMs)) await this.invoke(fn, event, nowMs);
      for (const due of tw.rechecks.due(nowMs)) await this.invoke(fn, gpuAlarmRecheckEvent({ ...context, name: due.name, atMs: due.atMs, detail: due.detail }), nowMs);
      await fn.retryDue(nowMs);
    }
    if (this.rebalancer) {
      await this.ticks(this.rebalancer, nowMs);
      for (const due of tw.checks.due(nowMs)) await this.invoke(this.rebalancer.fn, replacementStepEvent({ ...context, name: due.name, atMs: due.atMs, detail: due.detail }), nowMs);
      await this.rebalancer.fn.retryDue(nowMs);
    }
  }

  private async ticks(scheduled: Scheduled, nowMs: number): Promise<void> {
    for (let tick = scheduled.rule.next(nowMs); tick; tick = scheduled.rule.next(nowMs)) await this.invoke(scheduled.fn, tick, nowMs);
  }

  private async invoke(fn: SimLambda, event: unknown, nowMs: number): Promise<void> {
    await fn.invoke(event, nowMs);
    this.timeline.catchUp();
  }
}
