/** The cost-anomaly scenario's world: one standard fleet on twins, the cost-anomaly and rebalancer handlers on their schedules. */
import type { Context } from 'aws-lambda';
import { makeCostAnomalyHandler } from '../../functions/cost-anomaly/make-handler';
import { makeRebalanceHandler } from '../../functions/rebalancer/make-handler';
import type { CostAnomalyFunctionDeps } from '../../layers/app/handle-cost-anomaly-trigger';
import { DEFAULT_SPEND_WATCH } from '../../layers/core/cost/detect-spend-anomaly';
import { usageTypeOf } from '../../layers/core/cost/spend-root-causes';
import { DRAIN_TAG, DRAINED_TAG, drainedTags } from '../../layers/core/drain-protocol';
import { poolKey, type FleetConfig, type Pool } from '../../layers/core/fleet';
import { emptyForecastState } from '../../layers/core/forecast/forecast-state';
import { replacementStepEvent } from '../../layers/core/rebalancer/replacement-step-event';
import { InMemoryCostLedger } from '../../layers/twins/in-memory-cost-ledger';
import { InMemoryFleet } from '../../layers/twins/in-memory-fleet';
import { InMemorySpotPrices } from '../../layers/twins/in-memory-spot-prices';
import { ManualClock } from '../../layers/twins/manual-clock';
import { ScheduleRule } from '../policies/schedule-rule';
import { silentLogger } from '../silent-logger';
import { twinWorld } from '../twin-world';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const CONTEXT = { awsRequestId: 'sim', functionName: 'cost-anomaly', getRemainingTimeInMillis: () => 300_000 } as unknown as Context;

/** BERT-large behind a standard-tier fleet: 400 units needed (ten g5/g6.xlarge), 80 of them kept on demand. */
export const COST_FLEET: FleetConfig = {
  fleetId: 'fleet-c057a1e4-6d2b-4f3a-9e8c-1b2a3c4d5e6f',
  name: 'bert-large-prod',
  tier: 'standard',
  model: { name: 'bert-large', precision: 'fp16', sequenceLength: 384 },
  sloP99Ms: 100,
  queueUrls: [`https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/bert-large-prod-requests`],
  capacityUnitsByType: { 'g5.xlarge': 40, 'g6.xlarge': 40 },
  // The scenario times detection, and its forecast scaler is a stand-in that never scales in: the remediation may take
  // the whole excess back at once (with the default budget, 25% of the target per hour, the real forecast scaler
  // would continue the scale-in over the next hours).
  forecast: { maxScaleInFractionPerHour: 1 },
  minCapacityUnits: 80,
  maxCapacityUnits: 2_000,
  onDemandBaseUnits: 80,
  launchLeadTimeSeconds: 420,
  slackChannel: '#gpu-cost',
  dryRun: false,
  rebalancePolicy: 'surge-then-drain',
  drainTimeoutSeconds: 1_800,
};
export const NEED_UNITS = 400;

/** us-east-1 Spot prices (each zone a few percent dearer) and the catalog's on-demand prices, $/hour. */
const SPOT_USD: Record<string, number> = { 'g5.xlarge': 0.4121, 'g6.xlarge': 0.3711 };
const ON_DEMAND_USD: Record<string, number> = { 'g5.xlarge': 1.006, 'g6.xlarge': 0.8048 };
export const priceOf = (pool: Pool): number =>
  pool.market === 'on-demand' ? (ON_DEMAND_USD[pool.instanceType] ?? 0) : (SPOT_USD[pool.instanceType] ?? 0) * (1 + 0.03 * ZONES.indexOf(pool.availabilityZone));

/**
 * Builds the world at `startMs` with the fleet fulfilled. `tick()` runs one simulated minute: EC2 fulfils, agents
 * acknowledge drains after a minute, due replacement steps reach the rebalancer, the forecast scaler's need is
 * refreshed every 5 minutes (demand is flat), and the schedules run the cost-anomaly function every 5 minutes (when
 * `spendCheck`) and the rebalancer every 15.
 */
export const costAnomalyWorld = (startMs: number, options: { spendCheck: boolean }) => {
  const clock = new ManualClock(startMs);
  const fleet = new InMemoryFleet({
    fleets: [{
      fleetId: COST_FLEET.fleetId,
      totalTargetCapacity: NEED_UNITS,
      onDemandTargetCapacity: COST_FLEET.onDemandBaseUnits,
      defaultTargetCapacityType: 'spot',
      excessCapacityTerminationPolicy: 'termination',
      allocationStrategy: 'lowest-price',
      overrides: Object.keys(COST_FLEET.capacityUnitsByType).flatMap((instanceType) => ZONES.map((availabilityZone) => ({ instanceType, availabilityZone, weightedCapacity: 40 }))),
    }],
    priceUsdPerHour: priceOf,
    modifying: { clock, durationMs: 3_000 },
  });
  const prices = new InMemorySpotPrices();
  for (const instanceType of Object.keys(SPOT_USD)) for (const zone of ZONES) prices.setPrice(instanceType, zone, priceOf({ instanceType, availabilityZone: zone, market: 'spot' }), startMs - 86_400_000);
  const world = twinWorld({ startMs, fleets: [COST_FLEET], fleetSeeds: [], fleet, clock, spotPrices: prices });
  const costs = new InMemoryCostLedger();
  const { ledger, notifier, settings, logger, publisher, metrics } = world;
  const spendWatch = { fleet, prices, metrics, ledger, costs, publisher, logger, config: { fleets: [COST_FLEET], accountId: ACCOUNT, region: REGION, runIntervalSeconds: 300, spendWatch: DEFAULT_SPEND_WATCH, forecastFreshSeconds: 1_800 } };
  const costDeps: CostAnomalyFunctionDeps = {
    fleet, prices, ledger, metrics, costs, notifier, settings, clock, logger, spendWatch,
    config: { fleets: [COST_FLEET], globalDryRun: false, region: REGION, accountId: ACCOUNT, scaleInCooldownSeconds: 600, forecastRunIntervalSeconds: 300 },
  };
  const costHandler = makeCostAnomalyHandler(costDeps, silentLogger());
  const rebalanceHandler = makeRebalanceHandler(world.rebalanceDeps, silentLogger());
  const costRule = new ScheduleRule({ ruleName: 'cost-anomaly-spend-check', account: ACCOUNT, region: REGION, rateSeconds: 300, fromMs: startMs });
  const rebalanceRule = new ScheduleRule({ ruleName: 'rebalancer-schedule', account: ACCOUNT, region: REGION, rateSeconds: 900, fromMs: startMs });
  const drainSeenAt = new Map<string, number>();

  const live = () => fleet.instancesOf(COST_FLEET.fleetId).filter((i) => i.state === 'running' || i.state === 'pending');
  /** $/hour of the live instances, in total and per usage type (what billing would show). */
  const spend = (): { usdPerHour: number; byUsage: Map<string, number> } => {
    const byUsage = new Map<string, number>();
    for (const i of live()) {
      const usage = usageTypeOf(REGION, i.market, i.instanceType) ?? poolKey(i);
      byUsage.set(usage, (byUsage.get(usage) ?? 0) + priceOf(i));
    }
    return { usdPerHour: [...byUsage.values()].reduce((a, b) => a + b, 0), byUsage };
  };
  const invokeCost = async (event: unknown): Promise<void> => {
    await costHandler(event, CONTEXT);
  };
  const tick = async (): Promise<void> => {
    const nowMs = clock.nowMs();
    fleet.fulfil(nowMs);
    for (const i of live()) {
      if (i.tags[DRAIN_TAG] === undefined || i.tags[DRAINED_TAG] !== undefined) continue;
      const seen = drainSeenAt.get(i.instanceId) ?? nowMs;
      drainSeenAt.set(i.instanceId, seen);
      if (nowMs - seen >= 60_000) await fleet.createTags(i.instanceId, drainedTags(nowMs));
    }
    for (const s of world.checks.due(nowMs)) {
      await rebalanceHandler(replacementStepEvent({ name: s.name, atMs: s.atMs, account: ACCOUNT, region: REGION, detail: s.detail }), CONTEXT);
    }
    if (nowMs % 300_000 === 0) {
      // The cost remediation writes the forecast state too (its scale-ins count in the hourly budget): save over what is stored.
      const stored = await ledger.getForecastState(COST_FLEET.fleetId);
      await ledger.saveForecastState({ ...(stored ?? emptyForecastState(COST_FLEET.fleetId)), version: (stored?.version ?? 0) + 1, lastRunAtMs: nowMs, lastLeadUnits: NEED_UNITS });
    }
    for (let e = costRule.next(nowMs); e && options.spendCheck; e = costRule.next(nowMs)) await invokeCost(e);
    for (let e = rebalanceRule.next(nowMs); e; e = rebalanceRule.next(nowMs)) await rebalanceHandler(e, CONTEXT);
    fleet.fulfil(nowMs);
    clock.set(nowMs + 60_000);
  };
  return { clock, fleet, costs, ledger, notifier, logger, tick, spend, live, invokeCost };
};

export type CostAnomalyWorld = ReturnType<typeof costAnomalyWorld>;
