// The lines under the policy table: instance-hours per policy, price sources per pool, lost requests, a repeated trace.
import type { Market } from '../../layers/core/fleet';
import type { PriceSource } from '../model/market';
import type { SimulationReport } from '../model/report';
import { formatCount, formatDays, formatHours, formatUsd } from './figure-format';

type InstanceHours = SimulationReport['oracle']['instanceHours'];

/** Code-unit order, not the locale's: the same report prints the same text on every machine. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `p3.2xlarge on-demand 1,680.0 h ($5,140.80), g5.xlarge spot 12.3 h ($4.10)`, largest first. */
export const instanceHoursSummary = (hours: InstanceHours): string => {
  if (hours.length === 0) return 'no instance-hours';
  return [...hours]
    .sort((a, b) => b.hours - a.hours || byText(a.instanceType, b.instanceType) || byText(a.market, b.market))
    .map((h) => `${h.instanceType} ${h.market} ${formatHours(h.hours)} (${formatUsd(h.usd)})`)
    .join(', ');
};

/** Pools that share a type, a market and a price source, with their Availability Zones. */
export interface PriceSourceGroup {
  instanceType: string;
  market: Market;
  source: PriceSource;
  availabilityZones: string[];
}

/** The report's pools grouped so that a 6-AZ region reads as one line per type and market, sorted. */
export const priceSourceGroups = (report: SimulationReport): PriceSourceGroup[] => {
  const groups = new Map<string, PriceSourceGroup>();
  for (const pool of report.priceSources) {
    const key = `${pool.instanceType}\u0000${pool.market}\u0000${pool.source}`;
    const group = groups.get(key) ?? { instanceType: pool.instanceType, market: pool.market, source: pool.source, availabilityZones: [] };
    group.availabilityZones.push(pool.availabilityZone);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, availabilityZones: [...new Set(g.availabilityZones)].sort() }))
    .sort((a, b) => byText(a.instanceType, b.instanceType) || byText(a.market, b.market) || byText(a.source, b.source));
};

/** One sentence per policy that lost requests (the autopilot MUST lose none); empty when none did. */
export const lostRequestNotes = (report: SimulationReport): string[] =>
  report.policies
    .filter((p) => p.requests.lost > 0)
    .map((p) => `${p.policy} lost ${formatCount(p.requests.lost)} of ${formatCount(p.requests.arrived)} requests (must be 0)`);

/** Says the trace was shorter than the run and was repeated; undefined when it covered the run. */
export const repeatedTraceNote = (report: SimulationReport): string | undefined =>
  report.scenario.traceRepeated
    ? `the trace ${report.scenario.traceSource} is shorter than the run (${formatDays(report.scenario.days)}): it was repeated to cover it`
    : undefined;
