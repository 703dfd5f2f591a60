// Capacity of one instance at a latency SLO: the QPS a type serves for a BERT model while meeting its p99.
import type { Precision } from '../fleet';
import type { BertModel, SequenceLength } from './catalog-data';
import { getInstanceType } from './catalog';
import { latencyCurve, type LatencyPoint } from './latency-curve';

/**
 * Share of the p99 SLO given to the batch's own execution; the rest is left for waiting in the queue.
 * With dynamic batching on a busy GPU, a request that just missed a batch waits up to one batch execution
 * before its own batch runs, so end-to-end latency reaches about twice the batch latency: hence one half.
 */
export const DEFAULT_SERVICE_SHARE_OF_SLO = 0.5;

/** What to size: an instance type, a BERT model and engine, and the fleet's p99 latency target. */
export interface CapacityQuery {
  instanceType: string;
  model: BertModel;
  precision: Precision;
  sequenceLength: SequenceLength;
  /** p99 end-to-end target (queue wait + service), milliseconds. */
  sloP99Ms: number;
  /** Share of `sloP99Ms` a batch may take, in (0, 1]; DEFAULT_SERVICE_SHARE_OF_SLO when absent. 1 = whole budget. */
  serviceShareOfSlo?: number;
}

/** The capacity of one instance, with how it was derived. */
export interface CapacityAtSlo {
  /** Sequences per second one instance sustains at the SLO (all its GPUs): its capacity units. */
  qpsPerInstance: number;
  perGpuQps: number;
  /** The batch size that gives that throughput; 0 when not even batch 1 fits the budget. */
  batchSize: number;
  /** p99 engine latency of that batch (of batch 1 when nothing fits), milliseconds. */
  latencyMs: number;
  /** sloP99Ms x serviceShareOfSlo: the p99 a batch may take. */
  budgetMs: number;
  source: 'tensorrt-demo' | 'mlperf-ratio';
  /** True when the GPU was not measured itself and its curve is scaled from another GPU's. */
  estimated: boolean;
  note: string;
}

/** A capacity query outside its domain (a non-finite SLO, or a service share outside (0, 1]). */
export class InvalidCapacityQueryError extends Error {
  readonly retryable = false;

  constructor(message: string) {
    super(message);
    this.name = 'InvalidCapacityQueryError';
  }
}

const throughputOf = (point: LatencyPoint): number => (point.batchSize / point.avgMs) * 1000;

/**
 * Among batches whose p99 fits the budget, the one with the highest throughput (the smaller on a tie). That is
 * normally the largest fitting batch; past saturation the measured curves wobble, and an operator would set
 * Triton's preferred batch size to the best one. It also makes capacity never shrink when the SLO loosens.
 */
const bestFittingBatch = (points: readonly LatencyPoint[], budgetMs: number): LatencyPoint | undefined => {
  let best: LatencyPoint | undefined;
  for (const point of points) {
    if (point.p99Ms > budgetMs) continue;
    if (best === undefined || throughputOf(point) > throughputOf(best)) best = point;
  }
  return best;
};

const fmt = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * QPS one instance of `instanceType` serves for the model while a batch's p99 stays within
 * `sloP99Ms x serviceShareOfSlo`; undefined when the type or its GPU has no throughput data.
 * Latencies are TensorRT engine time only (no host copies, tokenization or network), for padded sequences.
 *
 * @example
 * capacityAtSlo({ instanceType: 'g4dn.xlarge', model: 'bert-large', precision: 'int8', sequenceLength: 384, sloP99Ms: 100 });
 * // batch 4 (p99 24.27 ms) of the T4 table: 4 / 23.73 ms = 168.6 QPS, estimated: false
 */
export const capacityAtSlo = (query: CapacityQuery): CapacityAtSlo | undefined => {
  const share = query.serviceShareOfSlo ?? DEFAULT_SERVICE_SHARE_OF_SLO;
  if (!Number.isFinite(query.sloP99Ms)) throw new InvalidCapacityQueryError(`sloP99Ms must be finite, got ${query.sloP99Ms}`);
  if (!(share > 0 && share <= 1)) throw new InvalidCapacityQueryError(`serviceShareOfSlo must be in (0, 1], got ${share}`);
  const spec = getInstanceType(query.instanceType);
  if (spec === undefined) return undefined;
  const curve = latencyCurve(spec.gpuName, query.model, query.sequenceLength, query.precision);
  if (curve === undefined) return undefined;
  const budgetMs = query.sloP99Ms * share;
  const best = bestFittingBatch(curve.points, budgetMs);
  const perGpuQps = best === undefined ? 0 : throughputOf(best);
  const smallest = curve.points[0];
  const fp16Note = curve.precisionUsed === query.precision ? '' : ` ${query.precision.toUpperCase()} served with FP16 numbers.`;
  const choice =
    best === undefined
      ? `Even batch 1 (p99 ${fmt(smallest?.p99Ms ?? Number.NaN)} ms) exceeds the ${fmt(budgetMs)} ms budget: no capacity.`
      : `Batch ${best.batchSize}: p99 ${fmt(best.p99Ms)} ms within the ${fmt(budgetMs)} ms budget ` +
        `(${fmt(share * 100)}% of the ${fmt(query.sloP99Ms)} ms SLO), ${fmt(perGpuQps)} QPS per GPU x ${spec.gpuCount}.`;
  return {
    qpsPerInstance: perGpuQps * spec.gpuCount,
    perGpuQps,
    batchSize: best?.batchSize ?? 0,
    latencyMs: best?.p99Ms ?? smallest?.p99Ms ?? Number.NaN,
    budgetMs,
    source: curve.source.kind,
    estimated: curve.source.kind === 'mlperf-ratio',
    note: `${choice}${fp16Note} Source: ${curve.source.note}. Engine time only, padded to ${query.sequenceLength} tokens.`,
  };
};
