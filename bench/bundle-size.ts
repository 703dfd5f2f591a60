/**
 * Each function's deployable size and cold-start import time, bundled (everything in one minified ESM file,
 * as serverless-esbuild ships it) vs not bundled (our code compiled, dependencies loaded from node_modules,
 * as a Lambda layer of node_modules would ship them). Import time is measured in fresh node processes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { median } from './stats';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.bench');

const COMMON: BuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  metafile: true,
  logLevel: 'silent',
};

/** The environment the deployed handler reads at cold start (no AWS call is made by importing it). */
const IMPORT_ENV = {
  ...process.env,
  STAGE: 'bench', AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench',
  LEDGER_TABLE: 'bench-ledger', FLEETS_FILE: join(ROOT, 'config/fleets.yaml'), KILL_SWITCH_PARAM: '/bench/kill-switch',
  SLACK_SECRET_PARAM: '/bench/slack', SCHEDULER_GROUP: 'bench', SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/bench',
  SCHEDULER_TARGET_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:bench', ALARM_PREFIX: 'gpu-fleet-autopilot-bench', ACCOUNT_ID: '123456789012', POWERTOOLS_LOG_LEVEL: 'SILENT',
};

const importMs = (file: string): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { env: IMPORT_ENV, cwd: ROOT }).toString());
};

export interface BundleFigures {
  fn: string;
  bundledBytes: number;
  bundledGzipBytes: number;
  unbundledBytes: number;
  unbundledGzipBytes: number;
  bundledImportMs: number[];
  unbundledImportMs: number[];
}

export const benchBundles = async (runs: number): Promise<BundleFigures[]> => {
  const fns = readdirSync(join(ROOT, 'functions')).filter((d) => existsSync(join(ROOT, 'functions', d, 'handler.ts')));
  const figures: BundleFigures[] = [];
  for (const fn of fns) {
    const entry = join(ROOT, 'functions', fn, 'handler.ts');
    const bundledDir = join(OUT, fn, 'bundled');
    const externalDir = join(OUT, fn, 'external');
    mkdirSync(bundledDir, { recursive: true });
    mkdirSync(externalDir, { recursive: true });
    const full = await build({ ...COMMON, entryPoints: { handler: entry }, outdir: bundledDir });
    await build({ ...COMMON, entryPoints: { handler: entry }, outdir: externalDir, packages: 'external' });
    const bundledFile = join(bundledDir, 'handler.mjs');
    const externalFile = join(externalDir, 'handler.mjs');
    // Not bundled ships our compiled code plus every dependency file the bundle drew from node_modules.
    const depFiles = Object.keys(full.metafile?.inputs ?? {}).filter((p) => p.includes('node_modules/'));
    const depBytes = depFiles.map((p) => readFileSync(join(ROOT, p)));
    const unbundledBytes = statSync(externalFile).size + depBytes.reduce((a, b) => a + b.length, 0);
    const unbundledGzipBytes = gzipSync(readFileSync(externalFile)).length + depBytes.reduce((a, b) => a + gzipSync(b).length, 0);
    const bundledImportMs: number[] = [];
    const unbundledImportMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      bundledImportMs.push(importMs(bundledFile));
      unbundledImportMs.push(importMs(externalFile));
    }
    figures.push({
      fn,
      bundledBytes: statSync(bundledFile).size,
      bundledGzipBytes: gzipSync(readFileSync(bundledFile)).length,
      unbundledBytes,
      unbundledGzipBytes,
      bundledImportMs,
      unbundledImportMs,
    });
  }
  return figures;
};

export { median };
