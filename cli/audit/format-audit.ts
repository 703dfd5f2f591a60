/** The audit report as text: spend, per-fleet findings, unmanaged spend and the ranked savings. */
import type { AuditReport } from '../../layers/core/audit/audit-types';

const usd = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** $ per 1k requests of GPU inference is often under a cent: four decimals. */
const per1k = (n: number): string => `$${n.toFixed(4)}`;
const pct = (share: number): string => `${Math.round(share * 100)}%`;
const pad = (text: string, width: number): string => text.padEnd(width);

export const formatAudit = (report: AuditReport): string => {
  const { spend } = report;
  const lines = [
    `GPU fleet audit, ${report.startDay} to ${report.endDay} (exclusive), ${report.days} days, fleets in ${report.region}`,
    '',
    `EC2 instance spend: ${usd(spend.totalUsd)} (on-demand ${usd(spend.onDemandUsd)}, Spot ${usd(spend.spotUsd)})`,
    ...spend.byInstanceType.slice(0, 8).map((t) => `  ${pad(t.instanceType, 16)} ${pad(usd(t.usd), 14)} ${Math.round(t.hours).toLocaleString('en-US')} instance-hours`),
    `  by Region: ${spend.byRegion.map((r) => `${r.region} ${usd(r.usd)}`).join(', ')}`,
    ...(spend.estimatedDays.length > 0 ? [`  estimated by Cost Explorer (may still change): ${spend.estimatedDays.join(', ')}`] : []),
    '',
    `Baseline: ${report.baselineUsdPer1kRequests === undefined ? 'no requests counted' : `${per1k(report.baselineUsdPer1kRequests)} per 1,000 requests`}`,
    '',
  ];
  for (const f of report.fleets) {
    lines.push(
      `${f.name} (${f.fleetId})`,
      `  cost ${usd(f.costUsd)}, ${Math.round(f.instanceHours)} instance-hours, ${f.requests.toLocaleString('en-US')} requests` +
        (f.usdPer1kRequests === undefined ? '' : `, ${per1k(f.usdPer1kRequests)} per 1k`),
      `  GPU utilization: mean ${f.meanGpuUtilizationPercent === undefined ? 'n/a' : `${Math.round(f.meanGpuUtilizationPercent)}%`}, busy hours ` +
        `${f.busyGpuUtilizationPercent === undefined ? 'n/a' : `${Math.round(f.busyGpuUtilizationPercent)}%`} (target ${Math.round(f.targetUtilizationPercent)}%)` +
        (f.overProvisioned ? ': over-provisioned' : ''),
      `  idle: ${f.idleHours} hours in ${f.idlePeriods.length} periods; on-demand ${pct(f.onDemandShare)} of capacity (base ${pct(f.baseOnDemandShare)})`,
      ...(f.sharedTypes.length > 0 ? [`  shares ${f.sharedTypes.join(', ')} with another fleet: cost split by requests served`] : []),
    );
  }
  if (report.unmanaged.usd > 0) {
    lines.push('', `Outside the fleets: ${usd(report.unmanaged.usd)}`, ...report.unmanaged.byInstanceType.slice(0, 5).map((u) => `  ${u.region} ${u.instanceType}: ${usd(u.usd)}`));
  }
  lines.push('', `Savings, ranked (${usd(report.totalSavingsUsdPerMonth)}/month in all):`);
  if (report.savings.length === 0) lines.push('  none found');
  for (const s of report.savings) {
    lines.push(`  ${s.rank}. ${usd(s.usdPerMonth)}/month  ${s.fleetName}: ${s.kind}`, `     ${s.evidence}`, `     captured by: ${s.feature}`);
  }
  return `${lines.join('\n')}\n`;
};
