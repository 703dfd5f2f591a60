/** One fleet's audit: cost, $ per 1k requests, idle periods, over-provisioning, on-demand share, and what each would save. */
import { getInstanceType } from '../catalog/catalog';
import { unitsOf, type FleetConfig } from '../fleet';
import { forecastSettingsOf } from '../forecast/forecast-settings';
import type { AuditSettings, FleetAudit, FleetUsage, InstanceSpend, SavingKind } from './audit-types';
import { idlePeriodsOf } from './idle-periods';
import { dayOf } from './utc-day';

/** A saving before ranking: $ over the audited window. */
export interface FleetSaving {
  kind: SavingKind;
  windowUsd: number;
  evidence: string;
}

interface DayFigures {
  usd: number;
  unitHours: number;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const pct = (share: number): string => `${Math.round(share * 100)}%`;
const usd = (n: number): string => `$${n.toFixed(2)}`;

const daysOf = (fleet: FleetConfig, spend: readonly InstanceSpend[]): Map<string, DayFigures> => {
  const days = new Map<string, DayFigures>();
  for (const row of spend) {
    const day = days.get(row.day) ?? { usd: 0, unitHours: 0 };
    days.set(row.day, { usd: day.usd + row.usd, unitHours: day.unitHours + row.hours * unitsOf(fleet, row.instanceType) });
  }
  return days;
};

/** $/unit-hour Spot saves against on-demand: what this fleet paid for each, else the Spot advisor's average savings. */
const spotDiscountOf = (fleet: FleetConfig, spend: readonly InstanceSpend[]): number => {
  const of = (market: 'spot' | 'on-demand') => {
    const rows = spend.filter((r) => r.market === market);
    const unitHours = sum(rows.map((r) => r.hours * unitsOf(fleet, r.instanceType)));
    return unitHours > 0 ? sum(rows.map((r) => r.usd)) / unitHours : undefined;
  };
  const spot = of('spot');
  const onDemand = of('on-demand');
  if (spot !== undefined && onDemand !== undefined && onDemand > 0) return Math.max(0, 1 - spot / onDemand);
  const topOnDemand = [...spend].filter((r) => r.market === 'on-demand').sort((a, b) => b.usd - a.usd)[0];
  return (getInstanceType(topOnDemand?.instanceType ?? '')?.spotAdvisor?.savingsPct ?? 0) / 100;
};

/**
 * The savings stack in a fixed order so that they add up: idle hours first (capacity above the fleet's minimum while
 * its GPUs idle), then over-provisioning of the busy hours (utilization under the tier's target), then on-demand above
 * the base moved to Spot, on the cost that the first two leave.
 */
export const fleetFindings = (
  fleet: FleetConfig,
  spend: readonly InstanceSpend[],
  usage: FleetUsage | undefined,
  settings: AuditSettings,
  windowHours: number,
  sharedTypes: readonly string[],
): { audit: FleetAudit; savings: FleetSaving[] } => {
  const days = daysOf(fleet, spend);
  const costUsd = sum(spend.map((r) => r.usd));
  const unitHours = sum(spend.map((r) => r.hours * unitsOf(fleet, r.instanceType)));
  const onDemand = spend.filter((r) => r.market === 'on-demand');
  const onDemandShare = unitHours > 0 ? sum(onDemand.map((r) => r.hours * unitsOf(fleet, r.instanceType))) / unitHours : 0;
  const avgUnits = windowHours > 0 ? unitHours / windowHours : 0;
  const minShareOf = (units: number): number => (units > 0 ? Math.min(1, fleet.minCapacityUnits / units) : 1);

  const util = usage?.gpuUtilizationByHour ?? [];
  const idlePeriods = idlePeriodsOf(util, settings.idleUtilizationPercent, settings.minIdleHours);
  const isIdle = (atMs: number): boolean => idlePeriods.some((p) => atMs >= p.startMs && atMs < p.endMs);
  const hourUsd = (atMs: number): number => (days.get(dayOf(atMs))?.usd ?? 0) / 24;
  const idleHours = util.filter((p) => isIdle(p.atMs));
  const busy = util.filter((p) => !isIdle(p.atMs));
  const idleUsd = sum(idleHours.map((p) => hourUsd(p.atMs) * (1 - minShareOf((days.get(dayOf(p.atMs))?.unitHours ?? 0) / 24))));

  const targetPercent = forecastSettingsOf(fleet).targetUtilization * 100;
  const busyPercent = busy.length > 0 ? sum(busy.map((p) => p.value)) / busy.length : undefined;
  const overProvisioned = busyPercent !== undefined && busyPercent < targetPercent * (1 - settings.overProvisionTolerance);
  const busyUsd = sum(busy.map((p) => hourUsd(p.atMs)));
  const overShare = overProvisioned ? Math.max(0, Math.min(1 - (busyPercent ?? 0) / targetPercent, 1 - minShareOf(avgUnits))) : 0;
  const overUsd = busyUsd * overShare;

  const left = costUsd > 0 ? Math.max(0, costUsd - idleUsd - overUsd) / costUsd : 0;
  const baseShare = Math.min(1, avgUnits * left > 0 ? fleet.onDemandBaseUnits / (avgUnits * left) : 1);
  const excess = Math.max(0, onDemandShare - baseShare);
  const onDemandUsd = sum(onDemand.map((r) => r.usd));
  const discount = spotDiscountOf(fleet, spend);
  const spotUsd = onDemandShare > 0 ? onDemandUsd * left * (excess / onDemandShare) * discount : 0;

  const requests = sum(usage?.requestsByHour.map((p) => p.value) ?? []);
  const savings: FleetSaving[] = [];
  if (idleUsd > 0) {
    savings.push({ kind: 'idle-capacity', windowUsd: idleUsd, evidence: `${idleHours.length} idle hours in ${idlePeriods.length} periods (GPU under ${settings.idleUtilizationPercent}%) paid above the minimum capacity of ${fleet.minCapacityUnits} units` });
  }
  if (overUsd > 0) {
    savings.push({ kind: 'over-provisioning', windowUsd: overUsd, evidence: `busy-hour GPU utilization ${Math.round(busyPercent ?? 0)}% against the ${fleet.tier} tier's ${Math.round(targetPercent)}% target: ${pct(overShare)} of ${usd(busyUsd)} busy-hour spend not needed` });
  }
  if (spotUsd > 0) {
    savings.push({ kind: 'on-demand-to-spot', windowUsd: spotUsd, evidence: `on-demand ran ${pct(onDemandShare)} of the capacity, its base needs ${pct(baseShare)}; Spot costs ${pct(discount)} less per unit` });
  }
  const mean = (points: readonly { value: number }[]): number | undefined => (points.length > 0 ? sum(points.map((p) => p.value)) / points.length : undefined);
  const meanUtil = mean(util);
  return {
    audit: {
      fleetId: fleet.fleetId,
      name: fleet.name,
      costUsd,
      instanceHours: sum(spend.map((r) => r.hours)),
      onDemandUsd,
      onDemandShare,
      baseOnDemandShare: avgUnits > 0 ? Math.min(1, fleet.onDemandBaseUnits / avgUnits) : 0,
      requests,
      ...(requests > 0 ? { usdPer1kRequests: (costUsd / requests) * 1000 } : {}),
      ...(meanUtil !== undefined ? { meanGpuUtilizationPercent: meanUtil } : {}),
      ...(busyPercent !== undefined ? { busyGpuUtilizationPercent: busyPercent } : {}),
      targetUtilizationPercent: targetPercent,
      idlePeriods,
      idleHours: idleHours.length,
      overProvisioned,
      sharedTypes: [...sharedTypes].sort(),
    },
    savings,
  };
};
