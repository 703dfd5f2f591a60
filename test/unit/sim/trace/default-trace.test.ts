// The embedded default week: where it comes from (reproducible from ../shared/data) and what it holds.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../../scripts/catalog/read-shared-data';
import { DEFAULT_TRACE_PATH, extractDefaultTraceWeek, NAB_COMMIT, NAB_TRACE_FILE } from '../../../../scripts/trace/default-trace-week';
import { DEFAULT_TRACE_SOURCE, loadDefaultTrace } from '../../../../sim/scenarios/default-trace';
import { TraceError } from '../../../../sim/trace/trace-error';
import { caught } from './trace-csv-factory';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const committed = readFileSync(path.join(repoRoot, DEFAULT_TRACE_PATH), 'utf8');

describe('loadDefaultTrace', () => {
  it('holds one complete week of half-hours, Monday 00:00 to Monday 00:00 UTC', () => {
    // Act
    const week = loadDefaultTrace();
    // Assess
    expect(week.source).toBe(DEFAULT_TRACE_SOURCE);
    expect([week.startsMs.length, week.resolutionSeconds, week.gaps]).toEqual([336, 1800, 0]);
    expect(week.startsMs[0]).toBe(Date.UTC(2014, 9, 6));
    expect(week.endMs).toBe(Date.UTC(2014, 9, 13));
    expect(new Date(week.startsMs[0] ?? 0).getUTCDay()).toBe(1);
  });

  it('names its origin, commit and license in its header', () => {
    // Act
    const header = committed.split('\n').filter((line) => line.startsWith('#'));
    // Assess
    expect(header.join('\n')).toContain(`numenta/NAB data/realKnownCause/nyc_taxi.csv @ ${NAB_COMMIT}`);
    expect(header.join('\n')).toContain('MIT-style');
    expect(header.join('\n')).toContain('converted to UTC');
  });
});

describe('extractDefaultTraceWeek', () => {
  it('regenerates the committed file from ../shared/data (or, without it, from the committed rows)', () => {
    // Prepare
    const shared = path.join(sharedDataDir(repoRoot, process.env), NAB_TRACE_FILE);
    const source = existsSync(shared) ? readFileSync(shared, 'utf8') : `# ${NAB_COMMIT}\n${committed}`;
    // Act
    const text = extractDefaultTraceWeek(source);
    // Assess: a mismatch means the extraction changed; run `npx tsx scripts/extract-default-trace.ts`.
    expect(text).toBe(committed);
  });

  it('refuses a source that does not name the NAB commit, so the provenance cannot drift', () => {
    // Act
    const error = caught(() => extractDefaultTraceWeek(committed.replaceAll(NAB_COMMIT, 'another-commit')));
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    expect((error as TraceError).field).toBe('header');
  });

  it('refuses a source missing rows of the week', () => {
    // Prepare
    const withoutOneRow = committed.replace('2014-10-08T12:00:00Z', '2014-10-01T12:00:00Z');
    // Act
    const error = caught(() => extractDefaultTraceWeek(withoutOneRow));
    // Assess
    expect((error as TraceError).message).toMatch(/expected 336 half-hours from 2014-10-06T00:00:00Z, found 335 rows/);
  });
});
