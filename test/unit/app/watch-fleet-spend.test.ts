// The spend-rate check on twins: samples saved, spend metrics published, an anomaly after the sustain time, failures contained.
import { describe, expect, it } from 'vitest';
import { watchFleetSpend, type SpendWatchDeps } from '../../../layers/app/watch-fleet-spend';
import { DEFAULT_SPEND_WATCH } from '../../../layers/core/cost/detect-spend-anomaly';
import type { FleetConfig } from '../../../layers/core/fleet';
import { emptyForecastState } from '../../../layers/core/forecast/forecast-state';
import { FleetApiError } from '../../../layers/ports/fleet-port';
import { InMemoryCostLedger } from '../../../layers/twins/in-memory-cost-ledger';
import { InMemoryFleet, type InstanceSeed } from '../../../layers/twins/in-memory-fleet';
import { InMemoryLedger } from '../../../layers/twins/in-memory-ledger';
import { InMemoryMetricPublisher } from '../../../layers/twins/in-memory-metric-publisher';
import { InMemoryMetrics } from '../../../layers/twins/in-memory-metrics';
import { InMemorySpotPrices } from '../../../layers/twins/in-memory-spot-prices';
import { ManualClock } from '../../../layers/twins/manual-clock';
import { RecordingLogger } from '../../../layers/twins/recording-logger';
import { seedFleet } from '../../helpers/rebalance-factories';

const T0 = Date.UTC(2026, 10, 28, 14, 0);
const MINUTE = 60_000;
/** g5.xlarge only, 40 units each, 80 units on demand: 400 units cost 2 x $1.006 + 8 x $0.40 = $5.212/h. */
const FLEET: FleetConfig = seedFleet({ fleetId: 'fleet-6f2a9c4e-1d3b-4a7e-9b2c-8e5f7a1d0c3b', name: 'bert-large-prod', tier: 'standard', capacityUnitsByType: { 'g5.xlarge': 40 }, minCapacityUnits: 80, onDemandBaseUnits: 80 });
const OTHER: FleetConfig = { ...FLEET, fleetId: 'fleet-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', name: 'reranker-prod' };

const seeds = (fleetId: string, onDemand: number, spot: number): InstanceSeed[] =>
  Array.from({ length: onDemand + spot }, (_, i) => ({
    instanceId: `i-0${fleetId.slice(6, 10)}${String(i).padStart(12, '0')}`,
    instanceType: 'g5.xlarge',
    availabilityZone: 'us-east-1a',
    market: i < onDemand ? ('on-demand' as const) : ('spot' as const),
    fleetId,
    launchTimeMs: T0 - 3_600_000,
  }));

const world = (instances: InstanceSeed[], fleets: FleetConfig[] = [FLEET]) => {
  const clock = new ManualClock(T0);
  const prices = new InMemorySpotPrices();
  prices.setPrice('g5.xlarge', 'us-east-1a', 0.4, T0 - 2 * 3_600_000);
  const ledger = new InMemoryLedger();
  const costs = new InMemoryCostLedger();
  const publisher = new InMemoryMetricPublisher(clock);
  const logger = new RecordingLogger();
  const deps: SpendWatchDeps = {
    fleet: new InMemoryFleet({ instances }),
    prices,
    metrics: new InMemoryMetrics(),
    ledger,
    costs,
    publisher,
    logger,
    config: { fleets, accountId: '123456789012', region: 'us-east-1', runIntervalSeconds: 300, spendWatch: DEFAULT_SPEND_WATCH, forecastFreshSeconds: 1800 },
  };
  const forecastNeed = async (fleetId: string, units: number, atMs: number) =>
    ledger.saveForecastState({ ...emptyForecastState(fleetId), version: 1, lastRunAtMs: atMs, lastLeadUnits: units });
  return { clock, deps, costs, publisher, logger, forecastNeed };
};

describe('watchFleetSpend', () => {
  it('saves a sample and publishes the spend rate with its band at every run', async () => {
    // Prepare
    const w = world(seeds(FLEET.fleetId, 2, 8));
    await w.forecastNeed(FLEET.fleetId, 400, T0 - MINUTE);
    // Act
    const anomalies = await watchFleetSpend(w.deps, T0);
    // Assess
    expect(anomalies).toEqual([]);
    expect(w.costs.samples()).toMatchObject([{ fleetId: FLEET.fleetId, atMs: T0, intervalSeconds: 300, liveUnits: 400, spendUsdPerHour: expect.closeTo(5.212, 9) }]);
    expect(w.publisher.published().map((d) => [d.name, d.value, d.dimensions.Fleet])).toEqual([
      ['SpendRateUsdPerHour', expect.closeTo(5.212, 9), 'bert-large-prod'],
      ['ExpectedSpendUsdPerHour', expect.closeTo(5.212, 9), 'bert-large-prod'],
      ['SpendBandUpperUsdPerHour', expect.closeTo(5.212 * 1.25 + 1.006, 9), 'bert-large-prod'],
    ]);
  });

  it('raises one anomaly for on-demand left on, 15 minutes after it was first seen, until its incident is recorded', async () => {
    // Prepare: ten on demand ($10.06/h) against an upper band of $7.521/h
    const w = world(seeds(FLEET.fleetId, 10, 0));
    await w.forecastNeed(FLEET.fleetId, 400, T0 - MINUTE);
    const raised: string[][] = [];
    // Act
    for (let run = 0; run <= 6; run += 1) {
      const anomalies = await watchFleetSpend(w.deps, T0 + run * 5 * MINUTE);
      raised.push(anomalies.map((a) => a.anomalyId));
      // The cost-anomaly use case records the incident of the second delivery only.
      for (const anomaly of run === 4 ? anomalies : []) {
        await w.costs.saveCostIncident({ anomalyId: anomaly.anomalyId, version: 1, anomaly, fleetIds: [FLEET.fleetId], openedAtMs: anomaly.receivedAtMs, updatedAtMs: anomaly.receivedAtMs, impactUsd: anomaly.impact.totalImpactUsd, status: 'open', remediations: [] });
      }
    }
    // Assess
    const id = `spend-rate:${FLEET.fleetId}:2026-11-28T14:00:00.000Z`;
    expect(raised).toEqual([[], [], [], [id], [id], [], []]);
    expect(await w.costs.getSpendWatch(FLEET.fleetId)).toMatchObject({ version: 7, outsideSinceMs: T0, openAnomalyId: id });
  });

  it('judges by observed demand over the target utilization when the forecast is stale', async () => {
    // Prepare: 170 QPS / 0.85 = 200 units needed, so ten instances (400 units) are twice the need
    const w = world(seeds(FLEET.fleetId, 2, 8));
    await w.forecastNeed(FLEET.fleetId, 400, T0 - 2 * 3_600_000);
    (w.deps.metrics as InMemoryMetrics).put(FLEET.queueUrls[0] ?? '', T0 - 3 * MINUTE, 170 * 300);
    // Act
    await watchFleetSpend(w.deps, T0);
    // Assess
    expect(w.publisher.published({ name: 'ExpectedSpendUsdPerHour' })[0]?.value).toBeCloseTo(80 * 0.02515 + 120 * 0.01, 9);
  });

  it('still watches the other fleets when one fails, and prices Spot from the advisor when prices fail', async () => {
    // Prepare
    const w = world([...seeds(FLEET.fleetId, 2, 8), ...seeds(OTHER.fleetId, 2, 8)], [FLEET, OTHER]);
    (w.deps.fleet as InMemoryFleet).failNext('listFleetInstances', new FleetApiError('listing instances: RequestLimitExceeded', 'RequestLimitExceeded', true));
    (w.deps.prices as InMemorySpotPrices).failNext('throttling');
    // Act
    await watchFleetSpend(w.deps, T0);
    // Assess
    expect(w.costs.samples().map((s) => s.fleetId)).toEqual([OTHER.fleetId]);
    expect(w.logger.lines.filter((l) => l.level !== 'info').map((l) => [l.level, l.message, l.extra?.fleetId])).toEqual([
      ['warn', 'spend watch: Spot prices unavailable, pricing Spot from the advisor', undefined],
      ['error', 'spend watch: fleet skipped', FLEET.fleetId],
    ]);
  });
});
