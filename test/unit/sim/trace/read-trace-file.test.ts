// Reading a trace file from disk: the path is the source named in errors, a missing file says so.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTraceFile } from '../../../../sim/trace/read-trace-file';
import { TraceError } from '../../../../sim/trace/trace-error';
import { caught } from './trace-csv-factory';

describe('readTraceFile', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trace-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('parses the file and names it as the source', () => {
    // Prepare
    const file = path.join(dir, 'requests.csv');
    writeFileSync(file, 'timestamp,value\n2026-11-01T00:00:00Z,5\n2026-11-01T00:01:00Z,6\n');
    // Act
    const points = readTraceFile(file);
    // Assess
    expect(points.source).toBe(file);
    expect(Array.from(points.requests)).toEqual([5, 6]);
  });

  it('names the file, line and field of a bad line', () => {
    // Prepare
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'timestamp,value\n2026-11-01T00:00:00Z,5\n2026-11-01T00:01:00Z,five\n');
    // Act
    const error = caught(() => readTraceFile(file));
    // Assess
    expect((error as TraceError).message).toBe(`${file} line 3: value: "five" is not a number`);
  });

  it('says a missing file was not found', () => {
    // Prepare
    const file = path.join(dir, 'missing.csv');
    // Act
    const error = caught(() => readTraceFile(file));
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    expect((error as TraceError).message).toBe(`${file}: trace file not found`);
    expect((error as TraceError).field).toBe('file');
  });

  it('says a directory is not a trace file', () => {
    // Act
    const error = caught(() => readTraceFile(dir));
    // Assess
    expect((error as TraceError).message).toBe(`${dir}: trace file is a directory`);
  });
});
