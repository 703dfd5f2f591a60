// A twin world around one fleet with a daily demand cycle, and the forecast-scaler handler built on its forecast ports.
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { makeForecastHandler } from '../../functions/forecast-scaler/make-handler';
import type { ForecastResult } from '../../layers/app/handle-forecast-trigger';
import type { FleetConfig } from '../../layers/core/fleet';
import { forecastStepEvent, type ForecastStepDetail } from '../../layers/core/forecast-step-event';
import { silentLogger } from '../../sim/silent-logger';
import { twinWorld, type TwinWorld, type TwinWorldOptions } from '../../sim/twin-world';
import { withField, type JsonObject } from '../fixtures/events/factories';

export const FLEET_ID = 'fleet-6f0c7b9e-3b1a-4c55-9a0e-2d1f6b7c8a90';
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Monday 2026-11-02 00:00 UTC: the first day of history. */
export const HISTORY_START_MS = Date.UTC(2026, 10, 2);
/** The day the tests run on, after three weeks of history. */
export const TODAY_MS = HISTORY_START_MS + 21 * DAY_MS;
export const LEAD_SECONDS = 420;
export const TARGET_UTILIZATION = 0.8;

/** The Scheduled Event sample a schedule rule delivers (test/fixtures/events/SOURCES.md). */
const SCHEDULED_EVENT = JSON.parse(readFileSync(new URL('../fixtures/events/scheduled-event.json', import.meta.url), 'utf8')) as JsonObject;

/** Night 200 QPS, a morning ramp 06:00-08:00 to 1600 QPS, a day plateau, an evening fall 17:00-19:00 back to 200. */
export const dailyCycleQps = (ms: number): number => {
  const hour = (((ms % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
  if (hour < 6 || hour >= 19) return 200;
  if (hour < 8) return 200 + ((hour - 6) / 2) * 1400;
  if (hour < 17) return 1600;
  return 1600 - ((hour - 17) / 2) * 1400;
};

/** What `runUntil` saw: the fleet's target after every change, and every scheduled run's result. */
export interface Timeline {
  changes: { atMs: number; units: number }[];
  runs: { atMs: number; result: ForecastResult }[];
}

/** The target in force at `atMs` (the last change at or before it). */
export const targetAt = (timeline: Timeline, atMs: number): number =>
  timeline.changes.filter((c) => c.atMs <= atMs).at(-1)?.units ?? Number.NaN;

export interface ForecastWorld extends TwinWorld {
  fleetConfig: FleetConfig;
  queueUrl: string;
  /** Invokes the handler as Lambda would. */
  handle: (event: unknown) => Promise<ForecastResult>;
  /** The schedule rule's event at the clock's now (each run its own id unless one is given). */
  scheduledEvent: (id?: string) => JsonObject;
  /** What a one-time step schedule delivers, as the Scheduler twin would, named `name`. */
  stepEvent: (detail: ForecastStepDetail, name?: string) => JsonObject;
  /** Arrivals of every minute from `fromMs` up to `toMs` (exclusive) at `qpsAt`, put where CloudWatch keeps them. */
  arrive: (fromMs: number, toMs: number, qpsAt?: (ms: number) => number) => void;
  /**
   * Moves the clock to `toMs` a minute at a time: demand arrives at `qpsAt`, each forecast step is delivered when
   * due and the schedule rule runs the scaler at every 5-minute mark. Returns the target after every change.
   */
  runUntil: (toMs: number, qpsAt?: (ms: number) => number) => Promise<Timeline>;
  targetUnits: () => Promise<number>;
}

export const forecastWorld = (
  options: Partial<Omit<TwinWorldOptions, 'fleets' | 'fleet'>> & { fleetConfig?: Partial<FleetConfig>; startMs?: number; initialUnits?: number; historyDays?: number } = {},
): ForecastWorld => {
  const { fleetConfig: fleetOverrides, initialUnits, historyDays, startMs, ...worldOptions } = options;
  const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-requests';
  const fleetConfig: FleetConfig = {
    fleetId: FLEET_ID,
    name: 'bert-large-prod',
    tier: 'critical',
    model: { name: 'bert-large', precision: 'int8', sequenceLength: 384 },
    sloP99Ms: 100,
    queueUrls: [queueUrl],
    capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 120 },
    minCapacityUnits: 300,
    maxCapacityUnits: 6000,
    onDemandBaseUnits: 0,
    launchLeadTimeSeconds: LEAD_SECONDS,
    slackChannel: '#gpu-oncall',
    dryRun: false,
    rebalancePolicy: 'surge-then-drain',
    drainTimeoutSeconds: 1800,
    ...fleetOverrides,
  };
  const world = twinWorld({
    startMs: startMs ?? TODAY_MS + 4 * HOUR_MS,
    fleets: [fleetConfig],
    fleetSeeds: [
      {
        fleetId: FLEET_ID,
        totalTargetCapacity: initialUnits ?? 300,
        defaultTargetCapacityType: 'spot',
        overrides: [
          { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 100 },
          { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: 120 },
        ],
      },
    ],
    ...worldOptions,
  });
  world.queue.createQueue('bert-large-requests');
  const handler = makeForecastHandler(world.forecastDeps, silentLogger());
  const context = { awsRequestId: 'test', functionName: 'forecast-scaler', getRemainingTimeInMillis: () => 120_000 } as unknown as Context;
  const handle = (event: unknown): Promise<ForecastResult> => handler(event, context) as Promise<ForecastResult>;
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
  let runs = 0;
  const scheduledEvent = (id?: string): JsonObject => {
    runs += 1;
    const event = withField(SCHEDULED_EVENT, ['time'], iso(world.clock.nowMs()));
    return withField(event, ['id'], id ?? `5e1f2a3b-0000-4000-8000-${String(runs).padStart(12, '0')}`);
  };
  const stepEvent = (detail: ForecastStepDetail, name = `fs-${detail.fleetId}-${detail.effectiveAtMs}`): JsonObject =>
    forecastStepEvent({ name, atMs: world.clock.nowMs(), account: '123456789012', region: 'us-east-1', detail }) as unknown as JsonObject;
  const arrive = (fromMs: number, toMs: number, qpsAt = dailyCycleQps): void => {
    for (let t = fromMs; t < toMs; t += MINUTE_MS) world.metrics.put(queueUrl, t, qpsAt(t) * 60);
  };
  const targetUnits = async (): Promise<number> => (await world.fleet.describeFleet(FLEET_ID))?.totalTargetCapacity ?? Number.NaN;
  const runUntil = async (toMs: number, qpsAt = dailyCycleQps): Promise<Timeline> => {
    const timeline: Timeline = { changes: [], runs: [] };
    const note = async (): Promise<void> => {
      const units = await targetUnits();
      if (timeline.changes.at(-1)?.units !== units) timeline.changes.push({ atMs: world.clock.nowMs(), units });
    };
    await note();
    while (world.clock.nowMs() < toMs) {
      for (const step of world.steps.due(world.clock.nowMs())) {
        await handle(stepEvent(step.detail, step.name));
        await note();
      }
      if (world.clock.nowMs() % (5 * MINUTE_MS) === 0) {
        timeline.runs.push({ atMs: world.clock.nowMs(), result: await handle(scheduledEvent()) });
        await note();
      }
      arrive(world.clock.nowMs(), world.clock.nowMs() + MINUTE_MS, qpsAt);
      world.clock.advance(MINUTE_MS);
    }
    return timeline;
  };
  arrive(world.clock.nowMs() - (historyDays ?? 21) * DAY_MS, world.clock.nowMs());
  return { ...world, fleetConfig, queueUrl, handle, scheduledEvent, stepEvent, arrive, runUntil, targetUnits };
};
