/** The sentences of the gpu-alarm decision: why it acted or held, with numbers and units, for the ledger and Slack. */
import { isoText, qpsText } from '../forecast/capacity-plan-wording';
import type { AlarmCapacityChange } from './gpu-alarm-memory';
import type { GpuAlarmKind } from './gpu-alarm-signal';

/** 45 s, 5 min, 1.5 h. */
export const durationText = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (Math.abs(seconds) < 120) return `${Math.round(seconds)} s`;
  if (Math.abs(seconds) < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
};

const percentText = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

export const KIND_WORDS: Record<GpuAlarmKind, string> = {
  'gpu-low': 'low GPU utilization',
  'gpu-high': 'high GPU utilization',
  'gpu-memory-high': 'high GPU memory',
};

/** "the observed 900 QPS and 6000 queued messages need 1150 units at 80% utilization; the forecast needs 1300 ..." */
export const needText = (arrivalQps: number | undefined, backlog: number, loadUnits: number, utilization: number, forecastLeadUnits: number | undefined): string => {
  const load = arrivalQps === undefined ? 'the saturated fleet\'s fulfilled capacity (arrival rate unknown)' : `the observed ${qpsText(arrivalQps)}`;
  const forecast = forecastLeadUnits === undefined ? '' : `; the forecast needs ${forecastLeadUnits} units within the launch lead`;
  return `${load} and ${backlog} queued messages need ${loadUnits} units at ${percentText(utilization)} utilization${forecast}`;
};

export const gpuAlarmWords = {
  duplicate: (eventId: string): string => `event ${eventId} was already handled: nothing more to do`,
  stale: (kind: GpuAlarmKind, state: string, atMs: number, knownState: string, knownSinceMs: number): string =>
    `the ${KIND_WORDS[kind]} alarm's ${state} of ${isoText(atMs)} is older than its ${knownState} of ${isoText(knownSinceMs)}: ignored (events can arrive out of order)`,
  ok: (kind: GpuAlarmKind): string => `the ${KIND_WORDS[kind]} alarm is back to OK`,
  noLoad: (): string => 'no observed arrival rate: no scale-in without knowing the load',
  lowTooRecent: (sinceMs: number, sustainSeconds: number, untilMs: number): string =>
    `the low-utilization alarm has been in ALARM since ${isoText(sinceMs)}: scale-in waits until it has lasted ${durationText(sustainSeconds)} (${isoText(untilMs)})`,
  highInAlarm: (): string => 'the high-utilization alarm is in ALARM too: no scale-in',
  highRecently: (atMs: number, quietSeconds: number): string =>
    `the high-utilization alarm was in ALARM at ${isoText(atMs)}: no scale-in within ${durationText(quietSeconds)} of it`,
  scaleOutRecently: (atMs: number, quietSeconds: number): string =>
    `an alarm scale-out at ${isoText(atMs)}: no scale-in within ${durationText(quietSeconds)} of it`,
  cooldown: (change: AlarmCapacityChange, untilMs: number): string =>
    `cooldown after the ${change.purpose} ${change.fromUnits} -> ${change.toUnits} units at ${isoText(change.atMs)}, until ${isoText(untilMs)}`,
  incident: (ids: string[]): string => `open incident ${ids.join(', ')}: no scale-in during a Spot interruption`,
  needCovers: (target: number, floor: number): string => `the target of ${target} units is not above the ${floor} units needed: nothing to shed`,
  atMinimum: (minUnits: number, needUnits: number): string =>
    `at the fleet minimum of ${minUnits} units while the load needs ${needUnits}: each instance is oversized, asking the rebalancer for a smaller or cheaper type`,
  rebalanceRecent: (atMs: number): string => `the rebalancer was already asked at ${isoText(atMs)}`,
  stepTooSmall: (target: number, fraction: number): string =>
    `${percentText(fraction)} of ${target} units is less than one unit: no scale-in step possible`,
  scaleIn: (from: number, to: number, need: string, floor: number, fraction: number): string =>
    `scale-in ${from} -> ${to} units: ${need}` + (to > floor ? `; limited to ${percentText(fraction)} of the target per step (floor ${floor} units)` : ''),
  queueAgeUnknown: (): string => 'the queue age is unknown: no scale-out without seeing the queue fall behind',
  queueAgeFlat: (earlier: number, now: number): string =>
    `the oldest message's age went ${earlier} s -> ${now} s (not growing): holding, the forecast or an earlier action covers the load`,
  targetCovers: (target: number, fulfilled: number, need: number): string =>
    `the target of ${target} units already covers the ${need} units needed` + (fulfilled < target ? ` (fulfilled ${fulfilled}: capacity is still launching)` : ''),
  scaleOut: (from: number, to: number, earlier: number, now: number, need: string, cappedAt: number | undefined): string =>
    `scale-out ${from} -> ${to} units: the oldest message's age grew ${earlier} s -> ${now} s; ${need}` +
    (cappedAt === undefined ? '' : ` (capped at the fleet maximum of ${cappedAt} units)`),
  dataMissing: (targetUnits: number): string =>
    `no GPU datapoints while the fleet targets ${targetUnits} units: the CloudWatch agent or the GPU exporter is down (never a reason to scale in)`,
  dataExpected: (): string => 'no GPU datapoints and a target of 0 units: expected, nothing runs',
  dataAlerted: (atMs: number): string => `missing GPU datapoints were already reported at ${isoText(atMs)}`,
  dataRestored: (): string => 'GPU datapoints are back',
  memoryUnknown: (): string => 'the memory alarm carries no datapoint or threshold: the memory in use cannot be sized',
  memoryComputeHigh: (utilization: number, moderate: number): string =>
    `GPU memory is high but compute is too (${percentText(utilization)} of capacity, above ${percentText(moderate)}): a load problem for the high-utilization alarm, not a type problem`,
  memoryNoCatalog: (): string => 'none of the fleet\'s instance types is in the catalog: the memory in use cannot be sized',
};
