/** Reads from the ledger what one fleet did in a cost anomaly's window: target rises, the on-demand fallback, open surges and drains. */
import type { FleetWindowEvidence, TargetRise } from '../core/cost/cost-evidence';
import { isOpen } from '../core/incident';
import type { ActionRecord, LedgerPort } from '../ports/ledger-port';

const DAY_MS = 86_400_000;
/** The anomaly window's days read at most (CAD lags a day or so; older rises are not this anomaly's evidence). */
const MAX_DAYS = 3;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Every UTC day the window touches, the latest MAX_DAYS. */
const daysOf = (fromMs: number, toMs: number): string[] => {
  const days: string[] = [];
  for (let t = Math.max(fromMs, toMs - (MAX_DAYS - 1) * DAY_MS); day(t) <= day(toMs); t += DAY_MS) days.push(day(t));
  return days;
};

const unitsOf = (side: Record<string, unknown>): number | undefined => {
  const value = side.totalTargetCapacity ?? side.total;
  return typeof value === 'number' ? value : undefined;
};

/** An applied record that raised the target (the forecast, alarm and spot records say totalTargetCapacity, the rebalancer total). */
const riseOf = (record: ActionRecord): TargetRise | undefined => {
  if (record.status !== 'applied') return undefined;
  const from = unitsOf(record.before);
  const to = unitsOf(record.after);
  if (from === undefined || to === undefined || to <= from) return undefined;
  const purpose = typeof record.after.purpose === 'string' ? record.after.purpose : record.type;
  return { atMs: record.atMs, fromUnits: from, toUnits: to, purpose };
};

/** A Spot incident id carries its instance (`spot-i-0abc…-<time>-<event>`): the ledger finds incidents by instance. */
const instanceOfIncident = (incidentId: string): string | undefined => /^spot-(i-[0-9a-f]+)-/.exec(incidentId)?.[1];

/**
 * The fleet's evidence in [fromMs, toMs]: applied target rises recorded by the forecast scaler, the gpu-alarm function,
 * the rebalancer and open Spot incidents; the rebalancer's on-demand fallback; the open Spot incidents' surges and
 * drains that were never taken back. Port errors propagate.
 */
export const readCostEvidence = async (
  deps: { ledger: Pick<LedgerPort, 'listActions' | 'listOpenIncidentIds' | 'getIncident' | 'getRebalanceState' | 'getGpuAlarmMemory'> },
  fleetId: string,
  window: { fromMs: number; toMs: number },
): Promise<FleetWindowEvidence> => {
  const { ledger } = deps;
  const openIds = await ledger.listOpenIncidentIds(fleetId, window.toMs);
  const memory = await ledger.getGpuAlarmMemory(fleetId);
  const alarmIncidents = Object.values(memory?.kinds ?? {}).flatMap((k) => (k?.incidentId === undefined ? [] : [k.incidentId]));
  const keys = [
    ...daysOf(window.fromMs, window.toMs).flatMap((d) => [`forecast#${fleetId}#${d}`, `rebalance#${fleetId}#${d}`]),
    `gpu-alarm#${fleetId}`,
    ...alarmIncidents,
    ...openIds,
  ];
  const records = (await Promise.all([...new Set(keys)].map((key) => ledger.listActions(key)))).flat();
  const targetRises = records
    .filter((r) => r.fleetId === fleetId && r.atMs >= window.fromMs && r.atMs <= window.toMs)
    .flatMap((r) => riseOf(r) ?? [])
    .sort((a, b) => a.atMs - b.atMs);
  const evidence: FleetWindowEvidence = { fleetId, targetRises, openSurges: [], openDrains: [] };
  for (const incidentId of openIds) {
    const instanceId = instanceOfIncident(incidentId);
    const incident = instanceId === undefined ? undefined : await ledger.getIncident(instanceId);
    if (incident === undefined || incident.incidentId !== incidentId || !isOpen(incident)) continue;
    const { surge, drain } = incident;
    if (surge?.status === 'applied' && surge.undone?.status !== 'applied') {
      evidence.openSurges.push({ incidentId, instanceId: incident.instanceId, units: surge.toTotal - surge.fromTotal, atMs: surge.atMs });
    }
    if (drain?.status === 'applied' && drain.undone?.status !== 'applied') {
      evidence.openDrains.push({ incidentId, instanceId: incident.instanceId, atMs: drain.atMs, deadlineMs: drain.deadlineMs });
    }
  }
  const mode = (await ledger.getRebalanceState(fleetId))?.marketMode;
  if (mode?.mode === 'on-demand-fallback') {
    evidence.onDemandFallbackSinceMs = mode.sinceMs;
    evidence.onDemandFallbackReason = mode.reason;
  }
  return evidence;
};
