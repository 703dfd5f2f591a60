// Reads spot/spot_advisor_gpu.csv and keeps the latest snapshot of one region and OS.
import type { InterruptionBucket, SpotAdvisorSnapshot } from '../../layers/core/catalog/catalog-data';
import { CatalogSourceError } from './catalog-source-error';
import { field, numberField, type CsvFile } from './csv';

export const SPOT_ADVISOR_FILE = 'spot/spot_advisor_gpu.csv';

const toBucket = (value: number): InterruptionBucket => {
  if (value === 0 || value === 1 || value === 2 || value === 3 || value === 4) return value;
  throw new CatalogSourceError(`${SPOT_ADVISOR_FILE}: interruption_bucket ${value} is outside 0..4`);
};

/** The newest snapshot's rows for `region` and `os` (us-east-1 Linux unless told), sorted by instance type. */
export const parseSpotAdvisor = (csv: CsvFile, region = 'us-east-1', os = 'Linux'): SpotAdvisorSnapshot => {
  const file = SPOT_ADVISOR_FILE;
  const inScope = csv.rows.filter((row) => field(row, 'region', file) === region && field(row, 'os', file) === os);
  const snapshotDate = inScope.map((row) => field(row, 'snapshot_date', file)).sort().at(-1);
  if (snapshotDate === undefined) throw new CatalogSourceError(`${file}: no rows for ${region} ${os}`);
  const latest = inScope.filter((row) => field(row, 'snapshot_date', file) === snapshotDate);
  const rows = latest
    .map((row) => ({
      instanceType: field(row, 'instance_type', file),
      interruptionBucket: toBucket(numberField(row, 'interruption_bucket', file)),
      interruptionLabel: field(row, 'interruption_label', file),
      savingsPct: numberField(row, 'savings_pct', file),
    }))
    .sort((a, b) => a.instanceType.localeCompare(b.instanceType));
  const sourceCommit = latest[0] === undefined ? '' : field(latest[0], 'source_commit', file);
  return { snapshotDate, sourceCommit, region, os, rows };
};
