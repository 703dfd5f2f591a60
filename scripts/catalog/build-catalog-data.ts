// Turns the shared data files' text into the catalog data and the provenance lines the generated header cites.
import type { CatalogData } from '../../layers/core/catalog/catalog-data';
import { parseCsv, type CsvFile } from './csv';
import { INSTANCE_CATALOG_FILE, parseInstanceCatalog } from './instance-catalog';
import { MLPERF_FILE, mlperfServerRows } from './mlperf-ratios';
import { planPerformance } from './performance-plan';
import { CATALOG_SOURCE_FILES, type CatalogSourceFile, type CatalogSourceTexts } from './read-shared-data';
import { parseSpotAdvisor, SPOT_ADVISOR_FILE } from './spot-advisor';
import { parseSpotPriceHistory, SPOT_PRICE_HISTORY_FILE } from './spot-price-history';
import { parseTensorrtTables, TENSORRT_FILE } from './tensorrt-tables';

/** One source file and its `#` provenance lines (repository, path, commit, licence). */
export interface SourceProvenance {
  readonly file: string;
  readonly lines: readonly string[];
}

/** The catalog data plus the provenance of each file it came from. */
export interface BuiltCatalog {
  readonly data: CatalogData;
  readonly sources: readonly SourceProvenance[];
}

/** Pure: the same texts always give the same catalog (no clock, no environment). */
export const buildCatalogData = (texts: CatalogSourceTexts): BuiltCatalog => {
  const parsed = new Map(CATALOG_SOURCE_FILES.map((file) => [file, parseCsv(texts[file])] as const));
  const csvOf = (file: CatalogSourceFile): CsvFile => parsed.get(file) ?? parseCsv(texts[file]);
  const instanceTypes = parseInstanceCatalog(csvOf(INSTANCE_CATALOG_FILE));
  const tensorrtTables = parseTensorrtTables(csvOf(TENSORRT_FILE));
  const data: CatalogData = {
    instanceTypes,
    spotAdvisor: parseSpotAdvisor(csvOf(SPOT_ADVISOR_FILE)),
    spotPriceHistory: parseSpotPriceHistory(csvOf(SPOT_PRICE_HISTORY_FILE), new Set(instanceTypes.map((t) => t.instanceType))),
    tensorrtTables,
    performanceByGpu: planPerformance(tensorrtTables, mlperfServerRows(csvOf(MLPERF_FILE))),
  };
  const sources = CATALOG_SOURCE_FILES.map((file) => ({ file, lines: csvOf(file).comments }));
  return { data, sources };
};
