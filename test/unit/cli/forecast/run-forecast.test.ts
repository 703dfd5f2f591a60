// `autopilot forecast` end to end on a trace file: the forecaster's table, JSON and plot, and errors that name the flag.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseForecastOptions } from '../../../../cli/forecast/forecast-options';
import { runForecast } from '../../../../cli/forecast/run-forecast';
import { OptionError } from '../../../../cli/simulate/simulate-options';
import { TraceError } from '../../../../sim/trace/trace-error';

const T0 = Date.UTC(2026, 10, 2);
const HALF_HOUR_MS = 1_800_000;
const dir = mkdtempSync(path.join(tmpdir(), 'forecast-cli-'));

/** Three days of half-hourly counts with a daily cycle (a trough at 04:00, a peak at 16:00). */
const traceFile = (): string => {
  const rows = Array.from({ length: 144 }, (_, i) => {
    const hour = (i / 2) % 24;
    const value = Math.round(1000 + 800 * Math.sin(((hour - 10) / 24) * 2 * Math.PI));
    return `${new Date(T0 + i * HALF_HOUR_MS).toISOString()},${value}`;
  });
  const file = path.join(dir, 'daily.csv');
  writeFileSync(file, ['# synthetic daily cycle', 'timestamp,value', ...rows].join('\n'));
  return file;
};

const run = async (argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  let stdout = '';
  let stderr = '';
  const code = await runForecast(parseForecastOptions(argv), { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
};

const rejection = async (argv: string[]): Promise<unknown> => run(argv).then(() => undefined, (error: unknown) => error);

describe('autopilot forecast', () => {
  it('forecasts the horizon from the end of the trace, one line per step, bounds around the point', async () => {
    // Act
    const { code, stdout } = await run(['--trace', traceFile(), '--horizon', '1h']);
    // Assess
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('from 2026-11-05 00:00 UTC, 1 h ahead in 5 min steps');
    expect(lines[2]).toMatch(/^model: (daily-holt-winters|seasonal-naive): 3\.0 days of history/);
    const rows = lines.slice(6).map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 12 }, (_, i) => new Date(T0 + 3 * 86_400_000 + i * 300_000).toISOString().slice(0, 16).replace('T', ' ')));
    for (const r of rows) {
      const [point, lo80, hi80, lo95, hi95] = r.slice(1).map((v) => Number(v.replaceAll(',', '')));
      expect([lo95, lo80, point, hi80, hi95]).toEqual([...[lo95, lo80, point, hi80, hi95]].sort((a = 0, b = 0) => a - b));
    }
  });

  it('forecasts from --at inside the trace and shows what happened next', async () => {
    // Act
    const { stdout } = await run(['--trace', traceFile(), '--horizon', '30m', '--at', '2026-11-04T16:02:00Z', '--json']);
    // Assess: the origin is rounded down to the step; a 30-minute count is spread over its six 5-minute steps
    const json = JSON.parse(stdout) as { origin: string; rows: { time: string; point: number; actual?: number }[] };
    expect(json.origin).toBe('2026-11-04T16:00:00.000Z');
    expect(json.rows).toHaveLength(6);
    expect(json.rows.every((r) => r.actual === 1800 / 6)).toBe(true);
    expect(json.rows.every((r) => Math.abs(r.point - 300) < 60)).toBe(true);
  });

  it('writes the plot with --html and says where', async () => {
    // Prepare
    const out = path.join(dir, 'forecast.html');
    // Act
    const { stderr } = await run(['--trace', traceFile(), '--html', out]);
    // Assess
    expect(stderr).toBe(`plot written to ${out}\n`);
    expect(readFileSync(out, 'utf8')).toContain('<svg');
  });

  it.each([
    [['--at', '2026-11-06T00:00:00Z'], OptionError, /--at 2026-11-06T00:00:00Z: after the trace's end \(2026-11-05T00:00:00Z\)/],
    [['--at', '2026-11-02T00:03:00Z'], OptionError, /--at 2026-11-02T00:03:00Z: leaves no whole 5-minute step of history/],
  ])('rejects %j naming the flag', async (extra, type, message) => {
    // Act
    const error = await rejection(['--trace', traceFile(), ...extra]);
    // Assess
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
  });

  it('names a missing trace file', async () => {
    // Act
    const error = await rejection(['--trace', path.join(dir, 'missing.csv')]);
    // Assess
    expect(error).toBeInstanceOf(TraceError);
    expect((error as Error).message).toMatch(/missing\.csv: trace file not found/);
  });
});
