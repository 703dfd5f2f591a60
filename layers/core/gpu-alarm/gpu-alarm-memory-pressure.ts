/** The high-GPU-memory rule: with moderate compute, recommend the cheapest type with enough memory, per precision. */
import { candidateTypes } from '../fleet';
import { recentRebalance } from './gpu-alarm-pacing';
import { loadNeedUnits, unitBoundsOf } from './gpu-alarm-need';
import type { GpuAlarmInput, RuleOutcome } from './gpu-alarm-types';
import { gpuAlarmWords } from './gpu-alarm-wording';
import { recommendMemoryType, type MemoryRecommendation } from './gpu-memory-recommendation';
import { memoryRecommendationText } from './gpu-memory-wording';

/** The need the new type must serve: the load's (and the forecast's), or the current target when the load is unknown. */
const needUnitsOf = (input: GpuAlarmInput, targetUnits: number): number => {
  const { minUnits } = unitBoundsOf(input.fleet);
  const loadUnits = loadNeedUnits(input.load, input.settings);
  const base = loadUnits === undefined ? targetUnits : Math.max(loadUnits, input.forecastLeadUnits ?? 0);
  return Math.max(minUnits, base);
};

/** Every type the fleet runs has the memory the estimate asks for: nothing for the rebalancer to move away from. */
const fleetFits = (input: GpuAlarmInput, rec: MemoryRecommendation, fleetTypes: string[]): boolean => {
  const needed = rec.neededGiB[input.fleet.model.precision];
  return input.catalog.filter((o) => fleetTypes.includes(o.instanceType)).every((o) => o.gpuMemoryGiB >= needed);
};

/**
 * GPU memory in ALARM. The alarm's datapoint (percent of GPU memory used; its threshold when the event has no
 * datapoint) sizes the memory one engine uses on the smallest GPU among the fleet's types. When compute is moderate
 * (arrivals / fulfilled capacity at most moderateComputeUtilization, or unknown), the notice names the type with
 * enough memory that serves the need for the least under the fleet's precision, and whether the other precision
 * would choose differently; the rebalancer is asked to move there ('memory-pressure') when one of the fleet's types
 * lacks that memory, unless it was asked within rebalanceRepeatSeconds.
 */
export const decideMemoryPressure = (input: GpuAlarmInput, targetUnits: number): RuleOutcome => {
  const { signal, load, settings, fleet } = input;
  const percent = signal.value ?? signal.threshold;
  if (percent === undefined || !Number.isFinite(percent)) return { reasons: [gpuAlarmWords.memoryUnknown()] };
  const fulfilled = Number.isFinite(input.fulfilledUnits) ? input.fulfilledUnits : 0;
  if (load.arrivalQps !== undefined && Number.isFinite(load.arrivalQps) && fulfilled > 0) {
    const utilization = load.arrivalQps / fulfilled;
    if (utilization > settings.moderateComputeUtilization) return { reasons: [gpuAlarmWords.memoryComputeHigh(utilization, settings.moderateComputeUtilization)] };
  }
  const fleetTypes = candidateTypes(fleet);
  const rec = recommendMemoryType({
    options: input.catalog,
    fleetTypes,
    precision: fleet.model.precision,
    usedShare: percent / 100,
    needUnits: needUnitsOf(input, targetUnits),
    targetShare: settings.gpuMemoryTargetShare,
    fp16MemoryFactorOverInt8: settings.fp16MemoryFactorOverInt8,
  });
  if (rec === undefined) return { reasons: [gpuAlarmWords.memoryNoCatalog()] };
  const text = memoryRecommendationText(rec, fleet.model.precision);
  const askedAtMs = recentRebalance(input, 'memory-pressure');
  if (askedAtMs !== undefined) return { reasons: [`${text}; ${gpuAlarmWords.rebalanceRecent(askedAtMs)}`] };
  const notices = [{ kind: 'memory-recommendation' as const, fleetName: fleet.name, precision: fleet.model.precision, recommendation: rec }];
  if (rec.recommended === undefined || fleetFits(input, rec, fleetTypes)) return { reasons: [text], notices };
  return {
    reasons: [text],
    notices,
    rebalance: { reason: 'memory-pressure', fleetId: fleet.fleetId, detail: text, minGpuMemoryGiB: rec.neededGiB[fleet.model.precision] },
  };
};
