/** A fleet's day as CloudWatch metrics (namespace GpuFleetAutopilot, dimension Fleet): what the dashboard graphs per day. */
import type { DailyCost } from '../core/cost/daily-cost';
import type { MetricDatum, MetricUnit } from '../ports/metric-publisher-port';

/**
 * The daily metrics, stamped with the day's midnight. A re-run of the same day publishes the same values at the same
 * timestamp, which CloudWatch aggregates into one datapoint: the dashboard reads them with `Maximum` (not `Sum`) so a
 * retried report does not count twice. An unknown figure ($ per 1k without requests) is not published rather than 0.
 *
 * - DailyCostUsd, DailySpotCostUsd, DailyOnDemandCostUsd: the day's cost from the spend samples.
 * - CostPer1kRequestsUsd, RequestsServed: cost over requests served (agent Served or SQS deletions).
 * - GpuUtilizationPercent, IdleGpuHours, GpuHours: the fleet's mean GPU utilization and GPU-hours in idle periods.
 * - SpotSharePercent: Spot instance-hours over all instance-hours.
 * - Interruptions, ActionsApplied, SloAttainmentPercent, AutopilotSavingsUsd.
 */
export const costReportMetrics = (day: DailyCost, dayStartMs: number): MetricDatum[] => {
  const dimensions = { Fleet: day.fleetName };
  const datum = (name: string, value: number | undefined, unit: MetricUnit): MetricDatum[] =>
    value === undefined || !Number.isFinite(value) ? [] : [{ name, dimensions, timestampMs: dayStartMs, value, unit }];
  return [
    ...datum('DailyCostUsd', day.usd, 'None'),
    ...datum('DailySpotCostUsd', day.spotUsd, 'None'),
    ...datum('DailyOnDemandCostUsd', day.onDemandUsd, 'None'),
    ...datum('CostPer1kRequestsUsd', day.usdPer1kRequests, 'None'),
    ...datum('RequestsServed', day.requests, 'Count'),
    ...datum('GpuUtilizationPercent', day.gpuUtilizationPercent, 'Percent'),
    ...datum('GpuHours', day.gpuHours, 'None'),
    ...datum('IdleGpuHours', day.idleGpuHours, 'None'),
    ...datum('SpotSharePercent', day.spotShare * 100, 'Percent'),
    ...datum('Interruptions', day.interruptions, 'Count'),
    ...datum('ActionsApplied', day.actionsApplied, 'Count'),
    ...datum('SloAttainmentPercent', day.sloAttainmentPercent, 'Percent'),
    ...datum('AutopilotSavingsUsd', day.savingsUsd, 'None'),
  ];
};
