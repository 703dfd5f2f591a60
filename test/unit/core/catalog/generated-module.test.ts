// The committed catalog.generated.ts must be exactly what scripts/build-catalog.ts writes from ../shared/data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG_DATA } from '../../../../layers/core/catalog/catalog.generated';
import { buildCatalogData } from '../../../../scripts/catalog/build-catalog-data';
import { hasSharedData, readSharedData, sharedDataDir } from '../../../../scripts/catalog/read-shared-data';
import { GENERATED_MODULE_PATH, renderCatalogModule } from '../../../../scripts/catalog/render-catalog-module';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('catalog.generated.ts', () => {
  it('is up to date with the generator run on ../shared/data (or, without the data, holds a complete catalog)', () => {
    // Prepare
    const committed = readFileSync(path.join(repoRoot, GENERATED_MODULE_PATH), 'utf8');
    const dataDir = sharedDataDir(repoRoot, process.env);
    if (hasSharedData(dataDir)) {
      // Act
      const built = buildCatalogData(readSharedData(dataDir));
      const regenerated = renderCatalogModule(built.data, built.sources);
      // Assess: a mismatch means the data or the generator changed; run `npm run catalog` and commit the result.
      expect(committed).toBe(regenerated);
      expect(CATALOG_DATA).toEqual(built.data);
    } else {
      // Act / Assess: the data set is not shipped with the repository, so check the committed module stands alone.
      expect(committed.split('\n')[0]).toMatch(/^\/\/ Generated catalog data/);
      expect(CATALOG_DATA.instanceTypes.length).toBe(69);
      expect(Object.keys(CATALOG_DATA.tensorrtTables).sort()).toEqual(['a100', 'a30', 'l40s', 't4', 'v100']);
      expect(CATALOG_DATA.spotAdvisor.rows.length).toBeGreaterThan(50);
      expect(CATALOG_DATA.spotPriceHistory.points.length).toBeGreaterThan(100);
    }
  });

  it('names the repository and commit of every source in its header', () => {
    // Prepare
    const header = readFileSync(path.join(repoRoot, GENERATED_MODULE_PATH), 'utf8').split('\nimport ')[0] ?? '';
    // Act / Assess
    for (const file of [
      'gpu_catalog/aws_gpu_instance_catalog.csv',
      'spot/spot_advisor_gpu.csv',
      'spot/spot_price_history_2022-05-31_gpu.csv',
      'throughput/tensorrt_bert_demo_int8_vs_fp16.csv',
      'throughput/mlperf_inference_datacenter_bert_resnet.csv',
    ]) {
      expect(header).toContain(`// ${file}`);
    }
    expect(header).toContain('aws/karpenter-provider-aws');
    expect(header).toContain('6fc13b5236fd04fd16ff3f9dc7490d0813994099');
    expect(header).toContain('alexei-led/spotinfo');
    expect(header).toContain('ericpauley/aws-spot-price-history');
    expect(header).toContain('NVIDIA/TensorRT');
    expect(header).toContain('mlcommons/inference_results_v');
  });

  it('stays well under the 400 KB budget for a committed module', () => {
    // Prepare / Act
    const bytes = readFileSync(path.join(repoRoot, GENERATED_MODULE_PATH)).byteLength;
    // Assess
    expect(bytes).toBeLessThan(400 * 1024);
  });
});
