/** The window's instance spend broken down by instance type, Region, day and market. */
import type { AuditReport, BillingRow, InstanceSpend } from './audit-types';

const totalsBy = <K extends string>(rows: readonly InstanceSpend[], keyOf: (r: InstanceSpend) => K): Map<K, { usd: number; hours: number }> => {
  const out = new Map<K, { usd: number; hours: number }>();
  for (const r of rows) {
    const t = out.get(keyOf(r)) ?? { usd: 0, hours: 0 };
    out.set(keyOf(r), { usd: t.usd + r.usd, hours: t.hours + r.hours });
  }
  return out;
};

/** Types and Regions largest first; days in order, every day of the window listed (a day without spend as $0). */
export const spendBreakdown = (spend: readonly InstanceSpend[], billing: readonly BillingRow[], windowDays: readonly string[]): AuditReport['spend'] => {
  const byDay = totalsBy(spend, (r) => r.day);
  return {
    totalUsd: spend.reduce((s, r) => s + r.usd, 0),
    byInstanceType: [...totalsBy(spend, (r) => r.instanceType)].map(([instanceType, t]) => ({ instanceType, ...t })).sort((a, b) => b.usd - a.usd),
    byRegion: [...totalsBy(spend, (r) => r.region)].map(([region, t]) => ({ region, usd: t.usd })).sort((a, b) => b.usd - a.usd),
    byDay: windowDays.map((day) => ({ day, usd: byDay.get(day)?.usd ?? 0 })),
    spotUsd: spend.filter((r) => r.market === 'spot').reduce((s, r) => s + r.usd, 0),
    onDemandUsd: spend.filter((r) => r.market === 'on-demand').reduce((s, r) => s + r.usd, 0),
    estimatedDays: [...new Set(billing.filter((r) => r.estimated).map((r) => r.day))].sort(),
  };
};
