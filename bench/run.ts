/** `npm run bench`: every figure is printed with its baseline from the same run, as a ratio. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAgentLoss } from './agent-loss';
import { benchDrainRelease } from './agent-drain-release';
import { benchAgentOverhead } from './agent-overhead';
import { benchBundles } from './bundle-size';
import { benchCostAnomalyDetection } from './cost-anomaly-detection';
import { benchDefaultScenario } from './default-scenario-table';
import { runForecastAccuracy } from './forecast-accuracy';
import { formatForecastAccuracy } from './forecast-accuracy-table';
import { benchForecastBacktest } from './forecast-backtest';
import { formatForecastBacktest } from './forecast-backtest-format';
import { benchRebalanceBacktest, formatRebalanceBacktest } from './rebalance-backtest';
import { benchSimSpeed } from './sim-speed';
import { benchSpotLatency } from './spot-latency';
import { kib, median, ms, percentile, ratio } from './stats';
import { sharedDataDir } from '../scripts/catalog/read-shared-data';
import { DEFAULT_SEED } from '../sim/scenarios/default-scenario';

const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
const DRAIN_RUNS = Number(process.env.BENCH_DRAIN_RUNS ?? 50);
const LOSS_RUNS = Number(process.env.BENCH_LOSS_RUNS ?? 100);
const FORECAST_WEEKS = Number(process.env.BENCH_FORECAST_WEEKS ?? 1);
const FORECAST_ORIGINS = Number(process.env.BENCH_FORECAST_ORIGINS ?? 120);
const REBALANCE_DAYS = Number(process.env.BENCH_REBALANCE_DAYS ?? 7);
const REBALANCE_STRESS_DAYS = Number(process.env.BENCH_REBALANCE_STRESS_DAYS ?? 3);
const OVERHEAD_REQUESTS = 1000;
const OVERHEAD_ROUNDS = 11;

const us = (value: number): string => `${value.toFixed(1)} µs`;
const s3 = (valueMs: number): string => `${(valueMs / 1000).toFixed(3)} s`;

const printAgent = async (): Promise<void> => {
  const started = performance.now();
  console.log(`\nworker agent: cost per request against calling the Triton twin directly (real time, zero-latency Triton twin, SQS twin; ${OVERHEAD_REQUESTS} requests x ${OVERHEAD_ROUNDS} rounds, medians)`);
  for (const p of await benchAgentOverhead({ concurrencies: [1, 8, 32], requests: OVERHEAD_REQUESTS, rounds: OVERHEAD_ROUNDS })) {
    const agent = median(p.agentUs);
    const direct = median(p.directUs);
    console.log(`  ${String(p.concurrency).padStart(2)} in flight  agent ${us(agent).padStart(9)}  direct ${us(direct).padStart(8)} (baseline)  ratio ${ratio(agent, direct).padStart(6)}  agent's own cost +${us(agent - direct)}`);
  }
  const drain = await benchDrainRelease(DRAIN_RUNS);
  const withReleases = drain.noticeToReleasedMs.length;
  console.log(`\nworker agent: spot notice (deadline 120 s) -> unfinished messages released, ${drain.runs} seeded runs of one agent on twins; VIRTUAL time (the twins' clock), not wall time`);
  console.log(`  notice -> stops receiving         median ${s3(median(drain.noticeToStoppedMs))}  p99 ${s3(percentile(drain.noticeToStoppedMs, 99))}  (IMDS read every 2 s)`);
  console.log(`  notice -> unfinished released     median ${s3(median(drain.noticeToReleasedMs))}  p99 ${s3(percentile(drain.noticeToReleasedMs, 99))}  (${withReleases} of ${drain.runs} runs held work that could not finish; ${drain.released.reduce((a, b) => a + b, 0)} messages; by design at deadline - 10 s safety margin)`);
  console.log(`  notice -> drain acknowledged      median ${s3(median(drain.noticeToDrainedMs))}  p99 ${s3(percentile(drain.noticeToDrainedMs, 99))}  (every held message finished or released)`);
  const loss = await benchAgentLoss(LOSS_RUNS);
  console.log(`\nworker agent: ${loss.runs} seeded random interruptions (2-3 agents; random arrivals, service times, notice time; ${loss.failuresInjected} injected SQS throttles / Triton 503 bursts; the instance gone at its deadline)`);
  console.log(`  messages lost        ${loss.lost} of ${loss.sent} sent (must be 0); ${loss.served} served, ${loss.deadLettered} dead-lettered, ${loss.sent - loss.served - loss.deadLettered} still queued at the end`);
  console.log(`  duplicates           ${loss.duplicates} (${(loss.duplicates / loss.runs).toFixed(2)} per interruption): ${loss.failedDeletes} results delivered whose DeleteMessage failed (each served again if it came back before the end); ${loss.runsWithLapsedHeartbeat} runs where a heartbeat failed 3 times in a row; ${loss.duplicatesOtherwise} in runs with neither`);
  console.log(`  runs where the interrupted agent released unfinished work at its cutoff: ${loss.runsWithReleases}`);
  console.log(`  (worker agent sections: ${((performance.now() - started) / 1000).toFixed(1)} s wall)`);
};

const printForecastAccuracy = async (): Promise<void> => {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const tracesDir = path.join(sharedDataDir(repoRoot, process.env), 'traces');
  console.log(`\nforecast accuracy on every trace of ${tracesDir} with a daily cycle (ours vs seasonal-naive vs augurs MSTL, same origins)`);
  console.log(formatForecastAccuracy(await runForecastAccuracy({ tracesDir, origins: FORECAST_ORIGINS })));
};

const printForecastBacktest = async (): Promise<void> => {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const tracesDir = path.join(sharedDataDir(repoRoot, process.env), 'traces');
  console.log(`\nforecast scaling backtest: every trace of ${tracesDir} with a daily cycle, ${FORECAST_WEEKS} weeks simulated after 28 days of warm-up history (10-s steps, the default fleet, seed ${DEFAULT_SEED})`);
  const { cases, skipped } = await benchForecastBacktest({ tracesDir, weeks: FORECAST_WEEKS });
  for (const s of skipped) console.log(`  skipped ${s.name}: ${s.reason}`);
  for (const line of formatForecastBacktest(cases)) console.log(line);
};

const printRebalanceBacktest = async (): Promise<void> => {
  console.log(`\nrebalancing backtest: the default fleet and trace (NYC taxi, 50-1,000 QPS, 28 days of warm-up), every policy on the same demand, prices and Spot fates (seed ${DEFAULT_SEED}); the seed's static on-demand p3.2xlarge is the baseline`);
  for (const line of formatRebalanceBacktest(await benchRebalanceBacktest({ days: REBALANCE_DAYS, stressDays: REBALANCE_STRESS_DAYS }))) console.log(line);
};

const printCostAnomalies = async (): Promise<void> => {
  console.log('');
  for (const line of await benchCostAnomalyDetection()) console.log(line);
};

const main = async (): Promise<void> => {
  console.log(`GPU Fleet Autopilot benchmarks (node ${process.version}, ${RUNS} handler runs, ${IMPORT_RUNS} cold imports)\n`);
  const { handler, floor } = await benchSpotLatency(RUNS);
  console.log('spot-interruption: spot warning -> last action issued (surge, then drain), on twins');
  console.log(`  handler          median ${ms(median(handler))}  p99 ${ms(percentile(handler, 99))}`);
  console.log(`  bare port calls  median ${ms(median(floor))}  p99 ${ms(percentile(floor, 99))}  (baseline)`);
  console.log(`  ratio            median ${ratio(median(handler), median(floor))}  p99 ${ratio(percentile(handler, 99), percentile(floor, 99))}\n`);
  for (const f of await benchBundles(IMPORT_RUNS)) {
    console.log(`${f.fn}: bundled (one ESM file) vs not bundled (compiled code + node_modules files it loads)`);
    console.log(`  size     bundled ${kib(f.bundledBytes)} (gzip ${kib(f.bundledGzipBytes)})  not bundled ${kib(f.unbundledBytes)} (gzip ${kib(f.unbundledGzipBytes)})  ratio ${ratio(f.bundledBytes, f.unbundledBytes)}`);
    console.log(`  import   bundled median ${ms(median(f.bundledImportMs))}  not bundled median ${ms(median(f.unbundledImportMs))}  ratio ${ratio(median(f.bundledImportMs), median(f.unbundledImportMs))}`);
  }
  console.log('\nsimulation speed: simulated instance-hours per wall-clock second (10-s steps)');
  const { grid, backtest } = await benchSimSpeed();
  const base = grid[0];
  for (const p of [...grid, backtest]) {
    const rate = p.instanceHours / p.wallSeconds;
    const perHour = base ? (p.wallSeconds / p.instanceHours) / (base.wallSeconds / base.instanceHours) : 1;
    console.log(`  ${p.label.padEnd(36)} ${String(p.days).padStart(2)} d  ~${String(p.instancesAtPeak).padStart(4)} instances at peak  ${p.wallSeconds.toFixed(2).padStart(6)} s  ${p.instanceHours.toFixed(0).padStart(8)} instance-h  ${rate.toFixed(0).padStart(8)} instance-h/s  cost per instance-h ${perHour.toFixed(2)}x the 1-day run`);
  }
  console.log('\ndefault scenario (npm start), policy table:');
  console.log(await benchDefaultScenario());
  await printForecastAccuracy();
  await printForecastBacktest();
  await printRebalanceBacktest();
  await printCostAnomalies();
  await printAgent();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
