// A twin world around the seed's fleet (five on-demand p3.2xlarge, 1,000 units needed) and the rebalancer handler on it.
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { makeRebalanceHandler } from '../../functions/rebalancer/make-handler';
import type { RebalanceResult } from '../../layers/app/handle-rebalance';
import type { RebalanceDeps, RebalanceRunSettings } from '../../layers/app/rebalance-deps';
import type { RebalanceState } from '../../layers/core/rebalancer/rebalance-state';
import type { LedgerPort } from '../../layers/ports/ledger-port';
import { DRAIN_TAG, drainedTags } from '../../layers/core/drain-protocol';
import { unitsOf, type FleetConfig } from '../../layers/core/fleet';
import type { InstanceView } from '../../layers/core/observed';
import { replacementStepEvent } from '../../layers/core/rebalancer/replacement-step-event';
import { InMemoryFleet, type InstanceSeed } from '../../layers/twins/in-memory-fleet';
import { InMemoryLedger } from '../../layers/twins/in-memory-ledger';
import { InMemoryNotifier } from '../../layers/twins/in-memory-notifier';
import { InMemoryReplacementChecks } from '../../layers/twins/in-memory-replacement-checks';
import { InMemorySettings } from '../../layers/twins/in-memory-settings';
import { InMemorySpotPrices } from '../../layers/twins/in-memory-spot-prices';
import { ManualClock } from '../../layers/twins/manual-clock';
import { RecordingLogger } from '../../layers/twins/recording-logger';
import { silentLogger } from '../../sim/silent-logger';
import { withField, type JsonObject } from '../fixtures/events/factories';
import { advisorQuotes, NOW, overridesOf, seedFleet, SUBNETS, ZONES } from '../helpers/rebalance-factories';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DEMAND_UNITS = 1_000;

const SCHEDULED_EVENT = JSON.parse(readFileSync(new URL('../fixtures/events/scheduled-event.json', import.meta.url), 'utf8')) as JsonObject;
const CONTEXT = { awsRequestId: 'test', functionName: 'rebalancer', getRemainingTimeInMillis: () => 300_000 } as unknown as Context;

/** One minute of the world, as `runUntil` saw it after EC2 and the agents had their turn. */
export interface Minute {
  atMs: number;
  /** Units of running instances past their launch lead time and not draining: what serves. */
  servingUnits: number;
  targetUnits: number;
  drainTagged: string[];
}

export interface WorldOptions {
  fleet?: Partial<FleetConfig>;
  instances?: InstanceSeed[];
  run?: Partial<RebalanceRunSettings>;
  /** How long an agent takes to acknowledge a drain; undefined: it never does. */
  agentAckMs?: number;
  defaultTargetCapacityType?: 'spot' | 'on-demand';
  onDemandTargetUnits?: number;
  /** The types the fleet's overrides list, in every zone (default: the seed's p3.2xlarge). */
  overrideTypes?: string[];
}

/** The seed's five p3.2xlarge, a day old, across the three zones. */
export const seedInstances = (fleetId: string): InstanceSeed[] =>
  [0, 1, 2, 3, 4].map((i) => ({ instanceId: `i-0${String(i).padStart(16, '0')}`, instanceType: 'p3.2xlarge', availabilityZone: ZONES[i % 3] ?? 'us-east-1a', market: 'on-demand', fleetId, launchTimeMs: NOW - 24 * HOUR_MS + i * MINUTE_MS }));

export const rebalancerWorld = (options: WorldOptions = {}) => {
  const fleetConfig = seedFleet(options.fleet);
  const clock = new ManualClock(NOW);
  const subnets = Object.fromEntries(Object.entries(SUBNETS).map(([zone, subnet]) => [subnet, zone]));
  const fleet = new InMemoryFleet({
    fleets: [{
      fleetId: fleetConfig.fleetId,
      totalTargetCapacity: DEMAND_UNITS,
      defaultTargetCapacityType: options.defaultTargetCapacityType ?? 'on-demand',
      onDemandTargetCapacity: options.onDemandTargetUnits ?? DEMAND_UNITS,
      excessCapacityTerminationPolicy: 'termination',
      allocationStrategy: 'prioritized',
      overrides: overridesOf(fleetConfig, options.overrideTypes ?? ['p3.2xlarge']),
    }],
    instances: options.instances ?? seedInstances(fleetConfig.fleetId),
    subnets,
    modifying: { clock, durationMs: 3_000 },
  });
  const prices = new InMemorySpotPrices();
  for (const q of advisorQuotes()) prices.setPrice(q.instanceType, q.availabilityZone, q.usdPerHour, q.timestampMs - HOUR_MS);
  const ledger = new InMemoryLedger();
  const notifier = new InMemoryNotifier({ clock });
  const checks = new InMemoryReplacementChecks();
  const settings = new InMemorySettings();
  const logger = new RecordingLogger();
  const config: RebalanceRunSettings = { fleets: [fleetConfig], globalDryRun: false, runIntervalSeconds: 900, planIntervalSeconds: 3_600, drainSeconds: 300, ...options.run };
  const deps: RebalanceDeps = { fleet, prices, ledger, notifier, checks, settings, clock, logger, config };
  const handler = makeRebalanceHandler(deps, silentLogger());
  const handle = (event: unknown): Promise<RebalanceResult> => handler(event, CONTEXT) as Promise<RebalanceResult>;
  let runs = 0;
  const scheduledEvent = (id?: string): JsonObject => {
    runs += 1;
    const event = withField(SCHEDULED_EVENT, ['time'], new Date(clock.nowMs()).toISOString().replace('.000Z', 'Z'));
    return withField(event, ['id'], id ?? `5e1f2a3b-0000-4000-8000-${String(runs).padStart(12, '0')}`);
  };
  const stepEvents = (): JsonObject[] =>
    checks.due(clock.nowMs()).map((s) => replacementStepEvent({ name: s.name, atMs: s.atMs, account: '123456789012', region: 'us-east-1', detail: s.detail }) as unknown as JsonObject);
  const live = (): InstanceView[] => fleet.instancesOf(fleetConfig.fleetId).filter((i) => i.state === 'running' || i.state === 'pending');
  const minute = async (): Promise<Minute> => {
    const nowMs = clock.nowMs();
    const serving = live().filter((i) => i.state === 'running' && i.launchTimeMs + fleetConfig.launchLeadTimeSeconds * 1000 <= nowMs && i.tags[DRAIN_TAG] === undefined);
    const view = await fleet.describeFleet(fleetConfig.fleetId);
    return {
      atMs: nowMs,
      servingUnits: serving.reduce((n, i) => n + unitsOf(fleetConfig, i.instanceType), 0),
      targetUnits: view?.totalTargetCapacity ?? Number.NaN,
      drainTagged: live().filter((i) => i.tags[DRAIN_TAG] !== undefined).map((i) => i.instanceId),
    };
  };
  /** The agents: each drain-tagged instance acknowledges `agentAckMs` after its tag appeared. */
  const tagSeenAt = new Map<string, number>();
  const agents = async (): Promise<void> => {
    if (options.agentAckMs === undefined) return;
    for (const i of live()) {
      if (i.tags[DRAIN_TAG] === undefined || i.tags['autopilot:drained'] !== undefined) continue;
      const seen = tagSeenAt.get(i.instanceId) ?? clock.nowMs();
      tagSeenAt.set(i.instanceId, seen);
      if (clock.nowMs() - seen >= options.agentAckMs) await fleet.createTags(i.instanceId, drainedTags(clock.nowMs()));
    }
  };
  /**
   * Moves the clock a minute at a time to `toMs`: EC2 fulfils the fleet, agents acknowledge drains, due checks are
   * delivered, and the schedule rule runs the rebalancer every `runIntervalSeconds`. Returns every minute seen.
   */
  const runUntil = async (toMs: number): Promise<{ minutes: Minute[]; results: RebalanceResult[] }> => {
    const minutes: Minute[] = [];
    const results: RebalanceResult[] = [];
    while (clock.nowMs() < toMs) {
      fleet.fulfil(clock.nowMs());
      await agents();
      for (const event of stepEvents()) results.push(await handle(event));
      if ((clock.nowMs() - NOW) % (config.runIntervalSeconds * 1000) === 0) results.push(await handle(scheduledEvent()));
      fleet.fulfil(clock.nowMs());
      minutes.push(await minute());
      clock.set(Math.floor(clock.nowMs() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
    }
    return { minutes, results };
  };
  const messages = () => notifier.channelMessages(fleetConfig.slackChannel).map((m) => m.text);
  const modifyCalls = () => fleet.calls.flatMap((c) => (c.method === 'modifyFleet' ? [c.request] : []));
  return { fleetConfig, clock, fleet, prices, ledger, notifier, checks, settings, logger, config, deps, handle, scheduledEvent, stepEvents, live, runUntil, messages, modifyCalls };
};

export type RebalancerWorld = ReturnType<typeof rebalancerWorld>;

/** The world's ledger, except that the first save matching `crashesAt` dies (a Lambda timeout right after the step before it). */
export const crashOnce = (world: RebalancerWorld, crashesAt: (state: RebalanceState) => boolean): void => {
  let crashed = false;
  const real = world.ledger;
  const ledger: LedgerPort = Object.create(real) as LedgerPort;
  ledger.saveRebalanceState = async (state) => {
    if (!crashed && crashesAt(state)) {
      crashed = true;
      throw new Error('Task timed out after 300.00 seconds');
    }
    return real.saveRebalanceState(state);
  };
  // The handler reads its ports from this object at each call.
  world.deps.ledger = ledger;
};
