// Renders the catalog data as the TypeScript module layers/core/catalog/catalog.generated.ts.
import type { CatalogData } from '../../layers/core/catalog/catalog-data';
import type { SourceProvenance } from './build-catalog-data';

/** Where the generated module lives, relative to the repository root. */
export const GENERATED_MODULE_PATH = 'layers/core/catalog/catalog.generated.ts';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const keyText = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

/** One value on one line: used for table rows and small records. */
const inline = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (isPlainObject(value)) return `{ ${Object.entries(value).map(([k, v]) => `${keyText(k)}: ${inline(v)}`).join(', ')} }`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  throw new TypeError(`cannot render ${typeof value}`);
};

const isLeaf = (value: unknown): boolean =>
  !Array.isArray(value) && !isPlainObject(value);

/** Objects holding only leaves, and arrays of leaves, go on one line; everything else is broken up. */
const fitsOnOneLine = (value: unknown): boolean =>
  isLeaf(value) ||
  (Array.isArray(value) && value.every(isLeaf)) ||
  (isPlainObject(value) && Object.values(value).every((v) => isLeaf(v) || (Array.isArray(v) && v.every(isLeaf))));

const block = (value: unknown, depth: number): string => {
  if (fitsOnOneLine(value)) return inline(value);
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (Array.isArray(value)) return `[\n${value.map((v) => `${pad}${block(v, depth + 1)},\n`).join('')}${close}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, v]) => `${pad}${keyText(k)}: ${block(v, depth + 1)},\n`).join('')}${close}}`;
};

const header = (sources: readonly SourceProvenance[]): string => {
  const lines = [
    '// Generated catalog data (instance types, Spot advisor, Spot prices, BERT latency tables): run `npm run catalog`, do not edit.',
    '//',
    '// Written by scripts/build-catalog.ts from ../shared/data. Each source file below is followed by its own',
    '// `#` provenance lines (repository, path, commit, licence), copied verbatim:',
  ];
  for (const source of sources) {
    lines.push('//', `// ${source.file}`, ...source.lines.map((line) => `//   ${line}`));
  }
  return lines.join('\n');
};

/** The full module text: deterministic for the same input, so a test can compare it with the committed file. */
export const renderCatalogModule = (data: CatalogData, sources: readonly SourceProvenance[]): string =>
  `${header(sources)}\nimport type { CatalogData } from './catalog-data';\n\n` +
  `/** Everything the catalog knows, extracted from ../shared/data (see the header for each file's origin). */\n` +
  `export const CATALOG_DATA: CatalogData = ${block(data, 0)};\n`;
