// Per-batch BERT latency of one GPU: measured (TensorRT demo) or scaled from a reference GPU by an MLPerf ratio.
import type { Precision } from '../fleet';
import type { BertModel, PerformanceSource, SequenceLength, TensorrtTable } from './catalog-data';
import { CATALOG_DATA } from './catalog.generated';

/** Engine latency of one batch on one GPU, milliseconds. */
export interface LatencyPoint {
  batchSize: number;
  p99Ms: number;
  avgMs: number;
}

/** A GPU's latency per batch size for one model, sequence length and precision, with where it came from. */
export interface LatencyCurve {
  points: LatencyPoint[];
  source: PerformanceSource;
  /** The TensorRT table the points come from (the reference GPU's, for an estimate). */
  table: TensorrtTable;
  /** The precision of the rows used: `fp16` for an INT8 request on a GPU without INT8 tensor cores. */
  precisionUsed: Precision;
}

/**
 * The latency curve of `gpuName`, or undefined when the catalog has no throughput data for that GPU or
 * combination. An estimated GPU (source `mlperf-ratio`) is taken to be `ratio` times as fast as the reference
 * at every batch size, so its latencies are the reference's divided by the ratio: a slower GPU fits
 * smaller batches into the same latency budget, as it would in reality.
 */
export const latencyCurve = (
  gpuName: string,
  model: BertModel,
  sequenceLength: SequenceLength,
  precision: Precision,
): LatencyCurve | undefined => {
  const source = CATALOG_DATA.performanceByGpu[gpuName];
  if (source === undefined) return undefined;
  const table = CATALOG_DATA.tensorrtTables[source.table];
  if (table === undefined) return undefined;
  const precisionUsed: Precision = source.int8UsesFp16 ? 'fp16' : precision;
  const speedup = source.kind === 'mlperf-ratio' ? source.ratio : 1;
  const points = table.rows
    .filter(([m, seq, , p]) => m === model && seq === sequenceLength && p === precisionUsed)
    .map(([, , batchSize, , , p99Ms, avgMs]) => ({ batchSize, p99Ms: p99Ms / speedup, avgMs: avgMs / speedup }))
    .sort((a, b) => a.batchSize - b.batchSize);
  return points.length === 0 ? undefined : { points, source, table, precisionUsed };
};
