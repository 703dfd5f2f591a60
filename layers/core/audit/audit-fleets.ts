/** The audit of a team's fleets from their bills and their metrics: spend, $ per 1k requests, waste, ranked savings. */
import { attributeSpend, instanceSpendOf } from './attribute-spend';
import { DEFAULT_AUDIT_SETTINGS, type AuditInput, type AuditReport } from './audit-types';
import { fleetFindings } from './fleet-findings';
import { rankSavings } from './rank-savings';
import { spendBreakdown } from './spend-breakdown';
import { addDays, dayStartMs } from './utc-day';

/**
 * Pure: the same bills and metrics give the same report. Savings are per fleet, stacked so that they add up, scaled
 * to a 730-hour month and ranked.
 *
 * @example
 * const report = auditFleets({ fleets, region: 'us-east-1', startDay: '2026-10-30', endDay: '2026-11-29', billing, usage });
 * report.savings[0]; // { rank: 1, kind: 'idle-capacity', fleetName: 'bert-large-prod', usdPerMonth: 1843.2, feature: 'GPU alarms …', … }
 */
export const auditFleets = (input: AuditInput): AuditReport => {
  const settings = { ...DEFAULT_AUDIT_SETTINGS, ...input.settings };
  const days = Math.max(0, Math.round((dayStartMs(input.endDay) - dayStartMs(input.startDay)) / 86_400_000));
  const windowDays = Array.from({ length: days }, (_, i) => addDays(input.startDay, i));
  const windowHours = days * 24;
  const spend = instanceSpendOf(input.billing).filter((r) => r.day >= input.startDay && r.day < input.endDay);
  const attributed = attributeSpend(spend, input.fleets, input.region, input.usage);
  const perFleet = input.fleets.map((fleet) => ({
    fleet,
    ...fleetFindings(
      fleet,
      attributed.byFleet.get(fleet.fleetId) ?? [],
      input.usage.find((u) => u.fleetId === fleet.fleetId),
      settings,
      windowHours,
      [...(attributed.sharedTypes.get(fleet.fleetId) ?? [])],
    ),
  }));
  const savings = rankSavings(perFleet, windowHours);
  const fleetUsd = perFleet.reduce((s, f) => s + f.audit.costUsd, 0);
  const requests = perFleet.reduce((s, f) => s + f.audit.requests, 0);
  const unmanaged = new Map<string, { instanceType: string; region: string; usd: number }>();
  for (const r of attributed.unmanaged) {
    const key = `${r.region} ${r.instanceType}`;
    unmanaged.set(key, { instanceType: r.instanceType, region: r.region, usd: (unmanaged.get(key)?.usd ?? 0) + r.usd });
  }
  return {
    region: input.region,
    startDay: input.startDay,
    endDay: input.endDay,
    days,
    spend: spendBreakdown(spend, input.billing, windowDays),
    unmanaged: {
      usd: attributed.unmanaged.reduce((s, r) => s + r.usd, 0),
      byInstanceType: [...unmanaged.values()].sort((a, b) => b.usd - a.usd),
    },
    fleets: perFleet.map((f) => f.audit),
    ...(requests > 0 ? { baselineUsdPer1kRequests: (fleetUsd / requests) * 1000 } : {}),
    savings,
    totalSavingsUsdPerMonth: Math.round(savings.reduce((s, x) => s + x.usdPerMonth, 0) * 100) / 100,
  };
};
