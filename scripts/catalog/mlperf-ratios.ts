// Speed ratios between GPUs from MLPerf Inference bert-99 Server results, compared only within a round.
import type { MlperfLeg, MlperfRoundComparison } from '../../layers/core/catalog/catalog-data';
import { CatalogSourceError } from './catalog-source-error';
import { field, type CsvFile } from './csv';

export const MLPERF_FILE = 'throughput/mlperf_inference_datacenter_bert_resnet.csv';

/** Which MLPerf rows stand for one GPU: an `accel_family`, optionally narrowed by the exact `accelerator` text. */
export interface AcceleratorSelector {
  /** Name used in notes, e.g. `A100-SXM`. */
  readonly name: string;
  readonly family: string;
  readonly acceleratorPattern?: RegExp;
}

/** One usable MLPerf row: per-accelerator scheduled QPS meeting the 130 ms p99 bound. */
export interface MlperfServerRow {
  readonly round: string;
  readonly family: string;
  readonly accelerator: string;
  readonly perAcceleratorQps: number;
}

/**
 * bert-99 Server rows that compare GPUs rather than serving stacks: Triton submissions (serving-framework
 * overhead that varies by submitter) and MaxQ submissions (power-capped, not how EC2 runs its GPUs) are dropped.
 */
export const mlperfServerRows = (csv: CsvFile): MlperfServerRow[] => {
  const file = MLPERF_FILE;
  return csv.rows
    .filter((row) => field(row, 'benchmark', file) === 'bert-99' && field(row, 'scenario', file) === 'Server')
    .filter((row) => field(row, 'result_validity', file) === 'VALID')
    .filter((row) => !/triton|maxq/i.test(field(row, 'system', file)))
    .filter((row) => field(row, 'per_accelerator_samples_per_s', file).trim() !== '')
    .map((row) => ({
      round: field(row, 'round', file),
      family: field(row, 'accel_family', file),
      accelerator: field(row, 'accelerator', file),
      perAcceleratorQps: Number(field(row, 'per_accelerator_samples_per_s', file)),
    }));
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  const lower = sorted[mid - 1] ?? upper;
  return sorted.length % 2 === 0 ? (lower + upper) / 2 : upper;
};

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

const selectByRound = (rows: readonly MlperfServerRow[], selector: AcceleratorSelector): Map<string, number[]> => {
  const byRound = new Map<string, number[]>();
  for (const row of rows) {
    if (row.family !== selector.family) continue;
    if (selector.acceleratorPattern !== undefined && !selector.acceleratorPattern.test(row.accelerator)) continue;
    byRound.set(row.round, [...(byRound.get(row.round) ?? []), row.perAcceleratorQps]);
  }
  return byRound;
};

/**
 * target/reference speed: in each round holding both, the ratio of their median per-accelerator Server QPS;
 * across rounds, the geometric mean. Comparing only within a round keeps software and rules equal on both sides.
 */
export const compareInRounds = (
  rows: readonly MlperfServerRow[],
  target: AcceleratorSelector,
  reference: AcceleratorSelector,
): MlperfLeg => {
  const targetByRound = selectByRound(rows, target);
  const referenceByRound = selectByRound(rows, reference);
  const rounds: MlperfRoundComparison[] = [];
  for (const [round, targetQps] of [...targetByRound].sort(([a], [b]) => a.localeCompare(b))) {
    const referenceQps = referenceByRound.get(round);
    if (referenceQps === undefined) continue;
    const targetMedianQps = median(targetQps);
    const referenceMedianQps = median(referenceQps);
    rounds.push({
      round,
      targetMedianQps,
      targetRows: targetQps.length,
      referenceMedianQps,
      referenceRows: referenceQps.length,
      ratio: round4(targetMedianQps / referenceMedianQps),
    });
  }
  if (rounds.length === 0) {
    throw new CatalogSourceError(`${MLPERF_FILE}: ${target.name} and ${reference.name} share no MLPerf round`);
  }
  const logMean = rounds.reduce((sum, r) => sum + Math.log(r.targetMedianQps / r.referenceMedianQps), 0) / rounds.length;
  return { target: target.name, reference: reference.name, rounds, ratio: round4(Math.exp(logMean)) };
};
