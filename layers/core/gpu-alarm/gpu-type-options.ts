/** The catalog as the memory case needs it: per instance type, GPU memory, price and QPS at the fleet's SLO by precision. */
import { capacityAtSlo } from '../catalog/capacity';
import { listInstanceTypes, type InstanceTypeSpec } from '../catalog/catalog';
import type { BertModel, SequenceLength } from '../catalog/catalog-data';
import type { FleetConfig, Precision } from '../fleet';

/** One instance type the fleet could run. */
export interface GpuTypeOption {
  instanceType: string;
  gpuName: string;
  /** Memory of one GPU, GiB (an engine lives on one GPU). */
  gpuMemoryGiB: number;
  /** us-east-1 on-demand price (the rebalancer prices Spot pools itself). */
  usdPerHour: number;
  /** QPS one instance serves at the fleet's SLO, per engine precision; a precision without data is absent. */
  qpsAtSlo: Partial<Record<Precision, number>>;
}

const PRECISIONS: readonly Precision[] = ['fp16', 'int8'];

/** The catalog's BERT tables cover bert-large and bert-base (any checkpoint of them, e.g. `bert-large-uncased`). */
const bertModelOf = (name: string): BertModel | undefined => {
  const lower = name.toLowerCase();
  if (lower.startsWith('bert-large')) return 'bert-large';
  if (lower.startsWith('bert-base')) return 'bert-base';
  return undefined;
};

/** Requests are padded to the table's length: a shorter one rounds up (slower, the safe side), a longer one has no table. */
const sequenceLengthOf = (length: number | undefined): SequenceLength | undefined => {
  if (length === undefined) return 384;
  if (length <= 128) return 128;
  return length <= 384 ? 384 : undefined;
};

const catalogQps = (spec: InstanceTypeSpec, fleet: FleetConfig, model: BertModel, sequenceLength: SequenceLength): Partial<Record<Precision, number>> => {
  const out: Partial<Record<Precision, number>> = {};
  for (const precision of PRECISIONS) {
    const capacity = capacityAtSlo({ instanceType: spec.instanceType, model, precision, sequenceLength, sloP99Ms: fleet.sloP99Ms });
    if (capacity !== undefined && capacity.qpsPerInstance > 0) out[precision] = capacity.qpsPerInstance;
  }
  return out;
};

/**
 * Every priced NVIDIA type of the catalog with its QPS at the fleet's SLO for both engine precisions. The fleet's
 * own `capacityUnitsByType` (measured by the operator) replaces the catalog's figure for its types at its
 * precision. For a model the catalog has no table for, only the fleet's own types, at its own precision.
 *
 * @example gpuTypeOptionsFor(aFleet({ model: { name: 'bert-large', precision: 'fp16' }, sloP99Ms: 100 }))
 * // [..., { instanceType: 'g6.xlarge', gpuMemoryGiB: 22.35, usdPerHour: 0.8048, qpsAtSlo: { fp16: 196.8, int8: 355.9 } }, ...]
 */
export const gpuTypeOptionsFor = (fleet: FleetConfig): GpuTypeOption[] => {
  const model = bertModelOf(fleet.model.name);
  const sequenceLength = sequenceLengthOf(fleet.model.sequenceLength);
  const usable = model !== undefined && sequenceLength !== undefined && Number.isFinite(fleet.sloP99Ms);
  const options: GpuTypeOption[] = [];
  for (const spec of listInstanceTypes()) {
    const own = fleet.capacityUnitsByType[spec.instanceType];
    if (spec.onDemandUsdPerHour === undefined || spec.gpuMemoryGiB <= 0) continue;
    const qpsAtSlo = usable ? catalogQps(spec, fleet, model, sequenceLength) : {};
    if (own !== undefined && own > 0) qpsAtSlo[fleet.model.precision] = own;
    if (Object.keys(qpsAtSlo).length === 0) continue;
    options.push({ instanceType: spec.instanceType, gpuName: spec.gpuName, gpuMemoryGiB: spec.gpuMemoryGiB, usdPerHour: spec.onDemandUsdPerHour, qpsAtSlo });
  }
  return options;
};
