#!/usr/bin/env node
// `autopilot-agent ...`: runs the worker agent's TypeScript CLI through tsx (no build step), passing signals on.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'agent/cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
// systemd sends SIGTERM to the whole control group, but a kill of this pid alone must reach the agent too: its drain
// starts on SIGTERM. The child gets each signal once; this wrapper only waits for its exit code.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
