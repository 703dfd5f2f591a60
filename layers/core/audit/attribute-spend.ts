/** Billing rows to instance spend, and instance spend to the fleets that run those types in the audited Region. */
import { candidateTypes, type FleetConfig } from '../fleet';
import { parseUsageType } from '../cost/usage-type';
import type { BillingRow, FleetUsage, InstanceSpend } from './audit-types';
import { dayOf } from './utc-day';

/**
 * The instance-hours rows, read (`SpotUsage:g5.xlarge` -> spot g5.xlarge); other usage types (EBS, reservation fees,
 * Dedicated Hosts) are not instance-hours a fleet scales, and are left out. Cost Explorer's REGION wins over the
 * usage type's prefix, which it always agrees with for instance usage.
 *
 * @example
 * instanceSpendOf([{ day: '2026-11-02', region: 'us-east-1', usageType: 'SpotUsage:g5.xlarge', usd: 29.5, quantity: 72, estimated: false }]);
 * // [{ day: '2026-11-02', region: 'us-east-1', instanceType: 'g5.xlarge', market: 'spot', usd: 29.5, hours: 72 }]
 */
export const instanceSpendOf = (rows: readonly BillingRow[]): InstanceSpend[] =>
  rows.flatMap((row) => {
    const usage = parseUsageType(row.usageType);
    if (!usage) return [];
    const region = row.region || usage.region || 'unknown';
    return [{ day: row.day, region, instanceType: usage.instanceType, market: usage.market, usd: row.usd, hours: row.quantity }];
  });

/** Each fleet's share of one row, by the fleets' requests that day (equal shares when none was counted). */
export interface AttributedSpend {
  byFleet: Map<string, InstanceSpend[]>;
  unmanaged: InstanceSpend[];
  /** Per fleet, the types it shares with another fleet. */
  sharedTypes: Map<string, Set<string>>;
}

const requestsByDay = (usage: readonly FleetUsage[]): Map<string, Map<string, number>> => {
  const out = new Map<string, Map<string, number>>();
  for (const u of usage) {
    const days = new Map<string, number>();
    for (const p of u.requestsByHour) days.set(dayOf(p.atMs), (days.get(dayOf(p.atMs)) ?? 0) + p.value);
    out.set(u.fleetId, days);
  }
  return out;
};

/**
 * Cost Explorer does not know fleets: a row goes to the fleets of the audited Region that list its instance type.
 * Two fleets on the same type share the row by their requests served that day, the best proxy for their instance-hours
 * that needs no tags; the report names the types so split.
 */
export const attributeSpend = (spend: readonly InstanceSpend[], fleets: readonly FleetConfig[], region: string, usage: readonly FleetUsage[]): AttributedSpend => {
  const byFleet = new Map<string, InstanceSpend[]>(fleets.map((f) => [f.fleetId, []]));
  const sharedTypes = new Map<string, Set<string>>(fleets.map((f) => [f.fleetId, new Set<string>()]));
  const requests = requestsByDay(usage);
  const unmanaged: InstanceSpend[] = [];
  for (const row of spend) {
    const owners = row.region === region ? fleets.filter((f) => candidateTypes(f).includes(row.instanceType)) : [];
    if (owners.length === 0) {
      unmanaged.push(row);
      continue;
    }
    const weights = owners.map((f) => requests.get(f.fleetId)?.get(row.day) ?? 0);
    const total = weights.reduce((a, b) => a + b, 0);
    owners.forEach((fleet, i) => {
      const share = total > 0 ? (weights[i] ?? 0) / total : 1 / owners.length;
      if (owners.length > 1) sharedTypes.get(fleet.fleetId)?.add(row.instanceType);
      if (share > 0) byFleet.get(fleet.fleetId)?.push({ ...row, usd: row.usd * share, hours: row.hours * share });
    });
  }
  return { byFleet, unmanaged, sharedTypes };
};
