/** Read a demand trace CSV from disk (the CLI's `--trace FILE`). */
import { readFileSync } from 'node:fs';
import { parseTraceCsv } from './parse-trace-csv';
import { TraceError } from './trace-error';
import type { TracePoints } from './trace-points';

/**
 * Parse the trace file at `path`; the path as given is the source named in errors and the report.
 *
 * @throws TraceError `traces/missing.csv: trace file not found` (or the system's reason) when it cannot be read,
 *   and every error of {@link parseTraceCsv}
 */
export const readTraceFile = (path: string): TracePoints => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(cause)})`;
    throw new TraceError(`trace file ${reason}`, { source: path, field: 'file' }, { cause });
  }
  return parseTraceCsv(text, path);
};
