/** The forecast, its bounds, the planned and actual capacity as CloudWatch metrics: the dashboard's forecast vs actual. */
import type { FleetConfig } from '../core/fleet';
import type { CapacityPlan } from '../core/forecast/capacity-plan-types';
import type { MetricDatum } from '../ports/metric-publisher-port';

/**
 * One datum per metric and run. The forecast of the step in progress (`ForecastDemandQps`, `ForecastUpperQps`) is
 * stamped with that step's start, so on a graph it lines up with `ObservedDemandQps` of the same step; publishing
 * every future step at each run would have CloudWatch average the forecasts of several runs into one point.
 */
export const forecastMetrics = (input: {
  fleet: FleetConfig;
  nowMs: number;
  plan: CapacityPlan;
  targetUnits: number;
  observedQps: number | undefined;
  driftRatio: number | undefined;
}): MetricDatum[] => {
  const dimensions = { Fleet: input.fleet.name };
  const data: MetricDatum[] = [
    { name: 'TargetCapacityUnits', dimensions, timestampMs: input.nowMs, value: input.targetUnits, unit: 'Count' },
    { name: 'PlannedCapacityUnits', dimensions, timestampMs: input.nowMs, value: input.plan.leadUnits, unit: 'Count' },
    { name: 'NeededNowCapacityUnits', dimensions, timestampMs: input.nowMs, value: input.plan.neededNowUnits, unit: 'Count' },
  ];
  const current = input.plan.steps[0];
  if (current) {
    data.push(
      { name: 'ForecastDemandQps', dimensions, timestampMs: current.atMs, value: current.demandQps, unit: 'Count/Second' },
      { name: 'ForecastUpperQps', dimensions, timestampMs: current.atMs, value: current.upperQps, unit: 'Count/Second' },
    );
  }
  if (input.observedQps !== undefined) data.push({ name: 'ObservedDemandQps', dimensions, timestampMs: input.nowMs, value: input.observedQps, unit: 'Count/Second' });
  if (input.driftRatio !== undefined) data.push({ name: 'ForecastDriftRatio', dimensions, timestampMs: input.nowMs, value: input.driftRatio, unit: 'None' });
  return data.filter((d) => Number.isFinite(d.value));
};
