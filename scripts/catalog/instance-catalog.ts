// Reads gpu_catalog/aws_gpu_instance_catalog.csv into instance type rows.
import type { InstanceTypeRow } from '../../layers/core/catalog/catalog-data';
import { field, numberField, type CsvFile } from './csv';

export const INSTANCE_CATALOG_FILE = 'gpu_catalog/aws_gpu_instance_catalog.csv';

/** One row per instance type, in file order; an empty us-east-1 price becomes null (not priced there). */
export const parseInstanceCatalog = (csv: CsvFile): InstanceTypeRow[] => {
  const file = INSTANCE_CATALOG_FILE;
  return csv.rows.map((row) => {
    const price = field(row, 'on_demand_usd_per_hr_us_east_1', file);
    return {
      instanceType: field(row, 'instance_type', file),
      family: field(row, 'family', file),
      gpuManufacturer: field(row, 'gpu_manufacturer', file),
      gpuName: field(row, 'gpu_name', file),
      gpuCount: numberField(row, 'gpu_count', file),
      gpuMemoryGiB: numberField(row, 'gpu_memory_per_gpu_gib', file),
      gpuMemoryTotalGiB: numberField(row, 'gpu_memory_total_gib', file),
      vcpu: numberField(row, 'vcpu', file),
      memoryGiB: numberField(row, 'memory_gib', file),
      onDemandUsdPerHour: price.trim() === '' ? null : numberField(row, 'on_demand_usd_per_hr_us_east_1', file),
    };
  });
};
