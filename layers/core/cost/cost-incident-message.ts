/** The Slack message of a cost incident, rendered from the incident as the ledger keeps it (one message per anomaly id). */
import type { ChatMessage } from '../chat-message';
import { noticeMessage } from '../notice-message';
import type { CostIncident, CostRemediationRecord } from './cost-incident';

const usd = (n: number): string => `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const perHour = (n: number): string => `$${n.toFixed(2)}/h`;
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const OUTCOME: Record<CostRemediationRecord['outcome'], string> = {
  executed: 'Done',
  recommended: 'Recommended',
  blocked: 'Held',
  'dry-run': 'Would have done (dry-run)',
};

/** The latest record per fleet and kind: a re-sent anomaly appends, the message shows where each stands. */
const latest = (records: readonly CostRemediationRecord[]): CostRemediationRecord[] => {
  const byKey = new Map<string, CostRemediationRecord>();
  for (const r of records) byKey.set(`${r.fleetId}#${r.kind}`, r);
  return [...byKey.values()];
};

const remediationLine = (r: CostRemediationRecord, names: ReadonlyMap<string, string>): string => {
  const change = r.usdPerHourAfter === r.usdPerHourBefore ? '' : ` (${perHour(r.usdPerHourBefore)} -> ${perHour(r.usdPerHourAfter)})`;
  return `• ${OUTCOME[r.outcome]}: ${names.get(r.fleetId) ?? r.fleetId} ${r.kind}${change}: ${r.reason}`;
};

/**
 * Header: the impact and where it was found; body: the anomaly's figures and link, the evidence lines, then what was
 * done or recommended per fleet. `names` maps fleet ids to the fleets file's names.
 *
 * @example
 * renderCostIncident(incident, '#gpu-oncall', new Map([['fleet-6f2a…', 'bert-large-search']]));
 * // header 'Cost anomaly: $1,001 above expected (bert-large-search)'
 */
export const renderCostIncident = (incident: CostIncident, channel: string, names: ReadonlyMap<string, string>): ChatMessage => {
  const { anomaly } = incident;
  const where = incident.fleetIds.length === 0 ? 'outside the managed fleets' : incident.fleetIds.map((id) => names.get(id) ?? id).join(', ');
  const found = anomaly.via === 'spend-rate' ? 'the autopilot spend-rate check' : 'AWS Cost Anomaly Detection';
  const title = `Cost anomaly: ${usd(incident.impactUsd)} above expected (${where})`;
  const { impact } = anomaly;
  const lines = [
    `Found by ${found} on ${day(anomaly.receivedAtMs)}, anomaly ${anomaly.anomalyId} since ${day(anomaly.startMs)}: spent ${usd(impact.totalActualSpendUsd)} against ${usd(impact.totalExpectedSpendUsd)} expected.`,
    ...(anomaly.detailsLink ? [`Details: ${anomaly.detailsLink}`] : []),
    ...(incident.evidence ?? []).map((line) => `• ${line}`),
    ...latest(incident.remediations).map((r) => remediationLine(r, names)),
  ];
  return noticeMessage(channel, title, lines.join('\n'));
};
