// Builds layers/core/catalog/catalog.generated.ts from ../shared/data (or $SHARED_DATA_DIR) and prints the seed table.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalogData } from './catalog/build-catalog-data';
import { readSharedData, sharedDataDir } from './catalog/read-shared-data';
import { GENERATED_MODULE_PATH, renderCatalogModule } from './catalog/render-catalog-module';
import { seedTable } from './catalog/seed-table';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = sharedDataDir(repoRoot, process.env);
const built = buildCatalogData(readSharedData(dataDir));
const text = renderCatalogModule(built.data, built.sources);
const target = path.join(repoRoot, GENERATED_MODULE_PATH);
writeFileSync(target, text);

const kib = (Buffer.byteLength(text) / 1024).toFixed(1);
console.log(`wrote ${GENERATED_MODULE_PATH} (${kib} KiB) from ${dataDir}`);
console.log(
  `  ${built.data.instanceTypes.length} instance types, ${built.data.spotAdvisor.rows.length} Spot advisor rows ` +
    `(${built.data.spotAdvisor.region} ${built.data.spotAdvisor.os} ${built.data.spotAdvisor.snapshotDate}), ` +
    `${built.data.spotPriceHistory.points.length} Spot price points, TensorRT tables: ${Object.keys(built.data.tensorrtTables).join(', ')}`,
);

// Loaded only now, so they read the module just written rather than the previous one.
const { capacityAtSlo } = await import('../layers/core/catalog/capacity');
const { getInstanceType } = await import('../layers/core/catalog/catalog');
console.log(`\n${seedTable({ capacityAtSlo, getInstanceType })}`);
