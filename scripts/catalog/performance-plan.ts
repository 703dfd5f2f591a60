// Decides, per catalog GPU, whether its latency curve is measured (TensorRT demo) or scaled by an MLPerf ratio.
import type { MlperfLeg, PerformanceSource, TensorrtTable } from '../../layers/core/catalog/catalog-data';
import { CatalogSourceError } from './catalog-source-error';
import { compareInRounds, type AcceleratorSelector, type MlperfServerRow } from './mlperf-ratios';

// The TensorRT demo's A100 is a 40 GB part without a form factor; p4d (the AWS A100) is SXM4, and NVIDIA runs
// its demos on DGX (SXM) machines, so the MLPerf reference is narrowed to SXM rows.
const A100_SXM: AcceleratorSelector = { name: 'A100-SXM', family: 'A100', acceleratorPattern: /SXM/i };
const H100_SXM: AcceleratorSelector = { name: 'H100-SXM', family: 'H100', acceleratorPattern: /SXM/i };
const H200_SXM: AcceleratorSelector = { name: 'H200-SXM', family: 'H200', acceleratorPattern: /SXM/i };
const A10: AcceleratorSelector = { name: 'A10', family: 'A10' };
const L4: AcceleratorSelector = { name: 'L4', family: 'L4' };

/** A10G (AWS g5) versus the A10 that MLPerf measured. See layers/core/catalog/README.md, "A10G". */
export const A10G_VERSUS_A10 = 0.8;
const A10G_REASON =
  'A10G is an AWS-only variant of the A10 with the same 24 GB / 600 GB/s memory but lower tensor-core ' +
  'throughput (Baseten, "NVIDIA A10 vs A10G for ML model inference"); BERT at batch >= 4 is tensor-core bound, ' +
  'so a 20% haircut is taken. The size of the haircut is a judgement, not a measurement.';

interface RatioPlan {
  readonly legs: readonly (readonly [AcceleratorSelector, AcceleratorSelector])[];
  readonly extraFactor: number;
  readonly extraFactorReason: string;
}

/** GPUs without TensorRT demo data, each scaled from the A100 table (the reference with the most MLPerf rounds). */
const RATIO_PLANS: Readonly<Record<string, RatioPlan>> = {
  a10g: { legs: [[A10, A100_SXM]], extraFactor: A10G_VERSUS_A10, extraFactorReason: A10G_REASON },
  l4: { legs: [[L4, A100_SXM]], extraFactor: 1, extraFactorReason: 'none' },
  h100: { legs: [[H100_SXM, A100_SXM]], extraFactor: 1, extraFactorReason: 'none (p5 carries H100 SXM)' },
  // H200 and A100 never share a round: chain through H100-SXM, which shares one with each.
  h200: { legs: [[H200_SXM, H100_SXM], [H100_SXM, A100_SXM]], extraFactor: 1, extraFactorReason: 'none' },
};
const RATIO_TABLE = 'a100';

/** GPUs whose INT8 path is no faster than FP16 (no INT8 tensor cores). */
const INT8_USES_FP16: ReadonlySet<string> = new Set(['v100']);

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;
const shortCommit = (commit: string): string => commit.slice(0, 7);

const legText = (leg: MlperfLeg): string =>
  `${leg.target}/${leg.reference} ${leg.ratio} (rounds ${leg.rounds.map((r) => r.round).join(', ')})`;

/** The performance source of every GPU that has one: tables first, then the MLPerf-scaled estimates. */
export const planPerformance = (
  tables: Readonly<Record<string, TensorrtTable>>,
  mlperfRows: readonly MlperfServerRow[],
): Record<string, PerformanceSource> => {
  const sources: Record<string, PerformanceSource> = {};
  for (const [gpu, table] of Object.entries(tables)) {
    const int8UsesFp16 = INT8_USES_FP16.has(gpu);
    const measured = `TensorRT BERT demo table for ${table.gpuLabel}, NVIDIA/TensorRT demo/BERT/README.md @ ${shortCommit(table.sourceCommit)} (${table.commitDate.slice(0, 10)})`;
    const fp16Note = int8UsesFp16 ? '; no INT8 tensor cores, so INT8 uses the FP16 rows' : '';
    sources[gpu] = { kind: 'tensorrt-demo', table: gpu, int8UsesFp16, note: `${measured}${fp16Note}` };
  }
  const reference = tables[RATIO_TABLE];
  if (reference === undefined) throw new CatalogSourceError(`no TensorRT table for the reference GPU ${RATIO_TABLE}`);
  for (const [gpu, plan] of Object.entries(RATIO_PLANS)) {
    const legs = plan.legs.map(([target, ref]) => compareInRounds(mlperfRows, target, ref));
    const mlperfRatio = round4(legs.reduce((product, leg) => product * leg.ratio, 1));
    const ratio = round4(mlperfRatio * plan.extraFactor);
    const factorText = plan.extraFactor === 1 ? '' : ` x ${plan.extraFactor} (${gpu.toUpperCase()} vs ${legs[0]?.target ?? ''})`;
    sources[gpu] = {
      kind: 'mlperf-ratio',
      table: RATIO_TABLE,
      int8UsesFp16: false,
      legs,
      mlperfRatio,
      extraFactor: plan.extraFactor,
      extraFactorReason: plan.extraFactorReason,
      ratio,
      note:
        `Estimated: ${reference.gpuLabel} TensorRT demo latencies (@ ${shortCommit(reference.sourceCommit)}) divided by ` +
        `${ratio} = MLPerf bert-99 Server per-GPU QPS ratio ${legs.map(legText).join(' x ')}${factorText}`,
    };
  }
  return sources;
};
