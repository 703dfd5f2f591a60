// `autopilot simulate` as a user runs it: options, bad input naming the line or field, JSON and HTML output.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OptionError, parseSimulateOptions } from '../../../cli/simulate/simulate-options';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/autopilot.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('autopilot simulate', () => {
  it('reads its options and defaults', () => {
    expect(parseSimulateOptions([], { seed: 1, days: 7 })).toMatchObject({ days: 7, seed: 1, stepSeconds: 10, json: false, policies: ['static', 'reactive', 'reactive-spot', 'autopilot'] });
    expect(parseSimulateOptions(['--days', '2', '--policy', 'static,autopilot', '--peak', '500', '--trough', '20'], { seed: 1, days: 7 })).toMatchObject({
      days: 2,
      policies: ['static', 'autopilot'],
      peakQps: 500,
      troughQps: 20,
    });
  });

  it.each([
    [['--policy', 'magic'], /--policy magic: unknown/],
    [['--step', '30'], /--step 30: must be a whole number of seconds from 1 to 10/],
    [['--days', '0'], /--days 0/],
    [['--peak', '100'], /--peak and --trough go together/],
    [['--peak', '10', '--trough', '20'], /--trough 20 is above --peak 10/],
  ])('names the bad option: %s', (args, message) => {
    expect(() => parseSimulateOptions(args, { seed: 1, days: 7 })).toThrow(OptionError);
    expect(() => parseSimulateOptions(args, { seed: 1, days: 7 })).toThrow(message);
  });

  it('runs a user trace for a day, prints JSON and writes the HTML report', () => {
    // Prepare: a CloudWatch-style export, 5-minute sums, one day
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const trace = join(dir, 'trace.csv');
    const lines = ['# NumberOfMessagesSent, Sum, 5 minutes', 'timestamp,value'];
    for (let i = 0; i < 288; i += 1) lines.push(`${new Date(Date.UTC(2026, 10, 2) + i * 300_000).toISOString()},${Math.round(30_000 + 20_000 * Math.sin(i / 46))}`);
    writeFileSync(trace, lines.join('\n'));
    const html = join(dir, 'report.html');
    // Act
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'cli/autopilot.ts', 'simulate', '--trace', trace, '--days', '1', '--policy', 'static,reactive', '--json', '--html', html], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    // Assess
    const report = JSON.parse(out) as { policies: { policy: string; requests: { lost: number } }[]; oracle: { totalUsd: number } };
    expect(report.policies.map((p) => p.policy)).toEqual(['static (p3.2xlarge, on-demand)', 'reactive (on-demand)']);
    expect(report.policies.every((p) => p.requests.lost === 0)).toBe(true);
    expect(report.oracle.totalUsd).toBeGreaterThan(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('names the line and field of a bad trace, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const trace = join(dir, 'bad.csv');
    writeFileSync(trace, 'timestamp,value\n2026-11-02T00:00:00Z,10\n2026-11-02T00:05:00Z,lots\n');
    const result = cli(['simulate', '--trace', trace, '--days', '1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/line 3: value: "lots" is not a number/);
  });
});
