// Regenerates sim/scenarios/data/nyc-taxi-5-weeks.csv (the default scenario's trace) from ../shared/data (or $SHARED_DATA_DIR).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from './catalog/read-shared-data';
import { DEFAULT_TRACE_PATH, extractDefaultTraceWeeks, NAB_TRACE_FILE } from './trace/default-trace-weeks';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourcePath = path.join(sharedDataDir(repoRoot, process.env), NAB_TRACE_FILE);
const text = extractDefaultTraceWeeks(readFileSync(sourcePath, 'utf8'));
writeFileSync(path.join(repoRoot, DEFAULT_TRACE_PATH), text);
console.log(`wrote ${DEFAULT_TRACE_PATH} (${text.split('\n').length - 1} lines) from ${sourcePath}`);
