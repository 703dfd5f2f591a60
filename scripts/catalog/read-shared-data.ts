// Locates ../shared/data and reads the CSV files the catalog is built from.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CatalogSourceError } from './catalog-source-error';
import { INSTANCE_CATALOG_FILE } from './instance-catalog';
import { MLPERF_FILE } from './mlperf-ratios';
import { SPOT_ADVISOR_FILE } from './spot-advisor';
import { SPOT_PRICE_HISTORY_FILE } from './spot-price-history';
import { TENSORRT_FILE } from './tensorrt-tables';

/** Every file the catalog reads, relative to the shared data directory, in the order the header names them. */
export const CATALOG_SOURCE_FILES = [
  INSTANCE_CATALOG_FILE,
  SPOT_ADVISOR_FILE,
  SPOT_PRICE_HISTORY_FILE,
  TENSORRT_FILE,
  MLPERF_FILE,
] as const;

export type CatalogSourceFile = (typeof CATALOG_SOURCE_FILES)[number];
export type CatalogSourceTexts = Readonly<Record<CatalogSourceFile, string>>;

/** `$SHARED_DATA_DIR` when set, otherwise `<repoRoot>/../shared/data`. */
export const sharedDataDir = (repoRoot: string, env: Readonly<Record<string, string | undefined>>): string =>
  env.SHARED_DATA_DIR ?? path.resolve(repoRoot, '../shared/data');

/** True when every source file is present (the directory is not shipped with the repository). */
export const hasSharedData = (dir: string): boolean => CATALOG_SOURCE_FILES.every((file) => existsSync(path.join(dir, file)));

/** The text of every source file; a missing file is a CatalogSourceError naming it. */
export const readSharedData = (dir: string): CatalogSourceTexts => {
  const read = (file: CatalogSourceFile): string => {
    try {
      return readFileSync(path.join(dir, file), 'utf8');
    } catch (cause) {
      throw new CatalogSourceError(`reading ${file} under ${dir}`, { cause });
    }
  };
  return {
    [INSTANCE_CATALOG_FILE]: read(INSTANCE_CATALOG_FILE),
    [SPOT_ADVISOR_FILE]: read(SPOT_ADVISOR_FILE),
    [SPOT_PRICE_HISTORY_FILE]: read(SPOT_PRICE_HISTORY_FILE),
    [TENSORRT_FILE]: read(TENSORRT_FILE),
    [MLPERF_FILE]: read(MLPERF_FILE),
  };
};
