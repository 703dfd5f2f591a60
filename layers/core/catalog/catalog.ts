// The EC2 GPU instance catalog: specs, us-east-1 on-demand prices and Spot advisor figures per instance type.
import { CATALOG_DATA } from './catalog.generated';
import type { InstanceTypeRow } from './catalog-data';
import { spotAdvisorFor, type SpotAdvisorInfo } from './spot-advisor';

/** One EC2 instance type with at least one GPU or accelerator. */
export interface InstanceTypeSpec {
  instanceType: string;
  family: string;
  /** Lower-case GPU name as EC2/Karpenter report it: `t4`, `a10g`, `l4`, `l40s`, `v100`, `a100`, `h100` ... */
  gpuName: string;
  gpuCount: number;
  /** Memory of one GPU, GiB. */
  gpuMemoryGiB: number;
  gpuMemoryTotalGiB: number;
  vcpu: number;
  memoryGiB: number;
  /** us-east-1 Linux on-demand price; absent when the type is not priced in us-east-1 (p5e.48xlarge). */
  onDemandUsdPerHour?: number;
  /** us-east-1 Linux Spot advisor entry of the latest snapshot; absent when the advisor does not list the type. */
  spotAdvisor?: SpotAdvisorInfo;
}

const toSpec = (row: InstanceTypeRow): InstanceTypeSpec => {
  const spec: InstanceTypeSpec = {
    instanceType: row.instanceType,
    family: row.family,
    gpuName: row.gpuName,
    gpuCount: row.gpuCount,
    gpuMemoryGiB: row.gpuMemoryGiB,
    gpuMemoryTotalGiB: row.gpuMemoryTotalGiB,
    vcpu: row.vcpu,
    memoryGiB: row.memoryGiB,
  };
  if (row.onDemandUsdPerHour !== null) spec.onDemandUsdPerHour = row.onDemandUsdPerHour;
  const advisor = spotAdvisorFor(row.instanceType);
  if (advisor !== undefined) spec.spotAdvisor = advisor;
  return spec;
};

const BY_TYPE: ReadonlyMap<string, InstanceTypeRow> = new Map(CATALOG_DATA.instanceTypes.map((row) => [row.instanceType, row]));

/**
 * The catalog entry for `instanceType`, or undefined for a type the catalog does not list.
 *
 * @example
 * getInstanceType('p3.2xlarge')?.onDemandUsdPerHour; // 3.06
 */
export const getInstanceType = (instanceType: string): InstanceTypeSpec | undefined => {
  const row = BY_TYPE.get(instanceType);
  return row === undefined ? undefined : toSpec(row);
};

/** Every instance type in the catalog, in the catalog's order (family, then size). Each call returns fresh objects. */
export const listInstanceTypes = (): InstanceTypeSpec[] => CATALOG_DATA.instanceTypes.map(toSpec);
