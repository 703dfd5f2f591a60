/**
 * Simulate one policy over a demand trace: the fleet (the EC2 twin), its queue, billing, Spot interruptions
 * with their notices, and the policy's actions, in fixed steps.
 */
import type { Market } from '../../layers/core/fleet';
import { InMemoryFleet } from '../../layers/twins/in-memory-fleet';
import { ManualClock } from '../../layers/twins/manual-clock';
import type { InterruptionModel, PriceBook } from '../model/market';
import type { FleetControl, Observation, Policy, SimFleetSpec } from '../model/policy';
import type { PolicyResult, TimelineEvent } from '../model/report';
import type { DemandTrace } from '../model/trace';
import type { ReplayedInterruption } from '../market/interruption-replay';
import { CostMeter } from './cost-meter';
import { EventHeap } from './event-heap';
import { FleetMirror } from './fleet-mirror';
import { FluidQueue } from './fluid-queue';
import { InterruptionDriver } from './interruption-driver';
import { SeriesRecorder } from './series-recorder';

export interface RunInput {
  spec: SimFleetSpec;
  trace: DemandTrace;
  prices: PriceBook;
  interruptions: InterruptionModel | ReplayedInterruption[];
  policy: Policy;
  seriesStepSeconds: number;
  account: string;
  region: string;
  /** SQS keeps a message 4 days by default; older requests are lost. */
  retentionSeconds?: number;
  /** How long a message held by an instance that died un-drained stays invisible (its visibility timeout). */
  visibilityTimeoutSeconds?: number;
  onProgress?: (doneSteps: number, totalSteps: number) => void;
}

export type RunResult = Omit<PolicyResult, 'ratioToOracle'>;

const peakQps = (trace: DemandTrace): number => trace.arrivals.reduce((m, a) => Math.max(m, a), 0) / trace.stepSeconds;

export const runPolicy = async (input: RunInput): Promise<RunResult> => {
  const { spec, trace, policy } = input;
  const stepMs = trace.stepSeconds * 1000;
  const leadMs = spec.config.launchLeadTimeSeconds * 1000;
  const endMs = trace.startMs + trace.arrivals.length * stepMs;
  const clock = new ManualClock(trace.startMs - leadMs - stepMs);
  const setup = policy.setup(spec, { nowMs: trace.startMs, peakQps: peakQps(trace), demandQps: (trace.arrivals[0] ?? 0) / trace.stepSeconds, prices: input.prices });
  const fleet = new InMemoryFleet({
    fleets: [
      {
        fleetId: spec.config.fleetId,
        totalTargetCapacity: setup.totalUnits,
        onDemandTargetCapacity: setup.onDemandUnits,
        defaultTargetCapacityType: setup.defaultMarket,
        excessCapacityTerminationPolicy: 'termination',
        ...(setup.allocationStrategy ? { allocationStrategy: setup.allocationStrategy } : {}),
        overrides: setup.pools.map((p) => ({ ...p, weightedCapacity: spec.config.capacityUnitsByType[p.instanceType] ?? 1 })),
      },
    ],
    pendingMs: leadMs,
    priceUsdPerHour: (pool) => input.prices.usdPerHour(pool.instanceType, pool.availabilityZone, pool.market, clock.nowMs()),
    modifying: { clock, durationMs: 3_000 },
  });
  const timeline: TimelineEvent[] = [];
  const queue = new FluidQueue(
    Math.floor(Math.max(0, spec.config.sloP99Ms / 1000 - spec.serviceSeconds) / trace.stepSeconds),
    Math.ceil((input.retentionSeconds ?? 4 * 86_400) / trace.stepSeconds),
  );
  policy.attach?.({
    fleet,
    clock,
    queueStats: () => ({ queueUrl: spec.config.queueUrls[0] ?? '', visibleMessages: Math.round(queue.backlog), inFlightMessages: 0, delayedMessages: 0 }),
    timeline: (e) => timeline.push(e),
    account: input.account,
    region: input.region,
    prices: input.prices,
    ...(trace.warmup ? { warmup: trace.warmup } : {}),
  });
  // The fleet was launched before the run, so it serves from the first step.
  fleet.fulfil(clock.nowMs());
  clock.set(trace.startMs);
  fleet.fulfil(clock.nowMs());
  const mirror = new FleetMirror(fleet, trace.startMs, leadMs);
  const cost = new CostMeter(input.prices);
  const heap = new EventHeap();
  const driver = new InterruptionDriver({ heap, fleet, mirror, policy, interruptions: input.interruptions, endMs, context: { account: input.account, region: input.region }, timeline });
  const series = new SeriesRecorder(Math.max(1, Math.round(input.seriesStepSeconds / trace.stepSeconds)), trace.stepSeconds);
  // Work released by instances that died un-drained: visible again at `step`, waiting since `fromStep`.
  const requeue: { step: number; fromStep: number; count: number }[] = [];
  let utilization = 0;
  let targetChanges = 0;
  const control: FleetControl = {
    get targetUnits() {
      return fleet.peekTarget(spec.config.fleetId).total;
    },
    get onDemandTargetUnits() {
      return fleet.peekTarget(spec.config.fleetId).onDemand;
    },
    setTarget: async (totalUnits, onDemandUnits) => {
      const total = Math.max(0, Math.round(totalUnits));
      const current = fleet.peekTarget(spec.config.fleetId);
      const od = onDemandUnits === undefined ? undefined : Math.max(0, Math.min(total, Math.round(onDemandUnits)));
      if (total === current.total && (od === undefined || od === current.onDemand)) return;
      if ((await fleet.describeFleet(spec.config.fleetId))?.state === 'modifying') fleet.fulfil(clock.nowMs());
      await fleet.modifyFleet({ fleetId: spec.config.fleetId, totalTargetCapacity: total, ...(od === undefined ? {} : { onDemandTargetCapacity: od }), excessCapacityTerminationPolicy: 'termination' });
      targetChanges += 1;
      timeline.push({ tMs: clock.nowMs(), kind: 'scale', detail: `target ${current.total} -> ${total} units` });
    },
  };
  driver.register(mirror.refresh(clock.nowMs()), trace.startMs);
  let lastFulfilRevision = -1;
  for (let step = 0; step < trace.arrivals.length; step += 1) {
    const nowMs = trace.startMs + step * stepMs;
    clock.set(nowMs);
    await driver.fireDue(nowMs, (i) => {
      if (i.drained) return;
      // Little's law: an instance holds its share of the requests in service, units x utilization x service time.
      const back = queue.takeBack(i.weight * utilization * spec.serviceSeconds);
      if (back > 0) requeue.push({ step: step + Math.ceil((input.visibilityTimeoutSeconds ?? 30) / trace.stepSeconds), fromStep: step, count: back });
    });
    if (fleet.revision !== lastFulfilRevision || nowMs >= mirror.nextServingAtMs) {
      fleet.fulfil(nowMs);
      lastFulfilRevision = fleet.revision;
    }
    const changes = mirror.refresh(nowMs);
    driver.register(changes, nowMs);
    for (const ended of changes.ended) cost.ended(ended, trace.stepSeconds);
    const arrivals = trace.arrivals[step] ?? 0;
    queue.push(step, arrivals);
    // Their wait runs from the death, so the visibility timeout counts against the SLO.
    while (requeue.length > 0 && (requeue[0]?.step ?? Infinity) <= step) {
      const r = requeue.shift() as { fromStep: number; count: number };
      queue.push(r.fromStep, r.count, false);
    }
    const { served, withinSlo } = queue.serve(step, mirror.servingUnits * trace.stepSeconds);
    queue.expire(step);
    cost.step(mirror.pools, nowMs, trace.stepSeconds);
    const observation: Observation = {
      nowMs,
      stepSeconds: trace.stepSeconds,
      arrivals,
      backlog: queue.backlog,
      oldestWaitSeconds: queue.oldestWaitSteps(step) * trace.stepSeconds,
      servingUnits: mirror.servingUnits,
      bootingUnits: mirror.bootingUnits,
      drainingUnits: mirror.drainingUnits,
      targetUnits: fleet.peekTarget(spec.config.fleetId).total,
      gpuUtilization: mirror.servingUnits > 0 ? Math.min(1, served / (mirror.servingUnits * trace.stepSeconds)) : 0,
    };
    utilization = observation.gpuUtilization;
    // The step's figures exist only at its end: the policy acts then, so its changes launch at once and are stamped then.
    clock.set(nowMs + stepMs);
    await policy.onStep(observation, control);
    series.add({ nowMs, arrivals, servingUnits: mirror.servingUnits, bootingUnits: mirror.bootingUnits, served, withinSlo, costUsd: cost.totalUsd, backlog: queue.backlog });
    if (input.onProgress && step % 8_640 === 0) input.onProgress(step, trace.arrivals.length);
  }
  for (const r of requeue) queue.push(r.fromStep, r.count, false);
  for (const i of mirror.instances.values()) if (i.endMs === undefined) cost.ended({ ...i, endMs: endMs }, trace.stepSeconds);
  const breakdown = cost.breakdown();
  return {
    policy: policy.name,
    totalUsd: cost.totalUsd,
    usdPer1kRequests: queue.served > 0 ? (cost.totalUsd / queue.served) * 1000 : 0,
    requests: { arrived: queue.arrived, served: queue.served, queuedAtEnd: queue.backlog, lost: queue.lost },
    sloAttainment: queue.served > 0 ? queue.servedWithinSlo / queue.served : 1,
    p99QueueWaitSeconds: queue.waitPercentileSteps(99) * trace.stepSeconds,
    instanceHours: breakdown.map((b) => ({ instanceType: b.instanceType, market: b.market as Market, hours: b.hours, usd: b.usd })),
    interruptions: driver.interruptions,
    actions: targetChanges + (policy.actionCount?.() ?? 0),
    series: series.series,
    events: timeline.sort((a, b) => a.tMs - b.tMs),
  };
};
