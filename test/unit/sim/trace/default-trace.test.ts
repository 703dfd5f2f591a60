// The embedded default weeks: where they come from (reproducible from ../shared/data) and what they hold.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../../scripts/catalog/read-shared-data';
import { DEFAULT_TRACE_PATH, extractDefaultTraceWeeks, NAB_COMMIT, NAB_TRACE_FILE } from '../../../../scripts/trace/default-trace-weeks';
import { defaultTrace } from '../../../../sim/scenarios/default-scenario';
import { DEFAULT_RUN_START_MS, DEFAULT_TRACE_SOURCE, DEFAULT_WARMUP_DAYS, loadDefaultTrace } from '../../../../sim/scenarios/default-trace';
import { TraceError } from '../../../../sim/trace/trace-error';
import { caught, sum } from './trace-csv-factory';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const committed = readFileSync(path.join(repoRoot, DEFAULT_TRACE_PATH), 'utf8');

describe('loadDefaultTrace', () => {
  it('holds five complete weeks of half-hours, Monday 00:00 to Monday 00:00 UTC', () => {
    // Act
    const weeks = loadDefaultTrace();
    // Assess
    expect(weeks.source).toBe(DEFAULT_TRACE_SOURCE);
    expect([weeks.startsMs.length, weeks.resolutionSeconds, weeks.gaps]).toEqual([1680, 1800, 0]);
    expect(weeks.startsMs[0]).toBe(Date.UTC(2014, 8, 8));
    expect(weeks.endMs).toBe(Date.UTC(2014, 9, 13));
    expect(new Date(weeks.startsMs[0] ?? 0).getUTCDay()).toBe(1);
  });

  it('leaves four weeks of history before the simulated week, which starts on a Monday', () => {
    // Act
    const weeks = loadDefaultTrace();
    // Assess
    expect(DEFAULT_RUN_START_MS - (weeks.startsMs[0] ?? 0)).toBe(DEFAULT_WARMUP_DAYS * 86_400_000);
    expect(weeks.endMs - DEFAULT_RUN_START_MS).toBe(7 * 86_400_000);
    expect(new Date(DEFAULT_RUN_START_MS).getUTCDay()).toBe(1);
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

describe('defaultTrace', () => {
  it('simulates the last week and carries the four weeks before it as one-minute warm-up history', () => {
    // Act
    const demand = defaultTrace(7);
    // Assess
    expect(demand.startMs).toBe(DEFAULT_RUN_START_MS);
    expect(demand.repeated).toBe(false);
    expect(demand.warmup?.stepSeconds).toBe(60);
    expect(demand.warmup?.arrivals.length).toBe(28 * 1440);
    expect(demand.warmup?.startMs).toBe(DEFAULT_RUN_START_MS - 28 * 86_400_000);
    // Same rescale: the history's mean rate is of the run's order (both within 50..1,000 QPS).
    const historyQps = sum(demand.warmup?.arrivals ?? []) / (28 * 86_400);
    const runQps = sum(demand.arrivals) / (7 * 86_400);
    expect(historyQps).toBeGreaterThan(50);
    expect(historyQps).toBeLessThan(1000);
    expect(Math.abs(historyQps - runQps) / runQps).toBeLessThan(0.2);
  });
});

describe('extractDefaultTraceWeeks', () => {
  it('regenerates the committed file from ../shared/data (or, without it, from the committed rows)', () => {
    // Prepare
    const shared = path.join(sharedDataDir(repoRoot, process.env), NAB_TRACE_FILE);
    const source = existsSync(shared) ? readFileSync(shared, 'utf8') : `# ${NAB_COMMIT}\n${committed}`;
    // Act
    const text = extractDefaultTraceWeeks(source);
    // Assess: a mismatch means the extraction changed; run `npx tsx scripts/extract-default-trace.ts`.
    expect(text).toBe(committed);
  });

  it('refuses a source that does not name the NAB commit, so the provenance cannot drift', () => {
    // Act
    const error = caught(() => extractDefaultTraceWeeks(committed.replaceAll(NAB_COMMIT, 'another-commit')));
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    expect((error as TraceError).field).toBe('header');
  });

  it('refuses a source missing rows of the span', () => {
    // Prepare
    const withoutOneRow = committed.replace('2014-10-08T12:00:00Z', '2014-08-01T12:00:00Z');
    // Act
    const error = caught(() => extractDefaultTraceWeeks(withoutOneRow));
    // Assess
    expect((error as TraceError).message).toMatch(/expected 1680 half-hours from 2014-09-08T00:00:00Z, found 1679 rows/);
  });
});
