// A twin world around one standard-tier g5/g6 fleet, with the cost-anomaly handler and the documented alert samples.
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { makeCostAnomalyHandler } from '../../functions/cost-anomaly/make-handler';
import type { CostAnomalyFunctionDeps, CostAnomalyTriggerResult } from '../../layers/app/handle-cost-anomaly-trigger';
import { DEFAULT_SPEND_WATCH } from '../../layers/core/cost/detect-spend-anomaly';
import type { FleetConfig } from '../../layers/core/fleet';
import { emptyForecastState } from '../../layers/core/forecast/forecast-state';
import { incidentIdFor, type Incident } from '../../layers/core/incident';
import { InMemoryCostLedger } from '../../layers/twins/in-memory-cost-ledger';
import { InMemorySpotPrices } from '../../layers/twins/in-memory-spot-prices';
import { silentLogger } from '../../sim/silent-logger';
import { twinWorld, type TwinWorld } from '../../sim/twin-world';
import { withField, type JsonObject } from '../fixtures/events/factories';
import { aFleet } from '../helpers/spot-factories';

export const FLEET_ID = 'fleet-7d3e9a41-5c2b-4f08-a6e1-93b0c4d2f718';
export const ACCOUNT = '123456789012';
export const MINUTE_MS = 60_000;
/** Five minutes after the documented "Anomaly Detected" sample's `time` (2021-05-26T06:00:00Z). */
export const START_MS = Date.UTC(2021, 4, 26, 6, 5);
export const CHANNEL = '#gpu-oncall';

const SCHEDULED = JSON.parse(readFileSync(new URL('../fixtures/events/scheduled-event.json', import.meta.url), 'utf8')) as JsonObject;
const CONTEXT = { awsRequestId: 'test', functionName: 'cost-anomaly', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

export interface CostAnomalyWorld extends TwinWorld {
  fleetConfig: FleetConfig;
  prices: InMemorySpotPrices;
  costs: InMemoryCostLedger;
  costDeps: CostAnomalyFunctionDeps;
  handle: (event: unknown) => Promise<CostAnomalyTriggerResult>;
  /** The spend-rate check's schedule rule firing at the clock's now (the documented sample, its id and time set). */
  scheduledEvent: () => JsonObject;
  target: () => Promise<{ total: number; onDemand: number }>;
  modifyCalls: () => number;
}

export interface CostWorldOptions {
  fleetConfig?: Partial<FleetConfig>;
  totalUnits?: number;
  onDemandUnits?: number;
  /** What the forecast's last run (a minute ago) needs within the lead; none: no forecast. */
  leadUnits?: number;
  globalDryRun?: boolean;
  slackUpdates?: boolean;
}

/**
 * bert-large-search: g5.xlarge (us-east-1a) and g6.xlarge (us-east-1b), 100 units each, 200 units on-demand base,
 * running 1,000 units (200 on-demand) while the forecast needs 400. Spot: g5 $0.40/h, g6 $0.35/h.
 */
export const costAnomalyWorld = (options: CostWorldOptions = {}): CostAnomalyWorld => {
  const fleetConfig = aFleet({
    fleetId: FLEET_ID, tier: 'standard', capacityUnitsByType: { 'g5.xlarge': 100, 'g6.xlarge': 100 },
    minCapacityUnits: 200, maxCapacityUnits: 4000, onDemandBaseUnits: 200, slackChannel: CHANNEL,
    // The whole target may go within an hour: the scale-in budget (25% by default) is tested on its own.
    forecast: { maxScaleInFractionPerHour: 1 }, ...options.fleetConfig,
  });
  const world = twinWorld({
    startMs: START_MS,
    fleets: [fleetConfig],
    fleetSeeds: [{
      fleetId: FLEET_ID,
      totalTargetCapacity: options.totalUnits ?? 1000,
      onDemandTargetCapacity: options.onDemandUnits ?? 200,
      defaultTargetCapacityType: 'spot',
      overrides: [
        { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', weightedCapacity: 100 },
        { instanceType: 'g6.xlarge', availabilityZone: 'us-east-1b', weightedCapacity: 100 },
      ],
    }],
    ...(options.globalDryRun === undefined ? {} : { globalDryRun: options.globalDryRun }),
    ...(options.slackUpdates === undefined ? {} : { slackUpdates: options.slackUpdates }),
  });
  world.fleet.fulfil(START_MS);
  const prices = new InMemorySpotPrices();
  prices.setPrice('g5.xlarge', 'us-east-1a', 0.4, START_MS - 2 * 3_600_000);
  prices.setPrice('g6.xlarge', 'us-east-1b', 0.35, START_MS - 2 * 3_600_000);
  const costs = new InMemoryCostLedger();
  const base = { fleet: world.fleet, prices, ledger: world.ledger, costs, logger: world.logger };
  const costDeps: CostAnomalyFunctionDeps = {
    ...base, metrics: world.metrics, notifier: world.notifier, settings: world.settings, clock: world.clock,
    config: { fleets: [fleetConfig], globalDryRun: options.globalDryRun ?? false, region: 'us-east-1', accountId: ACCOUNT, scaleInCooldownSeconds: 600, forecastRunIntervalSeconds: 300 },
    spendWatch: {
      ...base, metrics: world.metrics, publisher: world.publisher,
      config: { fleets: [fleetConfig], accountId: ACCOUNT, region: 'us-east-1', runIntervalSeconds: 300, spendWatch: DEFAULT_SPEND_WATCH, forecastFreshSeconds: 900 },
    },
  };
  const handler = makeCostAnomalyHandler(costDeps, silentLogger());
  const handle = (event: unknown): Promise<CostAnomalyTriggerResult> => handler(event, CONTEXT) as Promise<CostAnomalyTriggerResult>;
  let runs = 0;
  const scheduledEvent = (): JsonObject => {
    runs += 1;
    return withField(withField(SCHEDULED, ['time'], new Date(world.clock.nowMs()).toISOString().replace('.000Z', 'Z')), ['id'], `53dc4d37-cffa-4f76-80c9-${String(runs).padStart(12, '0')}`);
  };
  const target = async () => {
    const view = await world.fleet.describeFleet(FLEET_ID);
    return { total: view?.totalTargetCapacity ?? Number.NaN, onDemand: view?.onDemandTargetCapacity ?? Number.NaN };
  };
  const modifyCalls = (): number => world.fleet.calls.filter((c) => c.method === 'modifyFleet').length;
  return { ...world, fleetConfig, prices, costs, costDeps, handle, scheduledEvent, target, modifyCalls };
};

/** The forecast scaler's last run, a minute before the clock's now, needing `leadUnits` within the launch lead. */
export const withForecast = async (world: CostAnomalyWorld, leadUnits: number): Promise<CostAnomalyWorld> => {
  const stored = await world.ledger.getForecastState(FLEET_ID);
  await world.ledger.saveForecastState({ ...(stored ?? emptyForecastState(FLEET_ID)), version: (stored?.version ?? 0) + 1, lastRunAtMs: world.clock.nowMs() - MINUTE_MS, lastLeadUnits: leadUnits });
  return world;
};

/** The fallback texts of the channel as Slack shows them: mrkdwn's three escapes undone. */
export const slackTexts = (world: CostAnomalyWorld): string[] =>
  world.notifier.channelMessages(CHANNEL).map((m) => m.text.replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'));

/**
 * Replaces the handler's fleet port with the twin behind `override`: a method `override` returns a function for
 * runs that function instead (a hanging call, a throttle for one fleet); every other call goes to the twin.
 */
export const overrideFleet = (world: CostAnomalyWorld, override: (method: string) => ((...args: unknown[]) => Promise<unknown>) | undefined): void => {
  const twin = world.fleet;
  world.costDeps.fleet = new Proxy(twin, {
    get: (target, property, receiver) => {
      const replaced = typeof property === 'string' ? override(property) : undefined;
      if (replaced !== undefined) return replaced;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
};

/** The twin again behind the handler's fleet port. */
export const restoreFleet = (world: CostAnomalyWorld): void => {
  world.costDeps.fleet = world.fleet;
};

export const SURGE_INSTANCE_ID = 'i-0a1b2c3d4e5f60718';

/** A Spot incident whose interruption surge of 100 units (900 -> 1,000) was applied two hours ago and never taken back. */
export const stuckSurgeIncident = (): Incident => {
  const openedAtMs = START_MS - 120 * MINUTE_MS;
  return {
    incidentId: incidentIdFor(SURGE_INSTANCE_ID, openedAtMs, '1e5527d7-bb36-4607-3370-4164db56a40e'),
    instanceId: SURGE_INSTANCE_ID, fleetId: FLEET_ID, fleetName: 'bert-large-search',
    pool: { instanceType: 'g5.xlarge', availabilityZone: 'us-east-1a', market: 'spot' },
    capacityUnits: 100, fleetUnitsAtOpen: 900, phase: 'interruption-warned', openedAtMs, updatedAtMs: openedAtMs, signals: [],
    surge: { units: 100, fromTotal: 900, toTotal: 1000, status: 'applied', atMs: openedAtMs, avoidedPools: [], removedOverrides: [] },
    reasons: [], dryRun: false, version: 1,
  };
};
