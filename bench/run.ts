/** `npm run bench`: every figure is printed with its baseline from the same run, as a ratio. */
import { benchBundles } from './bundle-size';
import { benchDefaultScenario } from './default-scenario-table';
import { benchSimSpeed } from './sim-speed';
import { benchSpotLatency } from './spot-latency';
import { kib, median, ms, percentile, ratio } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);

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
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
