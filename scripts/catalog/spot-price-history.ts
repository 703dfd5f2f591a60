// Reads spot/spot_price_history_2022-05-31_gpu.csv into Linux/UNIX price points for the catalog's types.
import type { SpotPriceHistory, SpotPricePoint } from '../../layers/core/catalog/catalog-data';
import { CatalogSourceError } from './catalog-source-error';
import { field, numberField, type CsvFile } from './csv';

export const SPOT_PRICE_HISTORY_FILE = 'spot/spot_price_history_2022-05-31_gpu.csv';
const PRODUCT = 'Linux/UNIX';

/** `2022-05-31T18:20:41+00:00` -> `2022-05-31T18:20:41Z`, the form the rest of the code base uses. */
const toUtcZ = (timestamp: string): string => timestamp.replace(/\+00:00$/, 'Z');

const byTimeThenAzThenType = (a: SpotPricePoint, b: SpotPricePoint): number =>
  a[3].localeCompare(b[3]) || a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]);

/**
 * Every Linux/UNIX price change event for the instance types in `keepTypes` (types missing from the GPU
 * catalog, such as g2/g3/p2/inf1, are dropped: nothing else in the catalog knows them).
 */
export const parseSpotPriceHistory = (csv: CsvFile, keepTypes: ReadonlySet<string>): SpotPriceHistory => {
  const file = SPOT_PRICE_HISTORY_FILE;
  const points: SpotPricePoint[] = csv.rows
    .filter((row) => field(row, 'product_description', file) === PRODUCT && keepTypes.has(field(row, 'instance_type', file)))
    .map((row) => [
      field(row, 'availability_zone_id', file),
      field(row, 'instance_type', file),
      numberField(row, 'spot_price_usd_per_hr', file),
      toUtcZ(field(row, 'timestamp', file)),
    ] as const)
    .sort(byTimeThenAzThenType);
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) throw new CatalogSourceError(`${file}: no ${PRODUCT} points`);
  return { productDescription: PRODUCT, firstTimestamp: first[3], lastTimestamp: last[3], points };
};
