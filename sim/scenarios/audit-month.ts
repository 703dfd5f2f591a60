/** A scripted month of a team's fleets before the autopilot, written into the Cost Explorer and CloudWatch usage twins. */
import type { FleetConfig } from '../../layers/core/fleet';
import { getInstanceType } from '../../layers/core/catalog/catalog';
import { addDays, dayStartMs } from '../../layers/core/audit/utc-day';
import { catalogCapacity } from '../../layers/platform/catalog-capacity';
import { parseFleetsFile } from '../../layers/platform/fleets-file';
import type { InMemoryCostExplorer } from '../../layers/twins/in-memory-cost-explorer';
import type { InMemoryUsageMetrics } from '../../layers/twins/in-memory-usage-metrics';

const HOUR_MS = 3_600_000;

/** Two fleets a team might run on its first day: a standard-tier BERT-large fleet and a batch reranker. */
export const AUDIT_FLEETS_YAML = `
fleets:
  - fleetId: fleet-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
    name: bert-large-prod
    tier: standard
    model: { name: bert-large, precision: fp16, sequenceLength: 128 }
    sloP99Ms: 100
    queueUrls: [https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-requests]
    instanceTypes: [g5.xlarge]
    minCapacityUnits: 100
    maxCapacityUnits: 6000
    onDemandBaseUnits: 100
    launchLeadTimeSeconds: 420
    slackChannel: "#gpu-oncall"
  - fleetId: fleet-1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e
    name: reranker-batch
    tier: batch
    model: { name: bert-base, precision: int8, sequenceLength: 128 }
    sloP99Ms: 2000
    queueUrls: [https://sqs.us-east-1.amazonaws.com/123456789012/reranker-requests]
    instanceTypes: [g6.xlarge]
    minCapacityUnits: 0
    maxCapacityUnits: 20000
    onDemandBaseUnits: 0
    launchLeadTimeSeconds: 300
    slackChannel: "#gpu-oncall"
`;

export const auditScenarioFleets = (): FleetConfig[] => parseFleetsFile(AUDIT_FLEETS_YAML, 'the audit scenario', catalogCapacity);

/**
 * How each fleet was run: the first one (and every other one) the way most teams start, on-demand instances sized for
 * the peak day and night; the others following demand on 70% Spot, at the tier's target utilization.
 */
export type FleetHabit = 'static-peak-on-demand' | 'follows-demand-spot';
export const habitOf = (index: number): FleetHabit => (index % 2 === 0 ? 'static-peak-on-demand' : 'follows-demand-spot');

/** Demand as a share of the peak at `ms`: a diurnal curve peaking at 15:00 UTC, nights near zero, weekends at 40%. */
export const demandShareAt = (ms: number): number => {
  const date = new Date(ms);
  const hour = date.getUTCHours();
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  const daytime = hour >= 6 && hour < 23 ? Math.sin((Math.PI * (hour - 6)) / 17) : 0;
  return Math.max(0.01, daytime) * (weekend ? 0.4 : 1);
};

export interface AuditMonthOptions {
  fleets: readonly FleetConfig[];
  region: string;
  /** The day after the month (exclusive). */
  endDay: string;
  days: number;
}

const priceOf = (instanceType: string, market: 'spot' | 'on-demand'): number => {
  const spec = getInstanceType(instanceType);
  const onDemand = spec?.onDemandUsdPerHour ?? 1;
  return market === 'spot' ? onDemand * (1 - (spec?.spotAdvisor?.savingsPct ?? 60) / 100) : onDemand;
};

/**
 * Writes the month hour by hour: requests served (SQS deletions), fleet GPU utilization and the bill. Every fleet's
 * peak is 60% of its maximum capacity. Ten days of a forgotten on-demand p3.2xlarge in us-west-2 sit outside the fleets.
 */
export const scriptAuditMonth = (options: AuditMonthOptions, costs: InMemoryCostExplorer, usage: InMemoryUsageMetrics): void => {
  const startMs = dayStartMs(addDays(options.endDay, -options.days));
  options.fleets.forEach((fleet, index) => {
    const [type = 'g5.xlarge', units = 1] = Object.entries(fleet.capacityUnitsByType).sort(([, a], [, b]) => b - a)[0] ?? [];
    const peakQps = 0.6 * fleet.maxCapacityUnits;
    const habit = habitOf(index);
    const target = habit === 'static-peak-on-demand' ? 0.5 : 0.75;
    const staticInstances = Math.ceil(peakQps / (units * target));
    for (let at = startMs; at < startMs + options.days * 86_400_000; at += HOUR_MS) {
      const qps = peakQps * demandShareAt(at);
      const instances = habit === 'static-peak-on-demand' ? staticInstances : Math.max(1, Math.ceil(qps / (units * target)));
      const spot = habit === 'static-peak-on-demand' ? 0 : Math.round(instances * 0.7);
      const line = { region: options.region, instanceType: type, startMs: at, endMs: at + HOUR_MS };
      if (instances - spot > 0) costs.recordUsage({ ...line, market: 'on-demand', instances: instances - spot, usdPerHour: priceOf(type, 'on-demand') });
      if (spot > 0) costs.recordUsage({ ...line, market: 'spot', instances: spot, usdPerHour: priceOf(type, 'spot') });
      for (const url of fleet.queueUrls) usage.recordServed(url, at, Math.round((qps * 3600) / fleet.queueUrls.length), 'sqs-deleted');
      usage.recordGpuUtilization(fleet.fleetId, at, Math.min(100, (100 * qps) / (instances * units)));
    }
  });
  const forgotten = { region: 'us-west-2', instanceType: 'p3.2xlarge', market: 'on-demand' as const, instances: 1, usdPerHour: priceOf('p3.2xlarge', 'on-demand') };
  costs.recordUsage({ ...forgotten, startMs, endMs: startMs + 10 * 86_400_000 });
};
