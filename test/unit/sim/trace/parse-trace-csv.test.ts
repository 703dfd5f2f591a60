// Parsing trace CSVs: the shared traces (or the embedded week), CloudWatch-style exports, and errors naming line and field.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../../scripts/catalog/read-shared-data';
import { loadDefaultTrace } from '../../../../sim/scenarios/default-trace';
import { parseTraceCsv } from '../../../../sim/trace/parse-trace-csv';
import { TraceError } from '../../../../sim/trace/trace-error';
import { caught, sum } from './trace-csv-factory';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = sharedDataDir(repoRoot, process.env);
const NAB = path.join(dataDir, 'traces/nab_nyc_taxi/nab_nyc_taxi.csv');
const AZURE_SECOND = path.join(dataDir, 'traces/azure_llm_inference_2023_code/azure_llm_inference_2023_code_per_second.csv');
const AZURE_MINUTE = path.join(dataDir, 'traces/azure_llm_inference_2023_code/azure_llm_inference_2023_code_per_minute.csv');
const hasSharedTraces = [NAB, AZURE_SECOND, AZURE_MINUTE].every((file) => existsSync(file));

const max = (values: Float64Array): number => values.reduce((a, b) => Math.max(a, b), -Infinity);
const min = (values: Float64Array): number => values.reduce((a, b) => Math.min(a, b), Infinity);

describe('parseTraceCsv on real traces', () => {
  it('reads the shared NAB and Azure traces (or, without ../shared/data, the embedded week) at their resolutions', () => {
    if (hasSharedTraces) {
      // Act
      const nab = parseTraceCsv(readFileSync(NAB, 'utf8'), NAB);
      const perSecond = parseTraceCsv(readFileSync(AZURE_SECOND, 'utf8'), AZURE_SECOND);
      const perMinute = parseTraceCsv(readFileSync(AZURE_MINUTE, 'utf8'), AZURE_MINUTE);
      // Assess: figures from ../shared/data/README.md
      expect(nab.startsMs.length).toBe(10_320);
      expect(nab.resolutionSeconds).toBe(1800);
      expect(nab.startsMs[0]).toBe(Date.UTC(2014, 6, 1, 4, 0));
      expect(nab.endMs).toBe(Date.UTC(2015, 1, 1, 5, 0));
      expect([min(nab.requests), max(nab.requests)]).toEqual([8, 39_197]);
      // The DST fall-back left UTC 06:00 and 06:30 of 2014-11-02 without a row: one gap of an hour.
      expect([nab.gaps, nab.gapSeconds]).toEqual([1, 3600]);
      expect([perSecond.startsMs.length, perSecond.resolutionSeconds, perSecond.gaps, max(perSecond.requests)]).toEqual([3437, 1, 0, 67]);
      expect([perMinute.startsMs.length, perMinute.resolutionSeconds, perMinute.gaps, max(perMinute.requests)]).toEqual([58, 60, 0, 585]);
      // Both Azure files count the same 8,819 requests; the token columns are ignored.
      expect(sum(perSecond.requests)).toBe(8819);
      expect(sum(perMinute.requests)).toBe(8819);
    } else {
      // Act
      const week = loadDefaultTrace();
      // Assess
      expect([week.startsMs.length, week.resolutionSeconds, week.gaps]).toEqual([336, 1800, 0]);
      expect(week.endMs - (week.startsMs[0] ?? 0)).toBe(7 * 86_400_000);
    }
  });
});

describe('parseTraceCsv formats', () => {
  it('reads a CloudWatch-style export: quoted fields, +00:00 zone, CRLF, BOM, comments and blank lines', () => {
    // Prepare
    const text = '\uFEFF# exported from CloudWatch\r\n"Timestamp","RequestCount"\r\n\r\n"2026-11-01T00:05:00+00:00","120"\r\n"2026-11-01T00:10:00+00:00","80.5"\r\n';
    // Act
    const points = parseTraceCsv(text, 'cw.csv');
    // Assess
    expect(Array.from(points.startsMs)).toEqual([Date.UTC(2026, 10, 1, 0, 5), Date.UTC(2026, 10, 1, 0, 10)]);
    expect(Array.from(points.requests)).toEqual([120, 80.5]);
    expect(points.resolutionSeconds).toBe(300);
    expect(points.endMs).toBe(Date.UTC(2026, 10, 1, 0, 15));
  });

  it('reads date-times without a zone as UTC and needs no header', () => {
    // Act
    const points = parseTraceCsv('2026-11-01 00:05:00,1\n2026-11-01 00:06:00,2\n', 'plain.csv');
    // Assess
    expect(points.startsMs[0]).toBe(Date.UTC(2026, 10, 1, 0, 5));
    expect(points.resolutionSeconds).toBe(60);
  });

  it('takes the most common spacing as the resolution and counts the missing datapoints as gaps', () => {
    // Prepare: 5-minute data with 00:15 missing and 00:35 to 00:50 missing (CloudWatch omits empty periods)
    const minutes = [0, 5, 10, 20, 25, 30, 35, 50, 55];
    const text = minutes.map((m) => `2026-11-01T00:${String(m).padStart(2, '0')}:00Z,10`).join('\n');
    // Act
    const points = parseTraceCsv(text, 'gappy.csv');
    // Assess
    expect(points.resolutionSeconds).toBe(300);
    expect(points.gaps).toBe(2);
    expect(points.gapSeconds).toBe(300 + 600);
  });
});

describe('parseTraceCsv errors', () => {
  const header = 'timestamp,value\n';
  it.each([
    ['a value that is not a number', `${header}2014-07-01T04:00:00Z,1\n2014-07-01T04:30:00Z,abc\n`, 3, 'value', 'trace.csv line 3: value: "abc" is not a number'],
    ['a missing value', `${header}2014-07-01T04:00:00Z,1\n2014-07-01T04:30:00Z\n`, 3, 'value', 'trace.csv line 3: value: missing'],
    ['a negative value', `${header}2014-07-01T04:00:00Z,-3\n2014-07-01T04:30:00Z,1\n`, 2, 'value', 'trace.csv line 2: value: -3 is negative'],
    ['NaN as a value', `${header}2014-07-01T04:00:00Z,NaN\n2014-07-01T04:30:00Z,1\n`, 2, 'value', 'trace.csv line 2: value: "NaN" is not a number'],
    ['a timestamp that is not ISO-8601', `# c\n${header}2014-07-01T04:00:00Z,1\n07/01/2014 04:30,2\n`, 4, 'timestamp', 'trace.csv line 4: timestamp: "07/01/2014 04:30" is not ISO-8601'],
    [
      'a timestamp going backwards',
      `${header}2014-07-01T05:30:00Z,1\n2014-07-01T05:00:00Z,2\n`,
      3,
      'timestamp',
      'trace.csv line 3: timestamp: goes backwards (2014-07-01T05:00:00Z after 2014-07-01T05:30:00Z on line 2)',
    ],
    ['a duplicate timestamp', `${header}2014-07-01T05:00:00Z,1\n\n2014-07-01T05:00:00+00:00,2\n`, 4, 'timestamp', 'trace.csv line 4: timestamp: duplicate of line 2 (2014-07-01T05:00:00Z)'],
    ['a single data line', `# only one\n${header}2014-07-01T05:00:00Z,1\n`, 3, 'data', 'trace.csv line 3: data: a trace needs at least 2 data lines'],
    ['an empty file', '', 1, 'data', 'trace.csv line 1: data: a trace needs at least 2 data lines to know its resolution, found 0'],
  ])('rejects %s, naming the source, line and field', (_case, text, line, field, message) => {
    // Act
    const error = caught(() => parseTraceCsv(text, 'trace.csv'));
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    const traceError = error as TraceError;
    expect(traceError.message.startsWith(message)).toBe(true);
    expect([traceError.source, traceError.line, traceError.field, traceError.retryable]).toEqual(['trace.csv', line, field, false]);
  });
});
