// The dashboard's data: one datum per metric and run, the forecast stamped at its step so it lines up with the actual.
import { describe, expect, it } from 'vitest';
import { forecastMetrics } from '../../../layers/app/publish-forecast-metrics';
import { planCapacity } from '../../../layers/core/forecast/capacity-plan';
import { aForecast, aPlanInput, flat, noForecast, NOW_MS } from '../../helpers/capacity-plan-factories';
import { aFleet, T0_MS } from '../../helpers/spot-factories';

const FLEET = { Fleet: 'bert-large-search' };

describe('forecastMetrics', () => {
  it('publishes target, planned and needed capacity now, and the forecast and its upper bound at the step in progress', () => {
    // Prepare: a flat 1000 QPS forecast with a 100 QPS error spread (p95: +164.5 QPS)
    const plan = planCapacity(aPlanInput({ forecast: aForecast(flat(1000), 100), observedQps: 990 }));

    // Act
    const data = forecastMetrics({ fleet: aFleet(), nowMs: NOW_MS, plan, targetUnits: 1200, observedQps: 990, driftRatio: 0.7 });

    // Assess
    expect(data).toEqual([
      { name: 'TargetCapacityUnits', dimensions: FLEET, timestampMs: NOW_MS, value: 1200, unit: 'Count' },
      { name: 'PlannedCapacityUnits', dimensions: FLEET, timestampMs: NOW_MS, value: plan.leadUnits, unit: 'Count' },
      { name: 'NeededNowCapacityUnits', dimensions: FLEET, timestampMs: NOW_MS, value: plan.neededNowUnits, unit: 'Count' },
      { name: 'ForecastDemandQps', dimensions: FLEET, timestampMs: T0_MS, value: 1000, unit: 'Count/Second' },
      { name: 'ForecastUpperQps', dimensions: FLEET, timestampMs: T0_MS, value: expect.closeTo(1164.49, 1), unit: 'Count/Second' },
      { name: 'ObservedDemandQps', dimensions: FLEET, timestampMs: NOW_MS, value: 990, unit: 'Count/Second' },
      { name: 'ForecastDriftRatio', dimensions: FLEET, timestampMs: NOW_MS, value: 0.7, unit: 'None' },
    ]);
    expect(plan.leadUnits).toBe(Math.ceil(1164.49 / 0.8));
  });

  it('publishes only the capacity when there is no forecast, no observed load and no drift yet', () => {
    // Prepare
    const plan = planCapacity(aPlanInput({ forecast: noForecast(), observedQps: undefined }));

    // Act
    const data = forecastMetrics({ fleet: aFleet(), nowMs: NOW_MS, plan, targetUnits: 1000, observedQps: undefined, driftRatio: undefined });

    // Assess
    expect(data.map((d) => d.name)).toEqual(['TargetCapacityUnits', 'PlannedCapacityUnits', 'NeededNowCapacityUnits']);
  });

  it('never publishes a value CloudWatch would refuse (NaN or infinite)', () => {
    // Prepare
    const plan = planCapacity(aPlanInput());

    // Act
    const data = forecastMetrics({ fleet: aFleet(), nowMs: NOW_MS, plan, targetUnits: Number.NaN, observedQps: Number.POSITIVE_INFINITY, driftRatio: Number.NaN });

    // Assess
    expect(data.map((d) => d.name)).toEqual(['PlannedCapacityUnits', 'NeededNowCapacityUnits', 'ForecastDemandQps', 'ForecastUpperQps']);
  });

  it('names the fleet by its name, so the dashboard reads like the fleets file', () => {
    // Act
    const data = forecastMetrics({ fleet: aFleet({ name: 'reranker-eu' }), nowMs: NOW_MS, plan: planCapacity(aPlanInput()), targetUnits: 1, observedQps: 1, driftRatio: 1 });

    // Assess
    expect(new Set(data.map((d) => JSON.stringify(d.dimensions)))).toEqual(new Set(['{"Fleet":"reranker-eu"}']));
  });
});
