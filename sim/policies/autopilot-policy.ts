/**
 * The autopilot in the simulation is the real one: the deployed handlers, built with makeHandler on twins
 * around the simulated fleet, fed the events AWS would send, retried as Lambda retries async invocations.
 * Capacity follows target tracking with a Spot mix until the forecast issue lands (it grows with the issues).
 */
import type { Context } from 'aws-lambda';
import { makeHandler } from '../../functions/spot-interruption/make-handler';
import { followUpEvent } from '../../layers/core/follow-up-event';
import type { ActionRecord } from '../../layers/ports/ledger-port';
import type { FleetControl, Observation, Policy, SimFleetSpec, SimWorld } from '../model/policy';
import type { TimelineEvent } from '../model/report';
import { silentLogger } from '../silent-logger';
import { twinWorld, type TwinWorld } from '../twin-world';
import { targetTrackingPolicy, type TargetTrackingOptions } from './target-tracking-policy';

/** Lambda retries a failed asynchronous invocation twice, about 1 and 2 minutes later. */
const RETRY_DELAYS_MS = [60_000, 120_000];
const CONTEXT = { awsRequestId: 'sim', functionName: 'spot-interruption', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

interface PendingInvocation {
  atMs: number;
  event: unknown;
  attempt: number;
}

const timelineKind = (r: ActionRecord): TimelineEvent['kind'] | undefined => {
  if (r.type === 'tag-drain') return 'drain';
  if (r.type === 'modify-fleet-capacity') return Number(r.after.totalTargetCapacity) > Number(r.before.totalTargetCapacity) ? 'surge' : 'restore';
  return undefined;
};

export const autopilotPolicy = (options: { sizing: Omit<TargetTrackingOptions, 'name'>; name?: string }): Policy => {
  const sizing = targetTrackingPolicy({ ...options.sizing, name: options.name ?? 'autopilot' });
  let spec: SimFleetSpec | undefined;
  let tw: TwinWorld | undefined;
  let sim: SimWorld | undefined;
  let handler: ((event: unknown, context: Context) => Promise<unknown>) | undefined;
  const pending: PendingInvocation[] = [];
  let seenActions = 0;
  let minuteStart = -1;
  let minuteArrivals = 0;

  const invoke = async (event: unknown, attempt: number): Promise<void> => {
    if (!handler || !sim || !tw) return;
    try {
      await handler(event, CONTEXT);
    } catch {
      // After the last retry Lambda sends the event to the on-failure destination: it is dropped here.
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay !== undefined) pending.push({ atMs: sim.clock.nowMs() + delay, event, attempt: attempt + 1 });
    }
    const actions = tw.ledger.actions().filter((a) => a.status === 'applied');
    for (const a of actions.slice(seenActions)) {
      const kind = timelineKind(a);
      if (kind) sim.timeline({ tMs: a.atMs, kind, detail: `${a.instanceId ?? ''} ${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}` });
    }
    seenActions = actions.length;
  };

  return {
    name: options.name ?? 'autopilot',
    setup: (s, first) => {
      spec = s;
      return sizing.setup(s, first);
    },
    attach(world) {
      if (!spec) throw new Error('autopilot policy: attach before setup');
      sim = world;
      tw = twinWorld({
        startMs: world.clock.nowMs(),
        fleets: [spec.config],
        fleetSeeds: [],
        fleet: world.fleet,
        clock: world.clock,
        queuePort: { stats: async () => world.queueStats() },
      });
      handler = makeHandler(tw.deps, silentLogger());
    },
    async onEvent(event) {
      await invoke(event, 0);
    },
    async onStep(observation: Observation, fleet: FleetControl) {
      if (!tw || !sim || !spec) return;
      const now = observation.nowMs;
      // CloudWatch's NumberOfMessagesSent, one datapoint a minute, as the handler's arrival-rate reader expects.
      const minute = Math.floor(now / 60_000) * 60_000;
      if (minute !== minuteStart) {
        if (minuteStart >= 0) tw.metrics.put(spec.config.queueUrls[0] ?? '', minuteStart, minuteArrivals);
        minuteStart = minute;
        minuteArrivals = 0;
      }
      minuteArrivals += observation.arrivals;
      for (const due of tw.scheduler.due(now)) {
        await invoke(followUpEvent({ name: due.name, atMs: due.atMs, account: sim.account, region: sim.region, detail: due.detail }), 0);
      }
      for (let i = pending.length - 1; i >= 0; i -= 1) {
        const p = pending[i] as PendingInvocation;
        if (p.atMs > now) continue;
        pending.splice(i, 1);
        await invoke(p.event, p.attempt);
      }
      await sizing.onStep(observation, fleet);
    },
    actionCount: () => seenActions,
  };
};
