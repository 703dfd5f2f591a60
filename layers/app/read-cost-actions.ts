/** A fleet's applied actions of a window, from the ledger's partitions, as the cost report prices them. */
import type { CostAction } from '../core/cost/action-savings';
import type { FleetConfig } from '../core/fleet';
import type { ActionRecord } from '../ports/ledger-port';
import { forecastActionsKey } from './apply-capacity-change';
import type { CostReportDeps } from './cost-report-deps';
import { rebalanceActionsKey } from './rebalance-fleet-calls';

const DAY_MS = 86_400_000;
/**
 * Cost incidents are listed by when they were opened; one re-sent for weeks as it grows remediates long after. A
 * month and a few days covers an anomaly as long as the monthly report's month.
 */
const INCIDENT_LOOKBACK_MS = 35 * DAY_MS;

const numberAt = (values: Record<string, unknown>, ...keys: string[]): number | undefined => {
  for (const key of keys) {
    const value = values[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
};

/** The $/hour a record carries (rebalancer moves), else its target total (scalers), else nothing to price. */
export const costActionOf = (record: ActionRecord): CostAction => {
  const usdBefore = numberAt(record.before, 'usdPerHour');
  const usdAfter = numberAt(record.after, 'usdPerHour');
  const unitsBefore = numberAt(record.before, 'totalTargetCapacity', 'total');
  const unitsAfter = numberAt(record.after, 'totalTargetCapacity', 'total');
  return {
    atMs: record.atMs,
    group: record.instanceId ?? 'capacity',
    type: record.type,
    reason: record.reason,
    ...(usdBefore !== undefined && usdAfter !== undefined ? { usdPerHourBefore: usdBefore, usdPerHourAfter: usdAfter } : {}),
    ...(unitsBefore !== undefined && unitsAfter !== undefined ? { unitsBefore, unitsAfter } : {}),
  };
};

/**
 * Reads the partitions the fleet's actions are kept in: the forecast scaler's and the rebalancer's per UTC day, the
 * GPU alarm's (its current episodes and the fleet-wide one), and the cost incidents' executed remediations. A
 * `rebalance-to-spot` remediation is left out: the rebalancer makes that move and records it with its $/hour.
 */
export const readCostActions = async (deps: Pick<CostReportDeps, 'ledger' | 'costs'>, fleet: FleetConfig, startMs: number, endMs: number): Promise<CostAction[]> => {
  const keys = new Set<string>([`gpu-alarm#${fleet.fleetId}`]);
  for (let dayMs = startMs; dayMs < endMs; dayMs += DAY_MS) {
    keys.add(forecastActionsKey(fleet.fleetId, dayMs));
    keys.add(rebalanceActionsKey(fleet.fleetId, dayMs));
  }
  const memory = await deps.ledger.getGpuAlarmMemory(fleet.fleetId);
  for (const kind of Object.values(memory?.kinds ?? {})) if (kind?.incidentId) keys.add(kind.incidentId);
  const records = (await Promise.all([...keys].map((key) => deps.ledger.listActions(key)))).flat();
  const applied = records.filter((r) => r.status === 'applied' && r.fleetId === fleet.fleetId && r.atMs >= startMs && r.atMs < endMs).map(costActionOf);
  const incidents = await deps.costs.listCostIncidents(startMs - INCIDENT_LOOKBACK_MS);
  const remediations = incidents
    .flatMap((incident) => incident.remediations)
    .filter((r) => r.fleetId === fleet.fleetId && r.outcome === 'executed' && r.kind !== 'rebalance-to-spot' && r.atMs >= startMs && r.atMs < endMs)
    .map((r): CostAction => ({ atMs: r.atMs, group: 'capacity', type: `cost-${r.kind}`, reason: r.reason, usdPerHourBefore: r.usdPerHourBefore, usdPerHourAfter: r.usdPerHourAfter }));
  return [...applied, ...remediations].sort((a, b) => a.atMs - b.atMs);
};
