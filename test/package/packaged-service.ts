// Reads what `serverless package` left in its output directory: the update-stack template and a function's zip.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate } from './template-queries';
import { readZipEntries, type ZipEntry } from './zip-entries';

export interface PackagedService {
  template: CfnTemplate;
  zip: ZipEntry[];
  zipBytes: number;
}

/** The template and the zip of `functionKey` (its key under `functions:` in serverless.yml). */
export const readPackagedService = (outDir: string, functionKey: string): PackagedService => {
  const zipPath = join(outDir, `${functionKey}.zip`);
  return {
    template: JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8')),
    zip: readZipEntries(zipPath),
    zipBytes: statSync(zipPath).size,
  };
};

const kib = (bytes: number): string => `${Math.round(bytes / 1024)} KiB`;

/** `x.zip: 1228 KiB zipped; unzipped: a 1 KiB, b 1758 KiB`, for the test log. */
export const describeZipSizes = (name: string, packaged: PackagedService): string =>
  `${name}: ${kib(packaged.zipBytes)} zipped; unzipped: ${packaged.zip
    .map((file) => `${file.name} ${kib(file.uncompressedBytes)}`)
    .join(', ')}`;
