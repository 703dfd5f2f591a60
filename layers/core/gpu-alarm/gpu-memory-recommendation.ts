/** The memory case: the instance type with enough GPU memory that serves the fleet's need for the least, per precision. */
import type { Precision } from '../fleet';
import type { GpuTypeOption } from './gpu-type-options';

/** One type sized to the need in whole instances. */
export interface TypeChoice {
  instanceType: string;
  gpuMemoryGiB: number;
  qpsPerInstance: number;
  instances: number;
  /** instances x on-demand price. */
  usdPerHour: number;
  /** Price of one instance over its QPS at the SLO. */
  usdPerQpsHour: number;
}

export interface MemoryRecommendation {
  /** Estimated GPU memory one engine uses now (the alarm's share of the smallest GPU among the fleet's types), GiB. */
  usedGiB: number;
  /** Memory per GPU a type needs to run each precision with the headroom kept, GiB. */
  neededGiB: Record<Precision, number>;
  /** Capacity units the choice must serve (load, forecast and minimum). */
  needUnits: number;
  /** The cheapest of the fleet's own types for the need at its precision, memory aside: what it pays now. */
  current?: TypeChoice;
  /** The cheapest type with enough memory under each precision (absent: none fits or no data). */
  byPrecision: Partial<Record<Precision, TypeChoice>>;
  /** byPrecision at the fleet's precision. */
  recommended?: TypeChoice;
  /** True when the other precision's best type differs from the recommended one (or only the other precision fits). */
  precisionChangesChoice: boolean;
}

export interface MemoryRecommendationInput {
  options: GpuTypeOption[];
  /** The types the fleet runs (its capacityUnitsByType). */
  fleetTypes: string[];
  precision: Precision;
  /** Share of GPU memory in use, 0..1 (the alarm's datapoint). */
  usedShare: number;
  needUnits: number;
  /** Share of a GPU's memory the new type may fill. */
  targetShare: number;
  fp16MemoryFactorOverInt8: number;
}

const PRECISIONS: readonly Precision[] = ['fp16', 'int8'];

const choiceOf = (option: GpuTypeOption, precision: Precision, needUnits: number): TypeChoice | undefined => {
  const qps = option.qpsAtSlo[precision];
  if (qps === undefined || !(qps > 0)) return undefined;
  const instances = Math.max(1, Math.ceil(needUnits / qps - 1e-9));
  return {
    instanceType: option.instanceType,
    gpuMemoryGiB: option.gpuMemoryGiB,
    qpsPerInstance: qps,
    instances,
    usdPerHour: instances * option.usdPerHour,
    usdPerQpsHour: option.usdPerHour / qps,
  };
};

/** Cheapest for the need in whole instances (a big GPU's low $/QPS is no saving when one small GPU serves the need), then $/QPS, then name. */
const cheaper = (a: TypeChoice, b: TypeChoice): TypeChoice => {
  if (a.usdPerHour !== b.usdPerHour) return a.usdPerHour < b.usdPerHour ? a : b;
  if (a.usdPerQpsHour !== b.usdPerQpsHour) return a.usdPerQpsHour < b.usdPerQpsHour ? a : b;
  return a.instanceType <= b.instanceType ? a : b;
};

const cheapest = (options: GpuTypeOption[], precision: Precision, needUnits: number, minGiB: number): TypeChoice | undefined => {
  let best: TypeChoice | undefined;
  for (const option of options) {
    if (option.gpuMemoryGiB < minGiB) continue;
    const choice = choiceOf(option, precision, needUnits);
    if (choice !== undefined) best = best === undefined ? choice : cheaper(best, choice);
  }
  return best;
};

/**
 * Size the need on every type with enough memory and keep the cheapest, for the fleet's precision and the other one.
 * Memory per precision: INT8 -> FP16 multiplies the observed need by `fp16MemoryFactorOverInt8`; FP16 -> INT8 keeps
 * it (not every buffer halves). Undefined when the memory in use cannot be estimated (none of the fleet's types is
 * in the catalog, or no share).
 *
 * @example
 * recommendMemoryType({ options, fleetTypes: ['p3.2xlarge'], precision: 'fp16', usedShare: 0.9, needUnits: 600,
 *   targetShare: 0.8, fp16MemoryFactorOverInt8: 2 })?.recommended?.instanceType // 'g6e.xlarge' (int8 would pick g6.xlarge)
 */
export const recommendMemoryType = (input: MemoryRecommendationInput): MemoryRecommendation | undefined => {
  const own = input.options.filter((o) => input.fleetTypes.includes(o.instanceType));
  if (own.length === 0 || !Number.isFinite(input.usedShare) || input.usedShare <= 0) return undefined;
  const smallestGiB = Math.min(...own.map((o) => o.gpuMemoryGiB));
  const usedGiB = Math.min(1, input.usedShare) * smallestGiB;
  const share = input.targetShare > 0 && input.targetShare <= 1 ? input.targetShare : 1;
  const base = usedGiB / share;
  const toFp16 = input.precision === 'int8' ? Math.max(1, input.fp16MemoryFactorOverInt8) : 1;
  const neededGiB: Record<Precision, number> = { fp16: base * toFp16, int8: base };
  const needUnits = Math.max(0, Number.isFinite(input.needUnits) ? input.needUnits : 0);
  const byPrecision: Partial<Record<Precision, TypeChoice>> = {};
  for (const precision of PRECISIONS) {
    const best = cheapest(input.options, precision, needUnits, neededGiB[precision]);
    if (best !== undefined) byPrecision[precision] = best;
  }
  const recommended = byPrecision[input.precision];
  const other = byPrecision[input.precision === 'fp16' ? 'int8' : 'fp16'];
  const current = cheapest(own, input.precision, needUnits, 0);
  return {
    usedGiB,
    neededGiB,
    needUnits,
    ...(current === undefined ? {} : { current }),
    byPrecision,
    ...(recommended === undefined ? {} : { recommended }),
    precisionChangesChoice: other !== undefined && other.instanceType !== recommended?.instanceType,
  };
};
