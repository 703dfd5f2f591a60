/** `npm run bench`: every figure is printed with its baseline from the same run, as a ratio. */
import { benchBundles } from './bundle-size';
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
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
