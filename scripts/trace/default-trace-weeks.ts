// Cuts the default scenario's five weeks out of the shared NAB NYC taxi trace, with its provenance as `#` header lines.
import { parseTraceCsv } from '../../sim/trace/parse-trace-csv';
import { TraceError } from '../../sim/trace/trace-error';
import { parseUtcTimestamp } from '../../sim/trace/utc-timestamp';

/** The shared file it reads, relative to the shared data directory. */
export const NAB_TRACE_FILE = 'traces/nab_nyc_taxi/nab_nyc_taxi.csv';
/** The file it writes, relative to the repository root. */
export const DEFAULT_TRACE_PATH = 'sim/scenarios/data/nyc-taxi-5-weeks.csv';
/** The NAB commit the shared file was taken from; the shared file's header must name it. */
export const NAB_COMMIT = 'ea702d75cc2258d9d7dd35ca8e5e2539d71f3140';

/**
 * Monday to Monday (UTC), end excluded: four weeks of history the forecaster warms up on, then the simulated week
 * (from 2014-10-06). Chosen away from NAB's labelled anomalies (marathon, Thanksgiving, Christmas, New Year, the
 * January snowstorm), after Labor Day (2014-09-01), before the DST seam (2014-11-02), and complete: 1,680
 * half-hours, none missing.
 */
export const DEFAULT_TRACE_SPAN = { fromIso: '2014-09-08T00:00:00Z', toIso: '2014-10-13T00:00:00Z' } as const;
const HALF_HOURS = 5 * 336;

const HEADER = [
  `# NYC taxi passengers per 30 minutes, five weeks: ${DEFAULT_TRACE_SPAN.fromIso} (Monday) to ${DEFAULT_TRACE_SPAN.toIso} (Monday, excluded), ${HALF_HOURS} rows.`,
  '# the default scenario simulates the last week (from 2014-10-06T00:00:00Z); the four weeks before it are the forecaster\'s warm-up history.',
  `# origin: numenta/NAB data/realKnownCause/nyc_taxi.csv @ ${NAB_COMMIT}; NAB aggregated NYC Taxi & Limousine Commission trip records into 30-minute passenger counts.`,
  '# license: NAB repository license (MIT-style, Copyright Numenta). Underlying TLC data is public.',
  '# cleaning (../shared/data/traces/nab_nyc_taxi/nab_nyc_taxi.csv): source timestamps assumed to be America/New_York local time and converted to UTC; rows of these weeks copied unchanged.',
  '# regenerate: npx tsx scripts/extract-default-trace.ts (reads ../shared/data, or $SHARED_DATA_DIR)',
  'timestamp,value',
];

/**
 * The embedded trace's text, from the shared file's text: the span's data lines byte for byte, under a header
 * naming the origin as the shared README does.
 *
 * @throws TraceError when the shared file does not name {@link NAB_COMMIT} or the span is not 1,680 half-hours
 */
export const extractDefaultTraceWeeks = (sharedText: string): string => {
  const lines = sharedText.split(/\r?\n/);
  if (!lines.some((line) => line.startsWith('#') && line.includes(NAB_COMMIT))) {
    throw new TraceError(`header: does not name numenta/NAB @ ${NAB_COMMIT}; the provenance written would be wrong`, {
      source: NAB_TRACE_FILE,
      line: 1,
      field: 'header',
    });
  }
  const from = parseUtcTimestamp(DEFAULT_TRACE_SPAN.fromIso) ?? 0;
  const to = parseUtcTimestamp(DEFAULT_TRACE_SPAN.toIso) ?? 0;
  const rows = lines.filter((line) => {
    const at = parseUtcTimestamp(line.split(',')[0] ?? '');
    return at !== undefined && at >= from && at < to;
  });
  const text = `${[...HEADER, ...rows].join('\n')}\n`;
  const points = parseTraceCsv(text, DEFAULT_TRACE_PATH);
  if (points.startsMs.length !== HALF_HOURS || points.resolutionSeconds !== 1800 || points.gaps !== 0) {
    throw new TraceError(
      `data: expected ${HALF_HOURS} half-hours from ${DEFAULT_TRACE_SPAN.fromIso}, found ${points.startsMs.length} rows at ${points.resolutionSeconds} s with ${points.gaps} gaps`,
      { source: NAB_TRACE_FILE, field: 'data' },
    );
  }
  return text;
};
