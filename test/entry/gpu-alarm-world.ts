// A twin world around the bert-large-search fleet, with the gpu-alarm handler and alarm events made from the real samples.
import type { Context } from 'aws-lambda';
import { makeGpuAlarmHandler } from '../../functions/gpu-alarm/make-handler';
import type { GpuAlarmDeps } from '../../layers/app/gpu-alarm-deps';
import type { GpuAlarmResult } from '../../layers/app/handle-gpu-alarm';
import type { FleetConfig } from '../../layers/core/fleet';
import { gpuAlarmRecheckEvent } from '../../layers/core/gpu-alarm-recheck-event';
import type { AlarmStateValue, GpuAlarmKind } from '../../layers/core/gpu-alarm/gpu-alarm-signal';
import { InMemoryAlarmRechecks } from '../../layers/twins/in-memory-alarm-rechecks';
import { silentLogger } from '../../sim/silent-logger';
import { twinWorld, type TwinWorld } from '../../sim/twin-world';
import { alarmFixture, asOurAlarm, PREFIX, withState, type AlarmEvent } from '../fixtures/events/cloudwatch-alarm-factories';
import { aFleet } from '../helpers/spot-factories';

export const FLEET_ID = 'fleet-7d3e9a41-5c2b-4f08-a6e1-93b0c4d2f718';
export const FLEET_NAME = 'bert-large-search';
export const MINUTE_MS = 60_000;
/** Tuesday 2026-03-10 02:00 UTC: a quiet night. */
export const START_MS = Date.UTC(2026, 2, 10, 2, 0, 0);
/** Standard tier: 85% target utilization, 15 min low hysteresis, 10 min cooldown, 20% per scale-in step. */
export const TARGET_UTILIZATION = 0.85;

const REASONS: Record<AlarmStateValue, string> = {
  ALARM: 'Threshold Crossed: 3 datapoints were on the wrong side of the threshold',
  OK: 'Threshold Crossed: 3 datapoints were back within the threshold',
  INSUFFICIENT_DATA: 'Insufficient Data: 3 datapoints were unknown.',
};

/** CloudWatch writes `2019-10-02T17:04:40.989+0000`. */
const cloudWatchTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export interface GpuAlarmWorld extends TwinWorld {
  fleetConfig: FleetConfig;
  queueUrl: string;
  rechecks: InMemoryAlarmRechecks;
  alarmDeps: GpuAlarmDeps;
  handle: (event: unknown) => Promise<GpuAlarmResult>;
  /**
   * The documented metric-math sample as one of the fleet's alarms entering `state` at the clock's now (or `atMs`), its
   * last datapoint `value` (none for INSUFFICIENT_DATA), with its own id unless one is given.
   */
  alarmEvent: (kind: GpuAlarmKind, state: AlarmStateValue, options?: { id?: string; atMs?: number; value?: number; threshold?: number }) => AlarmEvent;
  /** Delivers every recheck due at the clock's now, as EventBridge Scheduler would, and returns their results. */
  fireDueRechecks: () => Promise<GpuAlarmResult[]>;
  /** Moves the clock to `toMs` a minute at a time, arrivals at `qps` each minute, each recheck delivered once due. */
  runUntil: (toMs: number, qps: number) => Promise<GpuAlarmResult[]>;
  /** Arrivals at `qps` for every minute from `fromMs` up to the clock's now. */
  arrive: (fromMs: number, qps: number) => void;
  /** The oldest message's age SQS reported at each of `(minutes ago, seconds)`. */
  ages: (points: [minutesAgo: number, seconds: number][]) => void;
  targetUnits: () => Promise<number>;
  modifyCalls: () => number;
}

export const gpuAlarmWorld = (options: { fleetConfig?: Partial<FleetConfig>; initialUnits?: number; globalDryRun?: boolean } = {}): GpuAlarmWorld => {
  // The spot tests' bert-large-search fleet, as a standard-tier fleet of g5 and g6 instances of 100 units each.
  const fleetConfig = aFleet({
    fleetId: FLEET_ID,
    tier: 'standard',
    model: { name: 'bert-large', precision: 'fp16', sequenceLength: 384 },
    sloP99Ms: 100,
    capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 100 },
    minCapacityUnits: 200,
    onDemandBaseUnits: 0,
    launchLeadTimeSeconds: 420,
    slackChannel: '#gpu-oncall',
    ...options.fleetConfig,
  });
  const queueUrl = fleetConfig.queueUrls[0] ?? '';
  const world = twinWorld({
    startMs: START_MS,
    fleets: [fleetConfig],
    fleetSeeds: [
      {
        fleetId: FLEET_ID,
        totalTargetCapacity: options.initialUnits ?? 1000,
        defaultTargetCapacityType: 'spot',
        overrides: [
          { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 100 },
          { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: 100 },
        ],
      },
    ],
    ...(options.globalDryRun === undefined ? {} : { globalDryRun: options.globalDryRun }),
  });
  world.queue.createQueue(queueUrl.split('/').pop() ?? '');
  world.fleet.fulfil(START_MS);
  const rechecks = new InMemoryAlarmRechecks();
  const alarmDeps: GpuAlarmDeps = {
    fleet: world.fleet, queue: world.queue, metrics: world.metrics, ledger: world.ledger, notifier: world.notifier, rechecks,
    settings: world.settings, clock: world.clock, logger: world.logger,
    config: { fleets: [fleetConfig], globalDryRun: options.globalDryRun ?? false, alarmPrefix: PREFIX, stepSeconds: 300, scaleInCooldownSeconds: 600, forecastRunIntervalSeconds: 300 },
  };
  const handler = makeGpuAlarmHandler(alarmDeps, silentLogger());
  const context = { awsRequestId: 'test', functionName: 'gpu-alarm', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
  const handle = (event: unknown): Promise<GpuAlarmResult> => handler(event, context) as Promise<GpuAlarmResult>;
  let events = 0;
  const alarmEvent: GpuAlarmWorld['alarmEvent'] = (kind, state, { id, atMs = world.clock.nowMs(), value, threshold = 20 } = {}) => {
    events += 1;
    const reasonData = state === 'INSUFFICIENT_DATA' || value === undefined ? undefined : JSON.stringify({ version: '1.0', period: 60, recentDatapoints: [value], threshold });
    const event = withState(asOurAlarm(alarmFixture('metric-math'), FLEET_NAME, kind), { value: state, reason: REASONS[state], timestamp: cloudWatchTime(atMs), reasonData });
    return { ...event, id: id ?? `2dde0eb1-528b-d2d5-9ca6-${String(events).padStart(12, '0')}`, time: new Date(atMs).toISOString().replace('.000Z', 'Z') };
  };
  const fireDueRechecks = async (): Promise<GpuAlarmResult[]> => {
    const results: GpuAlarmResult[] = [];
    for (const due of rechecks.due(world.clock.nowMs())) {
      results.push(await handle(gpuAlarmRecheckEvent({ name: due.name, atMs: due.atMs, account: '123456789012', region: 'us-east-1', detail: due.detail })));
    }
    return results;
  };
  const arrive = (fromMs: number, qps: number): void => {
    for (let t = fromMs; t < world.clock.nowMs(); t += MINUTE_MS) world.metrics.put(queueUrl, t, qps * 60);
  };
  const runUntil = async (toMs: number, qps: number): Promise<GpuAlarmResult[]> => {
    const results: GpuAlarmResult[] = [];
    while (world.clock.nowMs() < toMs) {
      world.clock.advance(Math.min(MINUTE_MS, toMs - world.clock.nowMs()));
      arrive(world.clock.nowMs() - MINUTE_MS, qps);
      world.fleet.fulfil(world.clock.nowMs());
      results.push(...(await fireDueRechecks()));
    }
    return results;
  };
  const ages = (points: [number, number][]): void => {
    for (const [minutesAgo, seconds] of points) world.metrics.putOldestAge(queueUrl, world.clock.nowMs() - minutesAgo * MINUTE_MS, seconds);
  };
  const targetUnits = async (): Promise<number> => (await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity ?? Number.NaN;
  const modifyCalls = (): number => world.fleet.calls.filter((c) => c.method === 'modifyFleet').length;
  return { ...world, fleetConfig, queueUrl, rechecks, alarmDeps, handle, alarmEvent, fireDueRechecks, runUntil, arrive, ages, targetUnits, modifyCalls };
};

/** Ten minutes into the night: the arrival window of every test is behind it. */
export const T0 = START_MS + 10 * MINUTE_MS;

/** The world moved to T0 with `qps` arriving over the last ten minutes. */
export const atT0 = (world: GpuAlarmWorld, qps: number): GpuAlarmWorld => {
  world.clock.advance(T0 - START_MS);
  world.arrive(T0 - 10 * MINUTE_MS, qps);
  return world;
};

/** The fleet's applied target changes, oldest first, from the ledger's action records. */
export const applied = (world: GpuAlarmWorld): { atMs: number; from: number; to: number }[] =>
  world.ledger
    .actions()
    .filter((a) => a.type === 'modify-fleet-capacity' && a.status === 'applied')
    .map((a) => ({ atMs: a.atMs, from: a.before.totalTargetCapacity as number, to: a.after.totalTargetCapacity as number }));

/** The fallback texts as Slack shows them: mrkdwn's three escapes undone. */
export const slackTexts = (world: GpuAlarmWorld): string[] =>
  world.notifier.channelMessages('#gpu-oncall').map((m) => m.text.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'));

/** `messages` requests waiting in the fleet's queue. */
export const backlog = (world: GpuAlarmWorld, messages: number): void => {
  for (let i = 0; i < messages; i += 1) world.queue.send(world.queueUrl, `{"request":${i}}`);
};
